import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as entity from './actions/entity';
import { router } from './actions/router';

export class Fenergo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fenergo',
		name: 'fenergo',
		icon: { light: 'file:fenergo.svg', dark: 'file:fenergo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read, search and change client entities in Fenergo SaaS',
		defaults: { name: 'Fenergo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fenergoApi', required: true }],
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

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
