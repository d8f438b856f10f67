import type { IDataObject } from 'n8n-workflow';

import type { FenergoMessage } from '../../../../nodes/Fenergo/helpers/envelope';
import {
	readPages,
	sortOrderValue,
	type Page,
	type PageRequest,
	type PagingOptions,
} from '../../../../nodes/Fenergo/helpers/pager';

/** A list of `count` items served like Fenergo's paged list (offset) or with searchAfter on `created`. */
function source(count: number, options: { total?: boolean } = {}) {
	const all: IDataObject[] = Array.from({ length: count }, (_, index) => ({
		id: index,
		created: String(1000 + index),
	}));
	const requests: PageRequest[] = [];
	const fetchPage = async (request: PageRequest): Promise<Page> => {
		requests.push(request);
		const rest =
			request.searchAfter === undefined
				? all
				: all.filter((item) => String(item.created) > String(request.searchAfter));
		const items = rest.slice(request.from, request.from + request.size);
		return { items, ...(options.total !== false && { total: rest.length }), warnings: [] };
	};
	return { all, requests, fetchPage };
}

/** Every item readPages hands over, with the warnings of its page. */
async function collectPages(
	fetchPage: (request: PageRequest) => Promise<Page>,
	options?: PagingOptions,
) {
	const items: Array<{ json: IDataObject; warnings: FenergoMessage[] }> = [];
	await readPages(
		fetchPage,
		(page) => page.items.forEach((json) => items.push({ json, warnings: page.warnings })),
		options,
	);
	return items;
}

describe('readPages', () => {
	it('hands each page over before asking for the next', async () => {
		const { fetchPage } = source(250);
		const events: string[] = [];
		await readPages(
			async (request) => {
				events.push(`fetch ${request.from}`);
				return await fetchPage(request);
			},
			(page) => events.push(`take ${page.items.length}`),
		);
		expect(events).toEqual([
			'fetch 0',
			'take 100',
			'fetch 100',
			'take 100',
			'fetch 200',
			'take 50',
		]);
	});

	it('pages by from/size to the end, stopping at the announced total', async () => {
		const { fetchPage, requests } = source(250);
		const items = await collectPages(fetchPage);
		expect(items.map((item) => item.json.id)).toEqual(
			Array.from({ length: 250 }, (_, index) => index),
		);
		expect(requests).toEqual([
			{ from: 0, size: 100 },
			{ from: 100, size: 100 },
			{ from: 200, size: 100 },
		]);
	});

	it('stops after a full last page when the total says so, without an empty extra request', async () => {
		const { fetchPage, requests } = source(200);
		await collectPages(fetchPage);
		expect(requests).toHaveLength(2);
	});

	it('without a total, asks once more after a full page and stops at the empty one', async () => {
		const { fetchPage, requests } = source(200, { total: false });
		expect(await collectPages(fetchPage)).toHaveLength(200);
		expect(requests.map((request) => request.from)).toEqual([0, 100, 200]);
	});

	it('asks only for what the limit still needs', async () => {
		const { fetchPage, requests } = source(1000);
		expect(await collectPages(fetchPage, { limit: 230 })).toHaveLength(230);
		expect(requests.map((request) => request.size)).toEqual([100, 100, 30]);
		const small = source(1000);
		expect(await collectPages(small.fetchPage, { limit: 7, pageSize: 5 })).toHaveLength(7);
		expect(small.requests).toEqual([
			{ from: 0, size: 5 },
			{ from: 5, size: 2 },
		]);
	});

	it('never asks for more than the pager maximum of 100', async () => {
		const { fetchPage, requests } = source(150);
		await collectPages(fetchPage, { pageSize: 500 });
		expect(requests[0].size).toBe(100);
	});

	it("pages with searchAfter: from stays 0, the cursor is the last item's value", async () => {
		const { fetchPage, requests } = source(205);
		const items = await collectPages(fetchPage, {
			mode: 'searchAfter',
			cursorOf: (item) => item.created as string,
		});
		expect(items).toHaveLength(205);
		expect(requests).toEqual([
			{ from: 0, size: 100 },
			{ from: 0, size: 100, searchAfter: '1099' },
			{ from: 0, size: 100, searchAfter: '1199' },
		]);
	});

	it('refuses to go on without a cursor, or with one that does not move', async () => {
		const { fetchPage } = source(150);
		await expect(
			collectPages(fetchPage, { mode: 'searchAfter', cursorOf: () => undefined }),
		).rejects.toThrow('Fenergo returned an entity without the value Search After paging needs');
		const stuck = async (): Promise<Page> => ({
			items: Array.from({ length: 100 }, () => ({ created: 'same' })),
			warnings: [],
		});
		await expect(
			collectPages(stuck, { mode: 'searchAfter', cursorOf: (item) => item.created as string }),
		).rejects.toThrow('Search After paging is not moving forward');
	});

	it('stops after the page cap when an API keeps sending full pages', async () => {
		let calls = 0;
		const endless = async (): Promise<Page> => {
			calls++;
			return { items: Array.from({ length: 100 }, (_, index) => ({ index })), warnings: [] };
		};
		await expect(collectPages(endless, { maxPages: 5 })).rejects.toThrow('Stopped after 5 pages');
		expect(calls).toBe(5);
	});

	it("keeps each page's warnings with its items", async () => {
		let page = 0;
		const fetchPage = async (): Promise<Page> => {
			page++;
			return {
				items: page === 1 ? [{ a: 1 }, { a: 2 }] : [{ a: 3 }],
				total: 3,
				warnings: [{ message: `page ${page}`, type: 'Warning' }],
			};
		};
		const items = await collectPages(fetchPage, { pageSize: 2 });
		expect(items.map((item) => item.warnings[0].message)).toEqual(['page 1', 'page 1', 'page 2']);
	});

	it("maps the sort order to Fenergo's 0/1", () => {
		expect([
			sortOrderValue('ascending'),
			sortOrderValue('descending'),
			sortOrderValue(undefined),
		]).toEqual([0, 1, undefined]);
	});
});
