import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asText, fieldError, requireText } from '../../../shared/parameters/fields';
import { asFormValue, firstRow, textQuery } from '../../helpers/items';
import { requirePhone } from '../../helpers/validation';
import { kaisaRequest } from '../../transport';
import { customerIdField, textOption } from '../common.descriptions';
import { parallelOptions } from '../parallel';
import { campaignIdOption, classOption } from './fields';

const properties: INodeProperties[] = [
	{ ...customerIdField, description: 'The customer the tracking number belongs to (customer_id)' },
	{
		displayName: 'Destination Number',
		name: 'destnr',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +46812345678',
		description:
			'Where calls to the tracking number are forwarded (destnr), in international format',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			campaignIdOption,
			classOption,
			textOption('Description', 'description'),
			textOption('Name', 'name'),
			{
				displayName: 'Other Fields',
				name: 'otherFields',
				type: 'fixedCollection',
				placeholder: 'Add Field',
				typeOptions: { multipleValues: true },
				default: {},
				description:
					'Fields Kaisa documented for your account that this node does not list, sent as they are',
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
	parallelOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['source'], operation: ['create'] } },
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
	const destnr = requirePhone(
		node,
		itemIndex,
		this.getNodeParameter('destnr', itemIndex, ''),
		'Destination Number',
	);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const form: IDataObject = {};
	const others =
		(additional.otherFields as { field?: Array<{ name?: unknown; value?: unknown }> } | undefined)
			?.field ?? [];
	for (const other of others) {
		const name = asText(other.name);
		if (name === '') {
			throw fieldError(
				node,
				itemIndex,
				"A field under 'Other Fields' has no name",
				'Enter the Kaisa field name (e.g. routing_id) or remove the entry.',
			);
		}
		form[name] = asFormValue(other.value);
	}
	return Object.assign(
		form,
		textQuery(additional, {
			campaign_id: 'campaignId',
			class: 'class',
			description: 'description',
			name: 'name',
		}),
		{ customer_id: customerId, destnr },
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	form: IDataObject,
): Promise<IDataObject> {
	const body = await kaisaRequest.call(this, itemIndex, 'POST', '/sources', form);
	return firstRow(body, 'sources');
}
