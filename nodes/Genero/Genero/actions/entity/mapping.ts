import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldError, parseJsonObject, requireText } from '../../../../shared/parameters/fields';
import { PUBLIC_API } from '../../../shared/paths';
import type { ResourceSpec } from '../resource';
import { blank, checkEntity, JSON_FIELDS_LABEL } from './fields';

/**
 * Entities from input items, for Create and Import. The node's parameters are read once per run,
 * not once per field and item. In n8n every expression costs a data proxy (and in n8n 2's
 * isolate engine a trip into the isolate), which made the import of 12,000 items cost about
 * 0.5 ms per mapped field and item. So:
 * - Map Each Field Below: a field holding just a reference to an input field, `{{ $json.city }}`
 *   or `{{ $json["Postal code"] }}`, is read from the item directly (the same value n8n's
 *   expression gives); every other expression is evaluated by n8n as usual.
 * - Map Automatically: input fields named like Genero's fields are taken as they are, without
 *   any expression.
 */
export type EntityMapper = (itemIndex: number) => IDataObject;

/** How a field of the node is stored: a value, a reference to one input field, or an expression. */
type FieldSource =
	| { kind: 'literal'; value: unknown }
	| { kind: 'reference'; path: string[] }
	| { kind: 'expression' };

const REFERENCE =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])+)\s*\}\}\s*$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;

/** `textField`: references are read directly only for text fields (n8n checks other types). */
function sourceOf(raw: unknown, textField: boolean): FieldSource {
	if (typeof raw !== 'string' || !raw.startsWith('=')) return { kind: 'literal', value: raw };
	const reference = textField ? REFERENCE.exec(raw) : null;
	if (!reference) return { kind: 'expression' };
	const path = [...reference[1].matchAll(SEGMENT)].map((match) => match[1] ?? match[2] ?? match[3]);
	return { kind: 'reference', path };
}

