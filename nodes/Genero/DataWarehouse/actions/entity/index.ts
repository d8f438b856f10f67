import type { INodeProperties } from 'n8n-workflow';

import type { WarehouseOperations } from '../node.type';
import * as confirmPosition from './confirmPosition.operation';
import * as getMany from './getMany.operation';

export const operations: WarehouseOperations<'entity'> = {
	getMany: getMany.operation,
	confirmPosition: confirmPosition.operation,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entity'] } },
		options: [
			{
				name: 'Confirm Position',
				value: 'confirmPosition',
				description:
					'At the end of the flow: the "Changed Since Last Run" nodes before it continue after the rows of this run only once this step runs',
				action: 'Confirm the extraction position',
			},
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
	...confirmPosition.description,
];
