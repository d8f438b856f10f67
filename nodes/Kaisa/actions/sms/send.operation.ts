import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pushFirstRow } from '../../helpers/items';
import { readPhone, readRequiredText, requireText } from '../../helpers/validation';
import { kaisaRequest } from '../../transport';
import { customerIdField } from '../common.descriptions';

const properties: INodeProperties[] = [
	{ ...customerIdField, description: 'The customer the message is sent for (customer_id)' },
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +46850000012',
		description: 'Sending number in international format (from_nr)',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +46701234567',
		description: 'Receiving mobile number in international format (to_nr)',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'Text of the SMS (msg)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['sms'], operation: ['send'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const node = this.getNode();
	const customerId = readRequiredText.call(this, 'customerId', itemIndex, 'Customer ID');
	const from = readPhone.call(this, 'from', itemIndex, 'From');
	const to = readPhone.call(this, 'to', itemIndex, 'To');
	const message = this.getNodeParameter('message', itemIndex, '') as string;
	requireText(node, itemIndex, typeof message === 'string' ? message.trim() : '', 'Message');
	const body = await kaisaRequest.call(this, itemIndex, 'POST', '/textmessages/sms', {
		customer_id: customerId,
		msg: message,
		from_nr: from,
		to_nr: to,
	});
	pushFirstRow(returnData, body, 'textmessages', itemIndex);
}
