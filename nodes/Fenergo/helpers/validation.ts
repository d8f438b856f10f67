import type { IExecuteFunctions, INode } from 'n8n-workflow';

import {
	asText,
	fieldError,
	requireText,
	readLimit as readListLimit,
} from '../../shared/parameters/fields';
import { MAX_LIMIT } from './paths';

/** Readers for Fenergo's own formats; the common readers are in nodes/shared/parameters. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID field (Fenergo ids are GUIDs), trimmed; fails naming the field. */
export function requireGuid(node: INode, itemIndex: number, value: unknown, label: string): string {
	const text = requireText(node, itemIndex, value, label);
	if (!GUID.test(text)) {
		throw fieldError(
			node,
			itemIndex,
			`The '${label}' field is not a GUID`,
			`'${label}' is "${text}"; Fenergo ids look like 8d631fde-505e-4101-a7cd-83ab6c054a5a. Check the value mapped into it.`,
		);
	}
	return text;
}

export function optionalGuid(
	node: INode,
	itemIndex: number,
	value: unknown,
	label: string,
): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return requireGuid(node, itemIndex, value, label);
}

/** How many results to fetch: undefined with Return All, else Limit (1..10000). */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	return readListLimit(this, itemIndex, MAX_LIMIT);
}

/** Comma-separated text as a list, blanks dropped. */
export function splitList(value: unknown): string[] | undefined {
	if (Array.isArray(value))
		return value
			.map(String)
			.map((entry) => entry.trim())
			.filter(Boolean);
	const text = asText(value);
	if (text === '') return undefined;
	return text
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}
