import type { INodeProperties } from 'n8n-workflow';

import type { WarehouseOperations } from '../node.type';
import * as getMany from './getMany.operation';

export const operations: WarehouseOperations<'entity'> = { getMany: getMany.operation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entity'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "Read many rows of an entity's flattened data",
				action: 'Get many entity rows',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
