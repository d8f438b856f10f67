import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './trigger/description';
import { readUrlSecret } from './trigger/secret';
import { receiveCall } from './trigger/webhook';

export class KaisaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kaisa Trigger',
		name: 'kaisaTrigger',
		icon: { light: 'file:kaisa.svg', dark: 'file:kaisa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["requests"] === "both" ? "Pre-call and post-call" : "Post-call"}}',
		description: 'Starts the workflow when Kaisa (formerly Freespee) posts a call',
		defaults: {
			name: 'Kaisa Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'kaisaApi',
				required: true,
				displayOptions: { show: { downloadRecording: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'kaisa',
			},
		],
		properties: triggerProperties,
	};

	// Nothing to register at Kaisa (the URL is pasted in its web app): activation only checks the secret.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				readUrlSecret(this.getNode(), this.getNodeParameter('urlSecret', ''));
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCall.call(this);
	}
}
