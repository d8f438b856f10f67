import type { ResourceSpec } from '../resource';
import { entityDescription, entityOperations } from '../entity';

export const spec: ResourceSpec = {
	resource: 'customerContact',
	displayName: 'Customer Contact',
	plural: 'customer contacts',
	mainFields: [
		{
			displayName: 'Customer External ID',
			name: 'customerExternalId',
			type: 'string',
			required: true,
			default: '',
			description: 'External ID of the customer this person works for',
		},
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	],
	additionalFields: [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
		},
		{ displayName: 'Mobile Phone', name: 'mobilePhone', type: 'string', default: '' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			placeholder: 'e.g. Store Manager',
		},
	],
};

export const description = entityDescription(spec);

export const operations = entityOperations(spec);
