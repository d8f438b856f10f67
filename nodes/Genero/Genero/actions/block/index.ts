import type { ResourceSpec } from '../resource';
import { entityDescription, entityOperations } from '../entity';

export const spec: ResourceSpec = {
	resource: 'block',
	displayName: 'Block',
	plural: 'blocks',
	mainFields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. ICA Nära',
		},
	],
	additionalFields: [
		{
			displayName: 'Chain External ID',
			name: 'chainExternalId',
			type: 'string',
			default: '',
			description: 'External ID of the chain the block belongs to',
		},
	],
};

export const description = entityDescription(spec);

export const operations = entityOperations(spec);
