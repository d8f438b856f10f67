import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../../shared/parameters/fields';
import { firstRow } from '../../helpers/items';
import { requirePhone } from '../../helpers/validation';
import { kaisaRequest } from '../../transport';
import { customerIdField } from '../common.descriptions';
import { parallelOptions } from '../parallel';

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
	parallelOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['send'] } },
	properties,
);

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const customerId = requireText(
		node,
		itemIndex,
		this.getNodeParameter('customerId', itemIndex, ''),
		'Customer ID',
	);
	const from = requirePhone(node, itemIndex, this.getNodeParameter('from', itemIndex, ''), 'From');
	const to = requirePhone(node, itemIndex, this.getNodeParameter('to', itemIndex, ''), 'To');
	const raw = this.getNodeParameter('message', itemIndex, '');
	const message = typeof raw === 'string' ? raw : '';
	// Checked trimmed, sent as written: leading spaces or line breaks can be part of the text.
	requireText(node, itemIndex, message, 'Message');
	return { customer_id: customerId, msg: message, from_nr: from, to_nr: to };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	form: IDataObject,
): Promise<IDataObject> {
	const body = await kaisaRequest.call(this, itemIndex, 'POST', '/textmessages/sms', form);
	return firstRow(body, 'textmessages');
}
