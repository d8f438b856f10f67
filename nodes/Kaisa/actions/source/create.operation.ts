import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compact } from '../../helpers/items';
import { asText, fieldError, readText, requireText, toE164 } from '../../helpers/validation';
import { kaisaRequest, resultRows } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5012',
		description: 'The customer the tracking number belongs to (customer_id)',
	},
	{
		displayName: 'Destination Number',
		name: 'destnr',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +46812345678',
		description: 'Where calls to the tracking number are forwarded (destnr), in international format',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Class',
				name: 'class',
				type: 'string',
				default: '',
				description: 'Tracking number class as Kaisa names it in your account (class)',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Other Fields',
				name: 'otherFields',
				type: 'fixedCollection',
				placeholder: 'Add Field',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Fields Kaisa documented for your account that this node does not list, sent as they are',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
							},
						],
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['source'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const node = this.getNode();
	const customerId = requireText(node, itemIndex, readText.call(this, 'customerId', itemIndex), 'Customer ID');
	const destnr = toE164(node, itemIndex, requireText(node, itemIndex, readText.call(this, 'destnr', itemIndex), 'Destination Number'), 'Destination Number');
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const form: IDataObject = {};
	const others = (additional.otherFields as { field?: Array<{ name?: unknown; value?: unknown }> } | undefined)?.field ?? [];
	for (const other of others) {
		const name = asText(other.name);
		if (name === '') {
			throw fieldError(node, itemIndex, "A field under 'Other Fields' has no name", 'Enter the Kaisa field name (e.g. routing_id) or remove the entry.');
		}
		form[name] = typeof other.value === 'string' ? other.value : String(other.value ?? '');
	}
	Object.assign(
		form,
		compact({
			campaign_id: asText(additional.campaignId),
			class: asText(additional.class),
			description: asText(additional.description),
			name: asText(additional.name),
		}),
		{ customer_id: customerId, destnr },
	);
	const body = await kaisaRequest.call(this, itemIndex, 'POST', '/sources', form);
	const [source] = resultRows(body, 'sources');
	returnData.push({ json: source ?? body, pairedItem: { item: itemIndex } });
}
