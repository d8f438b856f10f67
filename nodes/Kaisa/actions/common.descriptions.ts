import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit as sharedReturnAllOrLimit } from '../../shared/descriptions';

export const returnAllOrLimit: INodeProperties[] = sharedReturnAllOrLimit();

export const customFieldsOption: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	placeholder: 'Add Custom Field',
	typeOptions: { multipleValues: true },
	default: {},
	description: "Kaisa's free custom fields custom_1 to custom_20",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Number',
					name: 'number',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 20 },
					default: 1,
					description: 'Which custom field, 1 to 20',
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
};

/** A plain optional text field for a Filters or Additional Fields collection. */
export function textOption(
	displayName: string,
	name: string,
	description?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		...(description !== undefined && { description }),
	};
}

/** The Filters collection of a Get Many operation. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

export const customerIdField: INodeProperties = {
	displayName: 'Customer ID',
	name: 'customerId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5012',
	description: "Kaisa's ID of the customer (customer_id)",
};

export const customerIdFilter = textOption('Customer ID', 'customerId');
export const custnrFilter = textOption('Customer Number', 'custnr');
export const sourceIdFilter = textOption(
	'Tracking Number ID',
	'sourceId',
	"Kaisa's ID of the tracking number (source_id)",
);
