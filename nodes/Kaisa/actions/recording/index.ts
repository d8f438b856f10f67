import type { INodeProperties } from 'n8n-workflow';

import type { KaisaOperation } from '../node.type';
import * as get from './get.operation';

export const operations: Record<string, KaisaOperation> = {
	get: get.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Download a call recording as a file', action: 'Get a recording' },
		],
		default: 'get',
	},
	...get.description,
];
