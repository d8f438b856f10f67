import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { PUBLIC_API } from '../../paths';
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

const jsonFieldsOption: INodeProperties = {
	displayName: 'Extra Fields (JSON)',
	name: 'jsonFields',
	type: 'json',
	default: '{}',
	description:
		'Any other fields Genero accepts, as a JSON object; they are merged last and win over the fields above',
};

/** "Additional Fields" (create, import) or "Update Fields" (update, which also offers the main fields). */
export function fieldsCollection(spec: ResourceSpec, name: 'additionalFields' | 'updateFields'): INodeProperties {
	const fields = name === 'updateFields' ? [...spec.mainFields, ...spec.additionalFields] : spec.additionalFields;
	return {
		displayName: name === 'updateFields' ? 'Update Fields' : 'Additional Fields',
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...fields.map(optional), jsonFieldsOption].sort(byDisplayName),
	};
}

/** The "Path" option: replaces the table's path for this operation (the verb stays). */
export function pathOption(example: string): INodeProperties {
	const id = example.includes('{externalId}') ? ' ({externalId} is replaced by the external ID)' : '';
	return {
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		placeholder: `e.g. ${example}`,
		description: `Overrides the assumed endpoint path, relative to the credential's Base URL${id}. Genero's paths are not public; see the node's documentation.`,
	};
}

function blank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function readExternalId(this: IExecuteFunctions, spec: ResourceSpec, itemIndex: number): string {
	const value = this.getNodeParameter('externalId', itemIndex, '') as unknown;
	if (blank(value) || typeof value === 'object') {
		throw new NodeOperationError(this.getNode(), `The External ID of the ${spec.displayName.toLowerCase()} is empty`, {
			itemIndex,
			description: `Enter the ID your own system gives the ${spec.displayName.toLowerCase()} (e.g. the ERP number); Genero identifies ${spec.plural} by it.`,
		});
	}
	return String(value).trim();
}

function readJsonFields(this: IExecuteFunctions, raw: unknown, itemIndex: number): IDataObject {
	if (blank(raw)) return {};
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = jsonParse<unknown>(raw);
		} catch {
			parsed = undefined;
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), 'Extra Fields (JSON) is not a JSON object', {
			itemIndex,
			description: 'Enter a JSON object such as {"customField": "value"}, or remove the option.',
		});
	}
	return parsed as IDataObject;
}

/** The collection's values without blanks, with Extra Fields (JSON) merged last. */
function readCollection(this: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const { jsonFields, ...fields } = this.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) if (!blank(value)) out[key] = value;
	return { ...out, ...readJsonFields.call(this, jsonFields, itemIndex) };
}

/** An entity from the node's fields (create, import); required fields checked before any call. */
export function entityFromFields(this: IExecuteFunctions, spec: ResourceSpec, itemIndex: number): IDataObject {
	const idField = PUBLIC_API.externalIdField;
	const entity: IDataObject = { [idField]: readExternalId.call(this, spec, itemIndex) };
	for (const field of spec.mainFields) {
		const value = this.getNodeParameter(field.name, itemIndex, '') as unknown;
		if (!blank(value)) entity[field.name] = typeof value === 'string' ? value.trim() : (value as IDataObject[string]);
		else if (field.required) {
			throw new NodeOperationError(this.getNode(), `The ${field.displayName} of the ${spec.displayName.toLowerCase()} is empty`, {
				itemIndex,
				description: `Enter a ${field.displayName} (or an expression that gives one for every item).`,
			});
		}
	}
	Object.assign(entity, readCollection.call(this, 'additionalFields', itemIndex));
	return checkEntity.call(this, spec, entity, itemIndex);
}

/** The body of an update: only the fields given. */
export function updateFromFields(this: IExecuteFunctions, spec: ResourceSpec, externalId: string, itemIndex: number): IDataObject {
	const changes = readCollection.call(this, 'updateFields', itemIndex);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No field to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	return { [PUBLIC_API.externalIdField]: externalId, ...changes };
}

/** An entity taken as is from the input item (import). */
export function entityFromInput(this: IExecuteFunctions, spec: ResourceSpec, itemIndex: number): IDataObject {
	const json = this.getInputData()[itemIndex]?.json ?? {};
	return checkEntity.call(this, spec, JSON.parse(JSON.stringify(json)) as IDataObject, itemIndex);
}

function checkEntity(this: IExecuteFunctions, spec: ResourceSpec, entity: IDataObject, itemIndex: number): IDataObject {
	const idField = PUBLIC_API.externalIdField;
	const id = entity[idField];
	if (blank(id) || typeof id === 'object') {
		throw new NodeOperationError(this.getNode(), `The ${spec.displayName.toLowerCase()} has no "${idField}"`, {
			itemIndex,
			description: `Every ${spec.displayName.toLowerCase()} needs the field "${idField}": the ID your own system gives it. Map it under External ID, or add it to the input item.`,
		});
	}
	entity[idField] = String(id).trim();
	return entity;
}
