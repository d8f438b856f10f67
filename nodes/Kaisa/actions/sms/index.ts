import type { INodeProperties } from 'n8n-workflow';

import type { KaisaOperation } from '../node.type';
import * as send from './send.operation';

export const operations: Record<string, KaisaOperation> = {
	send: send.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [{ name: 'Send', value: 'send', description: 'Send a text message', action: 'Send an SMS' }],
		default: 'send',
	},
	...send.description,
];
