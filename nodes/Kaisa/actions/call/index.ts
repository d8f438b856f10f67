import type { INodeProperties } from 'n8n-workflow';

import type { KaisaOperations } from '../node.type';
import * as confirmPosition from './confirmPosition.operation';
import * as getMany from './getMany.operation';

export const operations: KaisaOperations<'call'> = {
	confirmPosition,
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
				name: 'Confirm Position',
				value: 'confirmPosition',
				description:
					'At the end of the flow: the "Since Last Run" call lists before it continue after the calls of this run only once this step runs',
				action: 'Confirm the call list position',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List calls in a time range or since the last run, with automatic paging',
				action: 'Get many calls',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...confirmPosition.description,
];
