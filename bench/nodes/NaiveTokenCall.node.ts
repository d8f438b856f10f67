import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * What a user builds without a token-aware credential: one request for a token at the start of
 * every execution (an HTTP Request node), then the API calls with it (a second one).
 */
export class NaiveTokenCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Naive Token Call',
		name: 'benchNaiveTokenCall',
		group: ['output'],
		version: 1,
		description: 'Fetches a token, then calls the API once per item',
		defaults: { name: 'Naive' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Token URL', name: 'tokenUrl', type: 'string', default: '' },
			{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
			{
				displayName: 'Client Secret',
				name: 'clientSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const answer = (await this.helpers.httpRequest({
			method: 'POST',
			url: this.getNodeParameter('tokenUrl', 0) as string,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: this.getNodeParameter('clientId', 0) as string,
				client_secret: this.getNodeParameter('clientSecret', 0) as string,
			}).toString(),
			json: true,
		})) as { access_token: string };
		const url = this.getNodeParameter('url', 0) as string;
		const bodies = await Promise.all(
			items.map(
				async () =>
					(await this.helpers.httpRequest({
						method: 'GET',
						url,
						headers: { Authorization: `Bearer ${answer.access_token}` },
						json: true,
					})) as IDataObject,
			),
		);
		return [bodies.map((json, item) => ({ json, pairedItem: { item } }))];
	}
}
