import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as call from './actions/call';
import * as customer from './actions/customer';
import * as recording from './actions/recording';
import { router } from './actions/router';
import * as sms from './actions/sms';
import * as source from './actions/source';

export class Kaisa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kaisa',
		name: 'kaisa',
		icon: { light: 'file:kaisa.svg', dark: 'file:kaisa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Pull calls and recordings from Kaisa (formerly Freespee) and manage customers, tracking numbers and SMS',
		defaults: {
			name: 'Kaisa',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'kaisaApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Recording', value: 'recording' },
					{ name: 'SMS', value: 'sms' },
					{ name: 'Tracking Number', value: 'source' },
				],
				default: 'call',
			},
			...call.description,
			...customer.description,
			...recording.description,
			...sms.description,
			...source.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
