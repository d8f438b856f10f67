import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { tenantField } from '../shared/tenant';
import * as block from './actions/block';
import * as chain from './actions/chain';
import * as customer from './actions/customer';
import * as customerContact from './actions/customerContact';
import { router } from './actions/router';
import * as wholesaler from './actions/wholesaler';

export class Genero implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genero',
		name: 'genero',
		icon: { light: 'file:genero.svg', dark: 'file:genero.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Import customers, contacts, chains, blocks and wholesalers into Genero',
		defaults: { name: 'Genero' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'generoPublicApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Block', value: 'block' },
					{ name: 'Chain', value: 'chain' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Customer Contact', value: 'customerContact' },
					{ name: 'Wholesaler', value: 'wholesaler' },
				],
				default: 'customer',
			},
			...customer.description,
			...customerContact.description,
			...chain.description,
			...block.description,
			...wholesaler.description,
			tenantField(
				'the tenant to act for. Leave empty for a single-tenant client. Items with different tenants are imported in separate batches.',
			),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
