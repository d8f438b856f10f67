import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeTypeDescription,
	IRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { ExecutionBaseError, NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import type { PredefinedCredentialNode } from '../node-types';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Behaves like the HTTP Request node (v3/v4 execute path) with Authentication = "Predefined
 * credential type": every item's request is started before any is awaited, results are
 * collected with Promise.allSettled, and with continueOnFail a failed item becomes
 * `{ json: { error } }` paired to its input. The credential slot follows the `credentialType`
 * parameter (the real node's `nodeCredentialType`).
 */
export class HttpRequestLike implements PredefinedCredentialNode {
	readonly predefinedCredentialParameter = 'credentialType';

	description: INodeTypeDescription = {
		displayName: 'Test HTTP Request',
		name: 'testHttpRequest',
		group: ['output'],
		version: 1,
		description: 'HTTP Request node stand-in using a predefined credential type',
		defaults: { name: 'HTTP Request' },
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
			{
				displayName: 'Request Helper',
				name: 'helper',
				type: 'options',
				options: [
					{ name: 'Legacy (requestWithAuthentication)', value: 'legacy' },
					{ name: 'Modern (httpRequestWithAuthentication)', value: 'modern' },
				],
				default: 'legacy',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const requests: Array<Promise<unknown>> = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const credentialType = this.getNodeParameter('credentialType', itemIndex) as string;
			const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
			const url = this.getNodeParameter('url', itemIndex) as string;
			const helper = this.getNodeParameter('helper', itemIndex) as string;
			if (helper === 'modern') {
				const options: IHttpRequestOptions = { method, url, json: true };
				requests.push(
					this.helpers.httpRequestWithAuthentication.call(this, credentialType, options),
				);
			} else {
				const options: IRequestOptions = { method, uri: url, json: true, gzip: true, headers: {} };
				requests.push(
					this.helpers.requestWithAuthentication.call(
						this,
						credentialType,
						options,
						undefined,
						itemIndex,
					),
				);
			}
		}

		const settled = await Promise.allSettled(requests);
		const returnItems: INodeExecutionData[] = [];
		settled.forEach((result, itemIndex) => {
			if (result.status === 'fulfilled') {
				const body = result.value;
				const json = (
					typeof body === 'object' && body !== null ? body : { data: body }
				) as IDataObject;
				returnItems.push({ json, pairedItem: { item: itemIndex } });
				return;
			}
			if (!this.continueOnFail()) {
				const reason = result.reason as unknown;
				if (reason instanceof ExecutionBaseError) throw reason;
				throw new NodeApiError(this.getNode(), reason as JsonObject, { itemIndex });
			}
			returnItems.push({ json: { error: result.reason }, pairedItem: { item: itemIndex } });
		});
		return [returnItems];
	}
}
