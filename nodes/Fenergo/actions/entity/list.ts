import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../../shared/items/input-error';
import type { ItemOutput } from '../../../shared/items/runner';
import { withWarnings } from '../../helpers/envelope';
import {
	readPages,
	sortOrderValue,
	type Page,
	type PageRequest,
	type PagingOptions,
} from '../../helpers/pager';
import { fenergoRequest, type FenergoResult } from '../../transport';

/** The sort every list operation reads from its Options. */
export interface ListSort {
	sortBy?: string;
	sortOrder?: 0 | 1;
}

/** What every list operation reads: how many, and in which order. */
export interface ListInput extends ListSort {
	limit?: number;
}

/** Sort By (trimmed, blank dropped) and Sort Order from a list operation's Options. */
export function readSort(options: IDataObject): ListSort {
	return {
		sortBy: (options.sortBy as string | undefined)?.trim() || undefined,
		sortOrder: sortOrderValue(options.sortOrder),
	};
}

/**
 * A page from a list answer: `data` is either the list itself (search by name) or an object with
 * the list under `items` and the count under `total` or `totalItems`.
 */
export function pageOf(result: FenergoResult): Page {
	const { data, warnings } = result;
	if (data === null || data === undefined) return { items: [], warnings };
	if (Array.isArray(data)) return { items: data as IDataObject[], warnings };
	if (typeof data === 'object') {
		const { items, total, totalItems } = data as {
			items?: unknown;
			total?: unknown;
			totalItems?: unknown;
		};
		const count =
			typeof total === 'number' ? total : typeof totalItems === 'number' ? totalItems : undefined;
		if (items === null || items === undefined) return { items: [], total: count, warnings };
		if (Array.isArray(items)) return { items: items as IDataObject[], total: count, warnings };
	}
	throw new InputError(
		'Fenergo answered with an unexpected list shape',
		'Expected data.items (a list) in the response.',
	);
}

/** Fenergo's pager; `sortBy`/`sortOrder` only when set. */
export function pager(from: number, size: number, sort: ListSort = {}): IDataObject {
	const { sortBy, sortOrder } = sort;
	return { from, size, ...(sortBy && { sortBy }), ...(sortOrder !== undefined && { sortOrder }) };
}

/**
 * POSTs page after page to a list endpoint (the body from `dataOf`), one output item per entity
 * as each page comes, keeping the warnings of its page.
 */
export async function postList(
	this: IExecuteFunctions,
	itemIndex: number,
	output: ItemOutput,
	path: string,
	dataOf: (request: PageRequest) => IDataObject,
	options: PagingOptions,
): Promise<void> {
	await readPages(
		async (request) =>
			pageOf(
				await fenergoRequest.call(this, { method: 'POST', path, data: dataOf(request) }, itemIndex),
			),
		(page) => output.pushAll(page.items.map((item) => withWarnings(item, page.warnings))),
		options,
	);
}
