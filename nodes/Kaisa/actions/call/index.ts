import type { INodeProperties } from 'n8n-workflow';

import type { KaisaOperations } from '../node.type';
import * as getMany from './getMany.operation';

export const operations: KaisaOperations<'call'> = {
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List calls in a time range, with automatic paging',
				action: 'Get many calls',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
