import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonObject, requireText } from '../../../../shared/parameters/fields';
import { pathOption } from '../../../shared/path-option';
import { PUBLIC_API } from '../../../shared/paths';
import type { ResourceSpec } from '../resource';

const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName);

function optional(field: INodeProperties): INodeProperties {
	const { required: _required, ...rest } = field;
	return rest;
}

export function externalIdProperty(spec: ResourceSpec, description: string): INodeProperties {
	return {
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: spec.resource === 'customer' ? 'e.g. 100234' : '',
		description,
	};
}

export function mainFieldProperties(spec: ResourceSpec): INodeProperties[] {
	return spec.mainFields.map((field) => ({ ...field }));
}

export const JSON_FIELDS_LABEL = 'Extra Fields (JSON)';

const jsonFieldsOption: INodeProperties = {
	displayName: JSON_FIELDS_LABEL,
	name: 'jsonFields',
	type: 'json',
	default: '{}',
	description:
		'Any other fields Genero accepts, as a JSON object; they are merged last and win over the fields above',
};

/** "Additional Fields" (create, import) or "Update Fields" (update, which also offers the main fields). */
export function fieldsCollection(
	spec: ResourceSpec,
	name: 'additionalFields' | 'updateFields',
): INodeProperties {
	const fields =
		name === 'updateFields'
			? [...spec.mainFields, ...spec.additionalFields]
			: spec.additionalFields;
	return {
		displayName: name === 'updateFields' ? 'Update Fields' : 'Additional Fields',
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...fields.map(optional), jsonFieldsOption].sort(byDisplayName),
	};
}

/** The Path option for the table's path `example` of an operation. */
export function entityPathOption(example: string): INodeProperties {
	return pathOption(
		example,
		example.includes('{externalId}') ? '{externalId} is replaced by the external ID' : undefined,
	);
}

export function blank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

export function readExternalId(this: IExecuteFunctions, itemIndex: number): string {
	return requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('externalId', itemIndex, ''),
		'External ID',
	);
}

/** The collection's values without blanks, with Extra Fields (JSON) merged last. */
function readCollection(this: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const { jsonFields, ...fields } = this.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) if (!blank(value)) out[key] = value;
	const extra = parseJsonObject(
		this.getNode(),
		itemIndex,
		jsonFields,
		JSON_FIELDS_LABEL,
		'{"customField": "value"}',
	);
	return { ...out, ...extra };
}

/** The body of an update: only the fields given. */
export function updateFromFields(
	this: IExecuteFunctions,
	externalId: string,
	itemIndex: number,
): IDataObject {
	const changes = readCollection.call(this, 'updateFields', itemIndex);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No field to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	return { [PUBLIC_API.externalIdField]: externalId, ...changes };
}

/** The entity with its external ID as trimmed text; fails naming the field when there is none. */
export function checkEntity(
	node: INode,
	spec: ResourceSpec,
	entity: IDataObject,
	itemIndex: number,
): IDataObject {
	const idField = PUBLIC_API.externalIdField;
	const id = entity[idField];
	if (blank(id) || typeof id === 'object') {
		throw new NodeOperationError(
			node,
			`The ${spec.displayName.toLowerCase()} has no "${idField}"`,
			{
				itemIndex,
				description: `Every ${spec.displayName.toLowerCase()} needs the field "${idField}": the ID your own system gives it. Map it under External ID, or add it to the input item.`,
			},
		);
	}
	entity[idField] = String(id).trim();
	return entity;
}
