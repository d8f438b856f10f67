import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../shared/items/input-error';

/** Fenergo's property shape: `{"firstName": {"type": "Single", "value": "Luis"}}`. */
export interface FenergoProperty extends IDataObject {
	type: 'Single' | 'Collection' | 'Custom';
}

export interface PropertyPair {
	name?: unknown;
	value?: unknown;
}

export interface SearchFilter extends PropertyPair {
	boost?: unknown;
}

const PROPERTY_TYPES = ['Single', 'Collection', 'Custom'];

/** What a JSON field of Fenergo properties looks like, for its error descriptions. */
export const PROPERTY_EXAMPLE = '{"firstName": {"type": "Single", "value": "Tom"}}';

/** The pairs of a fixedCollection parameter (`{ property: [...] }`), or none. */
export function pairsOf<T extends PropertyPair>(collection: unknown, key: string): T[] {
	const entries = (collection as Record<string, unknown> | undefined)?.[key];
	return Array.isArray(entries) ? (entries as T[]) : [];
}

/** Fenergo stores single values as text; null clears a value. */
function textValue(value: unknown, name: string, field: string): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new InputError(
		`${field}: the value of "${name}" is not text`,
		`Single properties hold text. For collections or custom properties use the JSON field, e.g. {"${name}": {"type": "Collection", ...}}.`,
	);
}

function checkedNames<T extends PropertyPair>(pairs: T[], field: string): Array<[string, T]> {
	const seen = new Set<string>();
	return pairs.map((pair, index) => {
		const name = typeof pair.name === 'string' ? pair.name.trim() : '';
		if (name === '') {
			throw new InputError(
				`${field}: entry ${index + 1} has no name`,
				'Enter the Fenergo property name, e.g. firstName.',
			);
		}
		if (seen.has(name)) {
			throw new InputError(`${field}: "${name}" is given twice`, 'Give each property once.');
		}
		seen.add(name);
		return [name, pair];
	});
}

/** Name/value pairs as Single properties. */
export function singleProperties(
	pairs: PropertyPair[],
	field = 'Properties',
): Record<string, FenergoProperty> {
	return Object.fromEntries(
		checkedNames(pairs, field).map(([name, pair]) => [
			name,
			{ type: 'Single', value: textValue(pair.value, name, field) },
		]),
	);
}

/** Raw JSON properties: each entry an object with a Fenergo property type. */
export function checkedJsonProperties(
	json: IDataObject,
	field: string,
): Record<string, FenergoProperty> {
	for (const [name, entry] of Object.entries(json)) {
		const type = (entry as IDataObject | null)?.type;
		if (
			typeof entry !== 'object' ||
			entry === null ||
			Array.isArray(entry) ||
			!PROPERTY_TYPES.includes(type as string)
		) {
			throw new InputError(
				`${field}: "${name}" is not a Fenergo property`,
				`Each entry needs a type of ${PROPERTY_TYPES.join(', ')}, e.g. {"${name}": {"type": "Single", "value": "Tom"}}.`,
			);
		}
	}
	return json as Record<string, FenergoProperty>;
}

/** Pairs first, then the JSON field's entries (which win for the same name). */
export function mergeProperties(
	pairs: PropertyPair[],
	json: IDataObject | undefined,
	fields = { pairs: 'Properties', json: 'Properties (JSON)' },
): Record<string, FenergoProperty> {
	return {
		...singleProperties(pairs, fields.pairs),
		...(json ? checkedJsonProperties(json, fields.json) : {}),
	};
}

/** Advanced-search filters: `{"firstName": {"value": "Tom", "boost": 20}}`. */
export function searchFilters(
	filters: SearchFilter[],
	json: IDataObject | undefined,
	field = 'Property Filters',
): IDataObject {
	const mapped: IDataObject = Object.fromEntries(
		checkedNames(filters, field).map(([name, filter]) => {
			const boost =
				filter.boost === undefined ||
				filter.boost === null ||
				filter.boost === '' ||
				filter.boost === 0
					? undefined
					: Number(filter.boost);
			if (boost !== undefined && !Number.isFinite(boost)) {
				throw new InputError(`${field}: the boost of "${name}" is not a number`);
			}
			return [
				name,
				{ value: textValue(filter.value, name, field), ...(boost !== undefined && { boost }) },
			];
		}),
	);
	return { ...mapped, ...json };
}

/** Duplicate-check properties are plain text values: `{"lastName": "Garcia"}`. */
export function plainValues(
	pairs: PropertyPair[],
	field = 'Properties',
): Record<string, string | null> {
	return Object.fromEntries(
		checkedNames(pairs, field).map(([name, pair]) => [name, textValue(pair.value, name, field)]),
	);
}
