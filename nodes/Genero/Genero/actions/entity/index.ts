import type { INodeProperties } from 'n8n-workflow';

import type { GeneroOperations } from '../node.type';
import type { ResourceSpec } from '../resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as importOperation from './import.operation';
import * as update from './update.operation';

/** The five operations every Customers-domain resource shares, for one resource. */
export function entityOperations(spec: ResourceSpec): GeneroOperations {
	return {
		create: create.operation(spec),
		get: get.operation(spec),
		update: update.operation(spec),
		delete: del.operation(spec),
		import: importOperation.operation(spec),
	};
}

/** The operation selector and every operation's fields for one resource. */
export function entityDescription(spec: ResourceSpec): INodeProperties[] {
	const name = spec.displayName.toLowerCase();
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [spec.resource] } },
			options: [
				{
					name: 'Create',
					value: 'create',
					description: `Create a ${name}`,
					action: `Create a ${name}`,
				},
				{
					name: 'Delete',
					value: 'delete',
					description: `Delete a ${name}`,
					action: `Delete a ${name}`,
				},
				{ name: 'Get', value: 'get', description: `Get a ${name}`, action: `Get a ${name}` },
				{
					name: 'Import',
					value: 'import',
					description: `Create or update the ${spec.plural} of all input items in batches of up to 5,000`,
					action: `Import ${spec.plural}`,
				},
				{
					name: 'Update',
					value: 'update',
					description: `Update a ${name}`,
					action: `Update a ${name}`,
				},
			],
			default: 'import',
		},
		...create.description(spec),
		...get.description(spec),
		...update.description(spec),
		...del.description(spec),
		...importOperation.description(spec),
	];
}
