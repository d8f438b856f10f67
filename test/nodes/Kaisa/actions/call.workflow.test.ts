import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeParameters, IWorkflowSettings } from 'n8n-workflow';

import { KAISA_PATHS, parseKaisaDateTime, type KaisaLoggedCall } from '../../../simulators';
import { jsonOf, kaisaNode, pairingOf, useKaisaTestbed } from '../testbed';

const YESTERDAY = { fromDate: '2026-01-14T00:00:00Z', toDate: '2026-01-14T23:59:59Z' };
const ALL_CALLS = 20_500;

const bed = useKaisaTestbed();

const inboundPages = () => bed.sim.callsTo(KAISA_PATHS.cdrsIn);

describe('Call → Get Many', () => {
	test('a 21-page extraction spans three token lifetimes: three token fetches, no 401, every row once', async () => {
		// Each page "takes" 40 s. A 300 s token counts as fresh until 270 s (10 % margin), so a token
		// serves pages at +0…+240 s (7 pages) and the 8th page (+280 s) gets a new one: 21 pages, 3 tokens.
		bed.sim.afterApiCall = (call: KaisaLoggedCall) => {
			if (call.path === KAISA_PATHS.cdrsIn) bed.clock.advance(40_000);
		};
		const started = bed.clock.now();

		const result = await bed.run({
			resource: 'call',
			operation: 'getMany',
			...YESTERDAY,
			returnAll: true,
		});

		expect(result.status).toBe('success');
		const rows = jsonOf(result.outputs.Kaisa);
		expect(rows).toHaveLength(ALL_CALLS);
		expect(rows.map((row) => row.cdr_id)).toEqual(
			Array.from({ length: ALL_CALLS }, (_, i) => String(100_000_000 + i)),
		);
		expect(rows[12_345]).toEqual(bed.sim.cdrs.cdr('in', 12_345));
		expect(
			new Set(pairingOf(result.outputs.Kaisa).map((paired) => JSON.stringify(paired))),
		).toEqual(new Set(['{"item":0}']));

		expect(bed.sim.stats.tokenRequests).toBe(3);
		expect(bed.sim.stats.tokensIssued).toBe(3);
		expect(bed.sim.stats.api401).toBe(0);
		expect(bed.clock.now() - started).toBe(21 * 40_000);

		const pages = inboundPages();
		expect(pages.map((call) => [call.query.page, call.query.pagesize, call.status])).toEqual(
			Array.from({ length: 21 }, (_, page) => [String(page), '1000', 200]),
		);
		expect(
			pages.every(
				(call) =>
					call.query.from_date === '2026-01-14 00:00:00' &&
					call.query.to_date === '2026-01-14 23:59:59',
			),
		).toBe(true);

		// Token fetches happen exactly before pages 0, 7 and 14, and each token serves 7 pages.
		const order = bed.sim.requests.map((request) =>
			request.path.endsWith(KAISA_PATHS.token) ? 'token' : 'page',
		);
		const tokenAt = order.flatMap((kind, index) => (kind === 'token' ? [index] : []));
		expect(tokenAt).toEqual([0, 8, 16]);
		const bearers = bed.sim.requests
			.filter((request) => request.path.endsWith(KAISA_PATHS.cdrsIn))
			.map((request) => request.headers.authorization);
		expect(new Set(bearers).size).toBe(3);
		expect(
			[bearers.slice(0, 7), bearers.slice(7, 14), bearers.slice(14)].map(
				(group) => new Set(group).size,
			),
		).toEqual([1, 1, 1]);
	});

	test('a token revoked mid-extraction is replaced once and the extraction goes on without a gap', async () => {
		bed.sim.afterApiCall = (call) => {
			if (call.path === KAISA_PATHS.cdrsIn && call.query.page === '2') bed.sim.revokeAll();
		};

		const result = await bed.run({
			resource: 'call',
			operation: 'getMany',
			...YESTERDAY,
			returnAll: true,
		});

		expect(result.status).toBe('success');
		const ids = jsonOf(result.outputs.Kaisa).map((row) => row.cdr_id);
		expect(ids).toHaveLength(ALL_CALLS);
		expect(new Set(ids).size).toBe(ALL_CALLS);
		expect(bed.sim.stats.tokenRequests).toBe(2);
		expect(bed.sim.stats.api401).toBe(1);
		expect(inboundPages().map((call) => call.query.page)).toEqual([
			...['0', '1', '2', '3'],
			...Array.from({ length: 18 }, (_, i) => String(i + 3)),
		]);
	});

	test('a limit asks for what it needs: 1,500 rows are two pages of 1,000, the second cut', async () => {
		const result = await bed.run({
			resource: 'call',
			operation: 'getMany',
			...YESTERDAY,
			returnAll: false,
			limit: 1500,
		});

		expect(result.status).toBe('success');
		const rows = jsonOf(result.outputs.Kaisa);
		expect(rows).toHaveLength(1500);
		expect(rows.at(-1)?.cdr_id).toBe(String(100_000_000 + 1499));
		expect(inboundPages().map((call) => [call.query.page, call.query.pagesize])).toEqual([
			['0', '1000'],
			['1', '1000'],
		]);
	});

	test("a small limit is the page size; picker dates without a zone are read in the workflow's timezone", async () => {
		const result = await bed.run(
			{
				resource: 'call',
				operation: 'getMany',
				fromDate: '2026-01-14T01:00:00',
				toDate: '2026-01-14T02:00:00',
				limit: 5,
			},
			{ settings: { timezone: 'Europe/Stockholm' } },
		);

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs.Kaisa).map((row) => row.start)).toEqual([
			'2026-01-14 00:00:00',
			'2026-01-14 00:00:04',
			'2026-01-14 00:00:08',
			'2026-01-14 00:00:12',
			'2026-01-14 00:00:16',
		]);
		expect(inboundPages().map((call) => call.query)).toEqual([
			{
				from_date: '2026-01-14 00:00:00',
				to_date: '2026-01-14 01:00:00',
				page: '0',
				pagesize: '5',
			},
		]);
	});

	test('Luxon dates from expressions are exact; outbound, newest first, extended and a customer filter', async () => {
		const result = await bed.run({
			resource: 'call',
			operation: 'getMany',
			direction: 'outbound',
			fromDate: '={{ DateTime.fromISO("2026-01-13T19:00:00", { zone: "America/New_York" }) }}',
			toDate: '={{ DateTime.fromISO("2026-01-15T00:00:00Z") }}',
			returnAll: true,
			filters: { customerId: '5003' },
			options: { newestFirst: true, extended: true },
		});

		expect(result.status).toBe('success');
		const [call] = bed.sim.callsTo(KAISA_PATHS.cdrsOut);
		expect(call.query).toEqual({
			from_date: '2026-01-14 00:00:00',
			to_date: '2026-01-15 00:00:00',
			customer_id: '5003',
			extended: '1',
			newest_first: '1',
			page: '0',
			pagesize: '1000',
		});
		const rows = jsonOf(result.outputs.Kaisa);
		// 1,200 outbound calls, customer 5003 is index 3 of 25: calls 3, 28, ..., 1178.
		expect(rows).toHaveLength(48);
		expect(
			rows.every((row) => row.customer_id === '5003' && row.customer_name === 'Customer 4'),
		).toBe(true);
		expect(rows[0].cdr_id).toBe(String(200_000_000 + 1178));
		expect(rows.at(-1)?.cdr_id).toBe(String(200_000_000 + 3));
		expect(inboundPages()).toHaveLength(0);
	});

	test.each([
		[
			{ fromDate: '2026-01-15T00:00:00Z', toDate: '2026-01-14T00:00:00Z' },
			/'From' must be before 'To'/,
			/2026-01-15 00:00:00 to 2026-01-14 00:00:00/,
		],
		[
			{ fromDate: '2026-01-14T00:00:00Z', toDate: '2026-01-14T00:00:00Z' },
			/'From' must be before 'To'/,
			/UTC/,
		],
		[
			{ fromDate: '={{ $json.noSuchField }}', toDate: '2026-01-14T00:00:00Z' },
			/'From' field is empty/,
			/date and time for 'From'/,
		],
		[
			{ fromDate: '2026-01-14T00:00:00Z', toDate: 'yesterday' },
			/'To' field is not a date/,
			/"yesterday"/,
		],
		[
			{ ...YESTERDAY, returnAll: false, limit: 0 },
			/'Limit' field must be a whole number of at least 1/,
			/'Limit' is 0/,
		],
	])(
		'bad input %j fails before any call, naming the field',
		async (parameters, message, description) => {
			const result = await bed.run({ resource: 'call', operation: 'getMany', ...parameters });

			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(description);
			expect(bed.sim.stats.tokenRequests).toBe(0);
			expect(bed.sim.stats.apiRequests).toBe(0);
		},
	);

	test.each([
		{ count: 2, failing: 0, pagesBeforeFault: 2 },
		{ count: 3, failing: 1, pagesBeforeFault: 1 },
	])(
		'with Continue On Fail, item $failing of $count failing after $pagesBeforeFault streamed pages gives one error item and none of its rows',
		async ({ count, failing, pagesBeforeFault }) => {
			// 2,500 rows are pages 0–2; the page after `pagesBeforeFault` pages of the failing item gets a 500.
			const PAGES = ['0', '1', '2'];
			let pagesSeen = 0;
			bed.sim.afterApiCall = (call) => {
				if (
					call.path === KAISA_PATHS.cdrsIn &&
					++pagesSeen === failing * PAGES.length + pagesBeforeFault
				) {
					bed.sim.injectApiFault({
						status: 500,
						body: { errors: [{ message: 'Statistics backend unavailable' }] },
					});
				}
			};

			const result = await bed.run(
				{ resource: 'call', operation: 'getMany', ...YESTERDAY, returnAll: false, limit: 2500 },
				{ count, onError: 'continueRegularOutput' },
			);

			expect(result.status).toBe('success');
			const items = result.outputs.Kaisa;
			const ids = Array.from({ length: 2500 }, (_, i) => String(100_000_000 + i));
			const itemsOf = (index: number) =>
				items.filter((item) => (item.pairedItem as { item: number }).item === index);
			expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
				Array.from({ length: count }, (_, index) =>
					index === failing ? [index] : Array<number>(2500).fill(index),
				).flat(),
			);
			expect(itemsOf(failing)).toEqual([
				{
					json: {
						error: expect.stringMatching(/HTTP 500/),
						description: expect.stringContaining('Statistics backend unavailable'),
					},
					pairedItem: { item: failing },
				},
			]);
			for (let index = 0; index < count; index++) {
				if (index !== failing) expect(itemsOf(index).map((item) => item.json.cdr_id)).toEqual(ids);
			}
			expect(inboundPages().map((call) => [call.query.page, call.status])).toEqual(
				Array.from({ length: count }, (_, index) =>
					index === failing ? PAGES.slice(0, pagesBeforeFault) : PAGES,
				)
					.flat()
					.map((page) => [page, 200]),
			);
		},
	);
});

