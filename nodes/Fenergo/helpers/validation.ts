import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { MAX_LIMIT } from './paths';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID parameter (Fenergo ids are GUIDs), trimmed; fails naming the field. */
export function requireGuid(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Enter the ${label} (a GUID such as 8d631fde-505e-4101-a7cd-83ab6c054a5a), or map it from an earlier node.`,
		});
	}
	if (!GUID.test(text)) {
		throw new NodeOperationError(this.getNode(), `${label} "${text}" is not a GUID`, {
			itemIndex,
			description: `Fenergo ids look like 8d631fde-505e-4101-a7cd-83ab6c054a5a. Check the value mapped into ${label}.`,
		});
	}
	return text;
}

export function optionalGuid(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	return requireGuid.call(this, value, label, itemIndex);
}

export function requireText(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, { itemIndex, description: `Enter a value for ${label}.` });
	}
	return text;
}

/** An integer within bounds; fails naming the field and the range. */
export function requireInteger(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
		throw new NodeOperationError(this.getNode(), `${label} must be ${range}`, {
			itemIndex,
			description: `${label} is ${JSON.stringify(value)}.`,
		});
	}
	return number;
}

/** How many results to fetch: undefined with Return All, else Limit (1..10000). */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return requireInteger.call(this, this.getNodeParameter('limit', itemIndex, 50), 'Limit', itemIndex, 1, MAX_LIMIT);
}

/** A JSON parameter as an object (n8n hands JSON fields over as text or, from expressions, parsed). */
export function parseJsonObject(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
): IDataObject | undefined {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${label} is not valid JSON`, {
				itemIndex,
				description: `${(error as Error).message}. Enter a JSON object, e.g. {"firstName": {"type": "Single", "value": "Tom"}}.`,
			});
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new NodeOperationError(this.getNode(), `${label} must be a JSON object`, {
			itemIndex,
			description: `It holds ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}; enter an object in curly braces.`,
		});
	}
	return value as IDataObject;
}

/** Comma-separated text as a list, blanks dropped. */
export function splitList(value: unknown): string[] | undefined {
	if (Array.isArray(value)) return value.map(String).map((entry) => entry.trim()).filter(Boolean);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}