function walk(json: unknown, path: string[]): unknown {
	let value = json;
	for (const key of path) {
		if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

type FieldReader = (itemIndex: number) => unknown;

/** Reads one parameter per item: a literal as stored, a reference from the item, else via n8n. */
function fieldReader(
	context: IExecuteFunctions,
	parameter: string,
	raw: unknown,
	textField: boolean,
): FieldReader {
	const source = sourceOf(raw, textField);
	const evaluate: FieldReader = (itemIndex) => context.getNodeParameter(parameter, itemIndex, '');
	if (source.kind === 'literal') return () => source.value;
	if (source.kind === 'expression') return evaluate;
	const items = context.getInputData();
	return (itemIndex) => {
		const value = walk(items[itemIndex]?.json, source.path);
		// Anything but text, a number or a boolean is left to n8n, which knows how to show it.
		return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
			? value
			: evaluate(itemIndex);
	};
}

const isText = (field: INodeProperties) => field.type === 'string';

/** Map Each Field Below: External ID, the main fields and Additional Fields of the node. */
export function fieldsMapper(this: IExecuteFunctions, spec: ResourceSpec): EntityMapper {
	const node = this.getNode();
	const raw = (name: string, fallback: unknown) =>
		this.getNodeParameter(name, 0, fallback, { rawExpressions: true });
	const externalId = fieldReader(this, 'externalId', raw('externalId', ''), true);
	const mainFields = spec.mainFields.map((field) => ({
		field,
		read: fieldReader(this, field.name, raw(field.name, ''), isText(field)),
	}));
	const additionalTypes = new Map(spec.additionalFields.map((field) => [field.name, field]));
	const additional = Object.entries(raw('additionalFields', {}) as IDataObject).map(
		([key, value]) => {
			const field = additionalTypes.get(key);
			return {
				key,
				read: fieldReader(this, `additionalFields.${key}`, value, !!field && isText(field)),
			};
		},
	);
	return (itemIndex) => {
		const entity: IDataObject = {
			[PUBLIC_API.externalIdField]: requireText(
				node,
				itemIndex,
				externalId(itemIndex),
				'External ID',
			),
		};
		for (const { field, read } of mainFields) {
			const value = read(itemIndex);
			if (field.required)
				entity[field.name] = requireText(node, itemIndex, value, field.displayName);
			else if (!blank(value)) entity[field.name] = trimmed(value);
		}
		let extra: IDataObject | undefined;
		for (const { key, read } of additional) {
			const value = read(itemIndex);
			if (key === 'jsonFields')
				extra = parseJsonObject(
					node,
					itemIndex,
					value,
					JSON_FIELDS_LABEL,
					'{"customField": "value"}',
				);
			else if (!blank(value)) entity[key] = value as IDataObject[string];
		}
		if (extra) Object.assign(entity, extra);
		return checkEntity(node, spec, entity, itemIndex);
	};
}

/** An entity from the node's fields (Create). */
export function entityFromFields(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	itemIndex: number,
): IDataObject {
	return fieldsMapper.call(this, spec)(itemIndex);
}

function trimmed(value: unknown): IDataObject[string] {
	return typeof value === 'string' ? value.trim() : (value as IDataObject[string]);
}

/** What Map Automatically does with input fields that are not Genero fields of the resource. */
export const EXTRA_FIELDS = ['send', 'ignore', 'error'] as const;
export type ExtraFields = (typeof EXTRA_FIELDS)[number];

/** The Genero fields of a resource by the name the node sends: External ID, main and additional fields. */
export function generoFields(spec: ResourceSpec): Map<string, INodeProperties> {
	const externalId: INodeProperties = {
		displayName: 'External ID',
		name: PUBLIC_API.externalIdField,
		type: 'string',
		required: true,
		default: '',
	};
	return new Map(
		[externalId, ...spec.mainFields, ...spec.additionalFields].map((field) => [field.name, field]),
	);
}

/**
 * Map Automatically: each input field named like one of the resource's Genero fields becomes that
 * field, as text, number or boolean like the field; blank values are left out. Other input fields
 * are sent as they are, ignored, or an error, as `extraFields` says.
 */
export function autoMapper(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	extraFields: ExtraFields,
): EntityMapper {
	const node = this.getNode();
	const items = this.getInputData();
	const known = generoFields(spec);
	const required = [...known.values()].filter((field) => field.required);
	const entityName = spec.displayName.toLowerCase();
	return (itemIndex) => {
		const json = items[itemIndex]?.json ?? {};
		const entity: IDataObject = {};
		const unknown: string[] = [];
		for (const [key, value] of Object.entries(json)) {
			const field = known.get(key);
			if (field) {
				if (!blank(value)) entity[key] = converted(node, itemIndex, field, value);
			} else if (extraFields === 'send') entity[key] = value;
			else if (extraFields === 'error') unknown.push(key);
		}
		if (unknown.length > 0) {
			throw fieldError(
				node,
				itemIndex,
				`The input item has ${unknown.length === 1 ? 'a field' : 'fields'} the Genero ${entityName} does not have: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`,
				`Map Automatically takes input fields by their Genero names (${[...known.keys()].join(', ')}). Rename the others (e.g. with an Edit Fields node), or set Options → Handling Extra Fields to Send Them As Well or Ignore Them.`,
			);
		}
		for (const field of required) {
			if (entity[field.name] === undefined && field.name !== PUBLIC_API.externalIdField) {
				throw fieldError(
					node,
					itemIndex,
					`The input item has no "${field.name}"`,
					`Every ${entityName} needs the field "${field.name}" (${field.displayName}). Add it to the input item, e.g. with an Edit Fields node, or use Map Each Field Below.`,
				);
			}
		}
		return checkEntity(node, spec, entity, itemIndex);
	};
}

function converted(
	node: INode,
	itemIndex: number,
	field: INodeProperties,
	value: unknown,
): IDataObject[string] {
	const wrong = (expected: string) =>
		new NodeOperationError(node, `The input field "${field.name}" must be ${expected}`, {
			itemIndex,
			description: `"${field.name}" (${field.displayName}) is ${JSON.stringify(value)}; give it ${expected}.`,
		});
	if (field.type === 'number') {
		const number = typeof value === 'string' ? Number(value.trim()) : value;
		if (typeof number === 'number' && Number.isFinite(number)) return number;
		throw wrong('a number');
	}
	if (field.type === 'boolean') {
		if (typeof value === 'boolean') return value;
		const text = String(value).trim().toLowerCase();
		if (text === 'true' || text === '1') return true;
		if (text === 'false' || text === '0') return false;
		throw wrong('true or false');
	}
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw wrong('text');
}
