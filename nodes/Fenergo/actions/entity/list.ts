import type { IDataObject } from 'n8n-workflow';

import type { FenergoResult } from '../../transport';
import { withWarnings } from '../../helpers/envelope';
import type { Page, PagedItem } from '../../helpers/pager';
import { FenergoInputError } from '../../helpers/input-error';

/**
 * A page from a list answer: `data` is either the list itself (search by name) or an object with
 * the list under `items` and the count under `total` or `totalItems`.
 */
export function pageOf(result: FenergoResult): Page {
	const { data, warnings } = result;
	if (data === null || data === undefined) return { items: [], warnings };
	if (Array.isArray(data)) return { items: data as IDataObject[], warnings };
	if (typeof data === 'object') {
		const { items, total, totalItems } = data as { items?: unknown; total?: unknown; totalItems?: unknown };
		const count = typeof total === 'number' ? total : typeof totalItems === 'number' ? totalItems : undefined;
		if (items === null || items === undefined) return { items: [], total: count, warnings };
		if (Array.isArray(items)) return { items: items as IDataObject[], total: count, warnings };
	}
	throw new FenergoInputError('Fenergo answered with an unexpected list shape', 'Expected data.items (a list) in the response.');
}

/** One output item per entity, each keeping the warnings of the page it came with. */
export function listOutput(items: PagedItem[]): IDataObject[] {
	return items.map((item) => withWarnings(item.json, item.warnings));
}

/** Fenergo's pager; `sortBy`/`sortOrder` only when set. */
export function pager(from: number, size: number, sortBy?: string, sortOrder?: 0 | 1): IDataObject {
	return { from, size, ...(sortBy && { sortBy }), ...(sortOrder !== undefined && { sortOrder }) };
}
