import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { ExecutionBaseError, NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { apiRequest } from '../../../nodes/shared/transport';
import type { PredefinedCredentialNode } from '../node-types';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Calls the package's transport (`apiRequest`) once per item, all items concurrently, and
 * returns each response as the item's JSON; continueOnFail pairs an error item to its input.
 */
export class TransportProbe implements PredefinedCredentialNode {
	readonly predefinedCredentialParameter = 'credentialType';

	description: INodeTypeDescription = {
		displayName: 'Test Transport Probe',
		name: 'testTransport',
		group: ['output'],
		version: 1,
		description: 'Calls nodes/shared/transport apiRequest per item',
		defaults: { name: 'Transport' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [],
		properties: [
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: '' },
			{
				displayName: 'Method',
				name: 'method',
				type: 'options',
				options: METHODS.map((method) => ({ name: method, value: method })),
				default: 'GET',
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const settled = await Promise.allSettled(
			items.map(async (_item, itemIndex) => {
				const credentialType = this.getNodeParameter('credentialType', itemIndex) as string;
				const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
				const url = this.getNodeParameter('url', itemIndex) as string;
				return await apiRequest.call(this, credentialType, { method, url }, itemIndex);
			}),
		);
		return [
			settled.map((result, itemIndex) => {
				if (result.status === 'fulfilled') {
					const body = result.value as unknown;
					const json = (
						typeof body === 'object' && body !== null ? body : { data: body }
					) as IDataObject;
					return { json, pairedItem: { item: itemIndex } };
				}
				if (!this.continueOnFail()) {
					const reason = result.reason as unknown;
					if (reason instanceof ExecutionBaseError) throw reason;
					throw new NodeApiError(this.getNode(), reason as JsonObject, { itemIndex });
				}
				return { json: { error: result.reason }, pairedItem: { item: itemIndex } };
			}),
		];
	}
}
