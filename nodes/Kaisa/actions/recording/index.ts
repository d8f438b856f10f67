import type { INodeProperties } from 'n8n-workflow';

import type { KaisaOperations } from '../node.type';
import * as get from './get.operation';

export const operations: KaisaOperations<'recording'> = {
	get,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Download a call recording as a file',
				action: 'Get a recording',
			},
		],
		default: 'get',
	},
	...get.description,
];
