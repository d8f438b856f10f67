import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../shared/descriptions';
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

/** Entity ID, Draft ID and Draft Version: the fields of every change to a draft. */
export const draftTargetFields: INodeProperties[] = [
	entityIdField,
	draftIdField,
	draftVersionField,
];

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

export interface NameValueCollection {
	displayName: string;
	name: string;
	placeholder: string;
	description: string;
	/** The display name and name of one entry (e.g. Property / property). */
	entry: { displayName: string; name: string };
	namePlaceholder: string;
	nameDescription: string;
	/** Further values of an entry, after Name and Value. */
	more?: INodeProperties[];
}

/** A multiple-value fixedCollection whose entries are a Name and a Value (and any further values). */
export function nameValueCollection(spec: NameValueCollection): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: spec.placeholder,
		default: {},
		description: spec.description,
		options: [
			{
				displayName: spec.entry.displayName,
				name: spec.entry.name,
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: spec.namePlaceholder,
						description: spec.nameDescription,
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					...(spec.more ?? []),
				],
			},
		],
	};
}

export const propertiesField: INodeProperties = nameValueCollection({
	displayName: 'Properties',
	name: 'properties',
	placeholder: 'Add Property',
	description: 'Single-value properties, sent as {"name": {"type": "Single", "value": "..."}}',
	entry: { displayName: 'Property', name: 'property' },
	namePlaceholder: 'e.g. firstName',
	nameDescription: 'The Fenergo property name, as in the policy',
});

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
	description:
		'More fields of the request\'s data object, as Fenergo\'s API reference names them (e.g. {"dataSources": {...}}); they win over the fields above',
};

export const sortByOption: INodeProperties = {
	displayName: 'Sort By',
	name: 'sortBy',
	type: 'string',
	default: '',
	placeholder: 'e.g. created',
	description: "The field to sort by (Fenergo's pager sortBy)",
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

export const categoryOption: INodeProperties = {
	displayName: 'Categories',
	name: 'category',
	type: 'string',
	default: '',
	placeholder: 'e.g. Basic Details, Enrich Details',
	description: 'Comma-separated requirement categories',
};

/** The "Additional Fields" collection of an operation. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** Return All, Limit and Options (the given ones, then Sort By and Sort Order): the tail of every list operation. */
export function listFields(options: INodeProperties[] = []): INodeProperties[] {
	return [
		...returnAllOrLimit(MAX_LIMIT),
		optionsCollection([...options, sortByOption, sortOrderOption]),
	];
}

/** Fenergo's operations take the shared Options collection from here with their other fields. */
export { optionsCollection };
