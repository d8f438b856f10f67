import type { INodeProperties } from 'n8n-workflow';

import { MAX_LIMIT } from '../helpers/paths';

export const entityIdField: INodeProperties = {
	displayName: 'Entity ID',
	name: 'entityId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 8d631fde-505e-4101-a7cd-83ab6c054a5a',
	description: 'The GUID of the entity in Fenergo',
};

export const draftIdField: INodeProperties = {
	displayName: 'Draft ID',
	name: 'draftId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. bb88430f-48ec-46de-92dc-905876e0e8eb',
	description: 'The GUID of the entity draft (the ID that Create Draft returns)',
};

export const draftVersionField: INodeProperties = {
	displayName: 'Draft Version',
	name: 'draftVersion',
	type: 'number',
	default: -1,
	typeOptions: { minValue: -1, numberPrecision: 0 },
	description:
		'The version of the draft the change is based on (from Create Draft or Update Draft). Fenergo refuses the change if the draft has moved on since; -1 skips that check.',
};

export const entityTypeField: INodeProperties = {
	displayName: 'Entity Type',
	name: 'entityType',
	type: 'options',
	required: true,
	options: [
		{ name: 'Company', value: 'Company' },
		{ name: 'Entity Group', value: 'Entity Group' },
		{ name: 'Individual', value: 'Individual' },
		{ name: 'Other', value: 'Other' },
	],
	default: 'Individual',
	description: 'The Fenergo entity type',
};

export const targetEntityField: INodeProperties = {
	displayName: 'Target Entity',
	name: 'targetEntity',
	type: 'options',
	options: [
		{ name: 'Client', value: 'Client' },
		{ name: 'Related Party', value: 'Related Party' },
	],
	default: 'Client',
	description: 'Whether the entity is a client or a related party',
};

export const propertiesField: INodeProperties = {
	displayName: 'Properties',
	name: 'properties',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Property',
	default: {},
	description: 'Single-value properties, sent as {"name": {"type": "Single", "value": "..."}}',
	options: [
		{
			displayName: 'Property',
			name: 'property',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. firstName',
					description: 'The Fenergo property name, as in the policy',
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

export const propertiesJsonField: INodeProperties = {
	displayName: 'Properties (JSON)',
	name: 'propertiesJson',
	type: 'json',
	default: '{}',
	description:
		'Properties in Fenergo\'s own shape, for collections and custom properties, e.g. {"addresses": {"type": "Collection", ...}}. Entries here win over Properties with the same name.',
};

export const additionalDataField: INodeProperties = {
	displayName: 'Additional Data (JSON)',
	name: 'additionalData',
	type: 'json',
	default: '{}',
	description: 'More fields of the request\'s data object, as Fenergo\'s API reference names them (e.g. {"dataSources": {...}}); they win over the fields above',
};

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1, maxValue: MAX_LIMIT },
	displayOptions: { show: { returnAll: [false] } },
	description: 'Max number of results to return',
};

export const sortByOption: INodeProperties = {
	displayName: 'Sort By',
	name: 'sortBy',
	type: 'string',
	default: '',
	placeholder: 'e.g. created',
	description: 'The field to sort by (Fenergo\'s pager sortBy)',
};

export const sortOrderOption: INodeProperties = {
	displayName: 'Sort Order',
	name: 'sortOrder',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'ascending' },
		{ name: 'Descending', value: 'descending' },
	],
	default: 'ascending',
};
