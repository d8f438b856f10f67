import type { ResourceSpec } from '../resource';
import { entityDescription, entityOperations } from '../entity';

export const spec: ResourceSpec = {
	resource: 'customer',
	displayName: 'Customer',
	plural: 'customers',
	mainFields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. ICA Maxi Sollentuna',
		},
	],
	additionalFields: [
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether the customer is active',
		},
		{ displayName: 'Address', name: 'address', type: 'string', default: '' },
		{
			displayName: 'Block External ID',
			name: 'blockExternalId',
			type: 'string',
			default: '',
			description: 'External ID of the block the customer belongs to',
		},
		{
			displayName: 'Chain External ID',
			name: 'chainExternalId',
			type: 'string',
			default: '',
			description: 'External ID of the chain the customer belongs to',
		},
		{ displayName: 'City', name: 'city', type: 'string', default: '' },
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'e.g. SE',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
		},
		{
			displayName: 'Organization Number',
			name: 'organizationNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. 556036-0793',
		},
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'number',
			default: 0,
			description: 'Visit priority of the customer',
		},
		{ displayName: 'Website', name: 'website', type: 'string', default: '' },
		{
			displayName: 'Wholesaler External ID',
			name: 'wholesalerExternalId',
			type: 'string',
			default: '',
			description: 'External ID of the wholesaler that supplies the customer',
		},
	],
};

export const description = entityDescription(spec);

export const operations = entityOperations(spec);
