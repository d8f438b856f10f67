import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './trigger/description';
import { getEventTypes } from './trigger/load-options';
import { poll } from './trigger/poll';
import { receive } from './trigger/receive';
import { checkExists, create, remove } from './trigger/registration';

export class FenergoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fenergo Trigger',
		name: 'fenergoTrigger',
		icon: { light: 'file:fenergo.svg', dark: 'file:fenergo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["mode"] === "polling" ? "Polling: " + $parameter["feed"] : "Webhook"}}',
		description: 'Starts the workflow on Fenergo event notifications (webhook or polling)',
		defaults: { name: 'Fenergo Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fenergoApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { loadOptions: { getEventTypes } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
