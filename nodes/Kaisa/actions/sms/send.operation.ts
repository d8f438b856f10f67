import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readText, requireText, toE164 } from '../../helpers/validation';
import { kaisaRequest, resultRows } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5012',
		description: 'The customer the message is sent for (customer_id)',
	},
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
	const customerId = requireText(node, itemIndex, readText.call(this, 'customerId', itemIndex), 'Customer ID');
	const from = toE164(node, itemIndex, requireText(node, itemIndex, readText.call(this, 'from', itemIndex), 'From'), 'From');
	const to = toE164(node, itemIndex, requireText(node, itemIndex, readText.call(this, 'to', itemIndex), 'To'), 'To');
	const message = this.getNodeParameter('message', itemIndex, '') as string;
	requireText(node, itemIndex, typeof message === 'string' ? message.trim() : '', 'Message');
	const body = await kaisaRequest.call(this, itemIndex, 'POST', '/textmessages/sms', {
		customer_id: customerId,
		msg: message,
		from_nr: from,
		to_nr: to,
	});
	const [sms] = resultRows(body, 'textmessages');
	returnData.push({ json: sms ?? body, pairedItem: { item: itemIndex } });
}
