import type { ResourceSpec } from '../resource';
import { entityDescription, entityOperations } from '../entity';

export const spec: ResourceSpec = {
	resource: 'wholesaler',
	displayName: 'Wholesaler',
	plural: 'wholesalers',
	mainFields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Dagab',
		},
	],
	additionalFields: [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
		},
		{ displayName: 'Organization Number', name: 'organizationNumber', type: 'string', default: '' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	],
};

export const description = entityDescription(spec);

export const operations = entityOperations(spec);
