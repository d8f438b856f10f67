import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
} from 'n8n-workflow';

/**
 * The readers every node uses for its fields. Each takes (node, itemIndex, value, label, …): the
 * value as n8n hands it over (text, or a number or object from an expression) and the field's
 * label as the user sees it, which every error names together with what to do.
 */

/** A NodeOperationError that names the field and says what to do; raised before any request. */
export function fieldError(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(node, message, { description, itemIndex });
}

/** A value as trimmed text: expressions may give numbers for IDs; anything else is ''. */
export function asText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

/** Required text, trimmed; empty is an error naming `label`. */
export function requireText(node: INode, itemIndex: number, value: unknown, label: string): string {
	const text = asText(value);
	if (text === '') {
		throw fieldError(
			node,
			itemIndex,
			`The '${label}' field is empty`,
			`Enter a value for '${label}', or an expression that gives one.`,
		);
	}
	return text;
}

/** A whole number within bounds; fails naming the field and the range. */
export function requireInteger(
	node: INode,
	itemIndex: number,
	value: unknown,
	label: string,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max)
		return number;
	const range =
		max === Number.MAX_SAFE_INTEGER
			? `a whole number of at least ${min}`
			: `a whole number from ${min} to ${max}`;
	throw fieldError(
		node,
		itemIndex,
		`The '${label}' field must be ${range}`,
		`'${label}' is ${JSON.stringify(value)}; enter ${range}.`,
	);
}

/** A JSON field as an object (n8n hands JSON fields over as text or, from expressions, parsed); empty is undefined. */
export function parseJsonObject(
	node: INode,
	itemIndex: number,
	raw: unknown,
	label: string,
	example = '{"name": "value"}',
): IDataObject | undefined {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw fieldError(
				node,
				itemIndex,
				`The '${label}' field is not valid JSON`,
				`${(error as Error).message}. Enter a JSON object, e.g. ${example}.`,
			);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw fieldError(
			node,
			itemIndex,
			`The '${label}' field must be a JSON object`,
			`It holds ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}; enter an object in curly braces.`,
		);
	}
	return value as IDataObject;
}

/** How many results a Get Many wants: undefined with Return All, else the checked Limit. */
export function readLimit(
	context: IExecuteFunctions,
	itemIndex: number,
	max = Number.MAX_SAFE_INTEGER,
): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = context.getNodeParameter('limit', itemIndex, 50);
	return requireInteger(context.getNode(), itemIndex, limit, 'Limit', 1, max);
}
