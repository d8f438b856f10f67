import type { INodeProperties } from 'n8n-workflow';

import type { KaisaOperations } from '../node.type';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: KaisaOperations<'customer'> = {
	create,
	get,
	getMany,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a customer',
				action: 'Create a customer',
			},
			{ name: 'Get', value: 'get', description: 'Get a customer by ID', action: 'Get a customer' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List customers',
				action: 'Get many customers',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a customer',
				action: 'Update a customer',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
];
