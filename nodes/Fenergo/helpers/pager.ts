import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../shared/items/input-error';
import type { FenergoMessage } from './envelope';
import { MAX_PAGE_SIZE } from './paths';

/** What the next page request carries: Fenergo's pager `from`/`size`, and `searchAfter` where used. */
export interface PageRequest {
	from: number;
	size: number;
	searchAfter?: string;
}

export interface Page {
	items: IDataObject[];
	/** Matches in all, when the answer says (total / totalItems). */
	total?: number;
	warnings: FenergoMessage[];
}

export interface PagingOptions {
	/** How many items to read; undefined reads all. */
	limit?: number;
	pageSize?: number;
	/**
	 * `offset` moves `from` by the items received; `searchAfter` keeps `from` at 0 and sends the
	 * cursor of the last item received (e.g. its created date).
	 */
	mode?: 'offset' | 'searchAfter';
	cursorOf?: (item: IDataObject) => string | undefined;
	/** A safety stop for Return All (100 items a page: a million entities). */
	maxPages?: number;
}

export const MAX_PAGES = 10_000;

/**
 * Page after page until the limit, a short or empty page, or the announced total. Each page goes to
 * `take` as it comes, its items cut to what the limit still wants, so no list is held twice.
 */
export async function readPages(
	fetchPage: (request: PageRequest) => Promise<Page>,
	take: (page: Page) => void,
	options: PagingOptions = {},
): Promise<void> {
	const wanted = options.limit ?? Number.POSITIVE_INFINITY;
	const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const mode = options.mode ?? 'offset';
	const maxPages = options.maxPages ?? MAX_PAGES;
	let received = 0;
	let from = 0;
	let searchAfter: string | undefined;

	for (let pageNumber = 0; pageNumber < maxPages; pageNumber++) {
		const size = Math.min(pageSize, wanted - received);
		const page = await fetchPage(
			mode === 'offset'
				? { from, size }
				: { from: 0, size, ...(searchAfter !== undefined && { searchAfter }) },
		);
		const items = page.items.slice(0, wanted - received);
		received += items.length;
		take({ ...page, items });

		if (received >= wanted || page.items.length === 0 || page.items.length < size) return;
		if (mode === 'offset') {
			from += page.items.length;
			if (page.total !== undefined && from >= page.total) return;
			continue;
		}
		const last = page.items[page.items.length - 1];
		const cursor = options.cursorOf?.(last);
		if (cursor === undefined || cursor === '') {
			throw new InputError(
				'Fenergo returned an entity without the value Search After paging needs',
				`Entity ${String(last.id ?? '?')} has no created date; use offset paging instead.`,
			);
		}
		if (cursor === searchAfter) {
			throw new InputError(
				'Search After paging is not moving forward',
				`Two pages ended at the same created date (${cursor}); use offset paging instead.`,
			);
		}
		searchAfter = cursor;
	}
	throw new InputError(
		`Stopped after ${maxPages} pages`,
		'Fenergo kept sending full pages; turn off Return All and set a Limit.',
	);
}

/** Fenergo's pager sort order: 0 ascending, 1 descending. */
export function sortOrderValue(order: unknown): 0 | 1 | undefined {
	if (order === 'ascending') return 0;
	if (order === 'descending') return 1;
	return undefined;
}
