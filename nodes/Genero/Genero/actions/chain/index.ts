import type { ResourceSpec } from '../resource';
import { entityDescription, entityOperations } from '../entity';

export const spec: ResourceSpec = {
	resource: 'chain',
	displayName: 'Chain',
	plural: 'chains',
	mainFields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. ICA',
		},
	],
	additionalFields: [],
};

export const description = entityDescription(spec);

export const operations = entityOperations(spec);
