import type { INodeProperties } from 'n8n-workflow';

import type { KaisaOperations } from '../node.type';
import * as send from './send.operation';

export const operations: KaisaOperations<'sms'> = {
	send,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{ name: 'Send', value: 'send', description: 'Send a text message', action: 'Send an SMS' },
		],
		default: 'send',
	},
	...send.description,
];
