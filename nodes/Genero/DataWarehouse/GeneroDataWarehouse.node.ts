import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as entity from './actions/entity';
import { router } from './actions/router';
import { listSearch } from './methods';

export class GeneroDataWarehouse implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genero Data Warehouse',
		name: 'generoDataWarehouse',
		icon: { light: 'file:generoDataWarehouse.svg', dark: 'file:generoDataWarehouse.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Extract a tenant's flattened Genero data, incrementally and within Genero's limits",
		defaults: { name: 'Genero Data Warehouse' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'generoDataWarehouseApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Entity', value: 'entity' }],
				default: 'entity',
			},
			...entity.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