test('the example workflow examples/kaisa-daily-call-export.json: calls since the last run, confirmed at the end', async () => {
	const example = JSON.parse(
		readFileSync(path.join(__dirname, '../../../../examples/kaisa-daily-call-export.json'), 'utf8'),
	) as {
		nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
		settings: IWorkflowSettings;
	};
	// The flow, from the trigger: the Kaisa extraction first, the Kaisa Confirm Position step last.
	const chain = ['Every day at 06:00'];
	while (example.connections[chain.at(-1)!])
		chain.push(example.connections[chain.at(-1)!].main[0][0].node);
	const kaisa = chain
		.map((name) => example.nodes.find((node) => node.name === name)!)
		.filter((node) => node.type === 'n8n-nodes-client-credentials.kaisa');
	expect(kaisa.map((node) => node.parameters.operation)).toEqual(['getMany', 'confirmPosition']);
	expect(chain.at(-1)).toBe(kaisa[1].name);

	const nodes = kaisa.map((node) => ({ ...kaisaNode(node.parameters), name: node.name }));
	const now = bed.clock.now();
	const first = await bed.runNodes(nodes, {
		count: 1,
		id: 'wf-example',
		settings: example.settings,
	});
	expect(first.status).toBe('success');
	const [call] = inboundPages();
	// The first run: the 24 hours before the run, but not the last 15 minutes (the settle delay).
	expect(parseKaisaDateTime(call.query.from_date)).toBe(now - 86_400_000);
	expect(parseKaisaDateTime(call.query.to_date)).toBe(now - 15 * 60_000);
	expect(call.query).toMatchObject({ extended: '1', page: '0', pagesize: '1000' });
	expect(jsonOf(first.outputs[kaisa[1].name])).toEqual([
		{ confirmedPositions: 1, items: first.outputs[kaisa[0].name].length },
	]);

	// Confirmed: the next run, a day later, starts where this one ended (less the overlap).
	bed.clock.advance(86_400_000);
	await bed.harness.execute('wf-example');
	const next = inboundPages().at(-1)!;
	expect(parseKaisaDateTime(next.query.from_date)).toBe(now - 30 * 60_000);
});
