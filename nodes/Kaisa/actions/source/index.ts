import type { INodeProperties } from 'n8n-workflow';

import type { KaisaOperations } from '../node.type';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const operations: KaisaOperations<'source'> = {
	create,
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['source'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a tracking number',
				action: 'Create a tracking number',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List tracking numbers',
				action: 'Get many tracking numbers',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...getMany.description,
];
