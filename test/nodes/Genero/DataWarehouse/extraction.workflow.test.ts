import type { IDataObject } from 'n8n-workflow';

import {
	DAY_MS,
	jsonOf,
	pairingOf,
	startGeneroTestbed,
	warehouseNode,
	type GeneroTestbed,
} from '../testbed';
import { committedByScope } from '../../../shared/positions/support/positions';

const NODE = 'Genero Data Warehouse';
const START = Date.UTC(2025, 10, 1);
const HOUR = 3600_000;
const entity = (value: string) => ({ __rl: true, mode: 'name', value });

let bed: GeneroTestbed;

beforeEach(async () => {
	bed = await startGeneroTestbed();
	// 2,400 customers created a minute apart, from 1 Nov 2025; the clock is later (15 Jan 2026).
	bed.sim.warehouse.seed('Customer', 2400, START);
});

afterEach(async () => {
	await bed.close();
});

const positionsOf = (workflowId: string) => committedByScope(bed.harness.staticData(workflowId));
const OVERLAP = 5 * 60_000;
const delivered = (ids: string[], at: number) => ids.map((id) => [id, at]);
const ids = (rows: IDataObject[]) => rows.map((row) => row.id);

describe('Changed Since Last Run', () => {
	test('three runs: everything, then only changed rows; a failed run fetches the same window again', async () => {
		bed.save('wf-extract', warehouseNode({ entity: entity('Customer'), mode: 'sinceLastRun' }));

		// Run 1: no position yet, so all rows (3 pages of 1,000).
		const first = await bed.run('wf-extract');
		expect(first.status).toBe('success');
		expect(first.outputs[NODE]).toHaveLength(2400);
		expect(bed.sim.warehouse.calls.map((call) => call.query)).toEqual([
			{ page: '1', pageSize: '1000' },
			{ page: '2', pageSize: '1000' },
			{ page: '3', pageSize: '1000' },
		]);
		// The newest modified date, and the rows delivered within the 5-minute overlap before it.
		expect(positionsOf('wf-extract')).toEqual({
			Customer: {
				since: new Date(START + 2399 * 60_000).toISOString(),
				delivered: [2400, 2399, 2398, 2397, 2396, 2395].map((n) => [
					`Customer-${n}`,
					START + (n - 1) * 60_000,
				]),
			},
		});

		// Run 2: two rows changed, one added.
		bed.clock.advance(DAY_MS);
		bed.sim.warehouse.modify('Customer', 'Customer-10', { name: 'Renamed 10' });
		bed.clock.advance(HOUR);
		bed.sim.warehouse.modify('Customer', 'Customer-2000', { name: 'Renamed 2000' });
		bed.sim.warehouse.add('Customer', { name: 'New store' });
		bed.sim.warehouse.calls.length = 0;
		const second = await bed.run('wf-extract');
		expect(second.status).toBe('success');
		expect(ids(jsonOf(second.outputs[NODE]))).toEqual([
			'Customer-10',
			'Customer-2000',
			'Customer-2401',
		]);
		expect(bed.sim.warehouse.calls).toHaveLength(1);
		expect(bed.sim.warehouse.calls[0].query).toEqual({
			modifiedFrom: new Date(START + 2399 * 60_000 - OVERLAP).toISOString(),
			page: '1',
			pageSize: '1000',
		});
		const afterSecond = positionsOf('wf-extract');
		expect(afterSecond).toEqual({
			Customer: {
				since: new Date(bed.clock.now()).toISOString(),
				delivered: delivered(['Customer-2000', 'Customer-2401'], bed.clock.now()),
				floor: new Date(START + 2399 * 60_000 - OVERLAP).toISOString(),
			},
		});

		// Run 3 fails half way (the second page): nothing moves.
		bed.clock.advance(DAY_MS);
		for (const id of ['Customer-1', 'Customer-2', 'Customer-3'])
			bed.sim.warehouse.modify('Customer', id);
		bed.save(
			'wf-extract',
			warehouseNode({ entity: entity('Customer'), mode: 'sinceLastRun', options: { pageSize: 2 } }),
		);
		bed.sim.injectApiFault({
			status: 500,
			body: { message: 'Warehouse busy' },
			path: /^\/api\/externalschema\/Customer/,
		});
		const failed = await bed.run('wf-extract');
		expect(failed.status).toBe('error');
		expect(failed.error).toMatchObject({ httpCode: '500', description: 'Warehouse busy' });
		expect(positionsOf('wf-extract')).toEqual(afterSecond);

		// The retry fetches the same window: the two rows at the position (already returned, dropped)
		// and the three changed ones, three pages of two.
		bed.sim.warehouse.calls.length = 0;
		const retry = await bed.run('wf-extract');
		expect(retry.status).toBe('success');
		expect(ids(jsonOf(retry.outputs[NODE]))).toEqual(['Customer-1', 'Customer-2', 'Customer-3']);
		expect(bed.sim.warehouse.calls.map((call) => [call.query.page, call.rows])).toEqual([
			['1', 2],
			['2', 2],
			['3', 1],
		]);
		expect(bed.sim.warehouse.calls[0].query.modifiedFrom).toBe(
			new Date(Date.parse(afterSecond.Customer.since as string) - OVERLAP).toISOString(),
		);

		// Nothing changed since: no rows, position kept.
		const quiet = await bed.run('wf-extract');
		expect(quiet.outputs[NODE]).toEqual([]);
		expect(positionsOf('wf-extract')).toMatchObject({
			Customer: {
				since: new Date(bed.clock.now()).toISOString(),
				delivered: delivered(['Customer-1', 'Customer-2', 'Customer-3'], bed.clock.now()),
			},
		});
	});

	test('a manual test run does not move the position; First Run Since and Start Over', async () => {
		bed.save(
			'wf-first',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'sinceLastRun',
				options: { initialSince: new Date(START + 2390 * 60_000).toISOString() },
			}),
		);
		const manual = await bed.run('wf-first', { mode: 'manual' });
		expect(manual.outputs[NODE]).toHaveLength(10);
		expect(positionsOf('wf-first')).toEqual({});

		const first = await bed.run('wf-first');
		expect(first.outputs[NODE]).toHaveLength(10);
		expect(bed.sim.warehouse.calls.at(-1)?.query.modifiedFrom).toBe(
			new Date(START + 2390 * 60_000).toISOString(),
		);
		expect((await bed.run('wf-first')).outputs[NODE]).toHaveLength(0);

		bed.save(
			'wf-first',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'sinceLastRun',
				options: { startOver: true },
			}),
		);
		expect((await bed.run('wf-first')).outputs[NODE]).toHaveLength(2400);
	});

	test('positions are kept per entity and per tenant', async () => {
		bed.sim.warehouse.seed('Order', 5, START);
		bed.save(
			'wf-two',
			warehouseNode({
				entity: entity('={{ $json.index === 0 ? "Customer" : "Order" }}'),
				mode: 'sinceLastRun',
				tenant: 'north',
			}),
			2,
		);
		const result = await bed.run('wf-two');
		expect(result.outputs[NODE]).toHaveLength(2405);
		expect(pairingOf(result.outputs[NODE]).at(0)).toEqual({ item: 0 });
		expect(pairingOf(result.outputs[NODE]).at(-1)).toEqual({ item: 1 });
		expect(Object.keys(positionsOf('wf-two'))).toEqual(['north/Customer', 'north/Order']);
		expect(bed.sim.warehouse.calls.every((call) => call.query.tenant === 'north')).toBe(true);
	});
});

describe('other modes', () => {
	test('All with a limit asks for no more than it needs', async () => {
		bed.save(
			'wf-limit',
			warehouseNode({ entity: entity('Customer'), mode: 'all', returnAll: false, limit: 5 }),
		);
		const result = await bed.run('wf-limit');
		expect(ids(jsonOf(result.outputs[NODE]))).toEqual([
			'Customer-1',
			'Customer-2',
			'Customer-3',
			'Customer-4',
			'Customer-5',
		]);
		expect(bed.sim.warehouse.calls.map((call) => call.query)).toEqual([
			{ page: '1', pageSize: '5' },
		]);
	});

	test('a page size the API caps is followed by its page count', async () => {
		bed.save(
			'wf-capped',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'all',
				returnAll: true,
				options: { pageSize: 5000 },
			}),
		);
		const result = await bed.run('wf-capped');
		expect(result.outputs[NODE]).toHaveLength(2400);
		expect(bed.sim.warehouse.calls.map((call) => [call.query.pageSize, call.rows])).toEqual([
			['5000', 1000],
			['5000', 1000],
			['5000', 400],
		]);
	});

	test('Created Since, Modified Since and Created Between send the assumed query parameters', async () => {
		const at = (minute: number) => new Date(START + minute * 60_000).toISOString();
		bed.save(
			'wf-created',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'createdSince',
				since: at(2395),
				returnAll: true,
			}),
		);
		expect(ids(jsonOf((await bed.run('wf-created')).outputs[NODE]))).toHaveLength(5);
		expect(bed.sim.warehouse.calls.at(-1)?.query).toMatchObject({ createdFrom: at(2395) });

		bed.sim.warehouse.modify('Customer', 'Customer-7');
		bed.save(
			'wf-modified',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'modifiedSince',
				since: at(3000),
				returnAll: true,
			}),
		);
		expect(ids(jsonOf((await bed.run('wf-modified')).outputs[NODE]))).toEqual(['Customer-7']);
		expect(bed.sim.warehouse.calls.at(-1)?.query).toMatchObject({ modifiedFrom: at(3000) });

		bed.save(
			'wf-between',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'createdBetween',
				createdFrom: at(10),
				createdTo: at(12),
				returnAll: true,
			}),
		);
		expect(ids(jsonOf((await bed.run('wf-between')).outputs[NODE]))).toEqual([
			'Customer-11',
			'Customer-12',
			'Customer-13',
		]);
		expect(bed.sim.warehouse.calls.at(-1)?.query).toMatchObject({
			createdFrom: at(10),
			createdTo: at(12),
		});
	});

	test('bad input is refused before any call', async () => {
		// A typed name is checked by n8n itself; one from an expression by the node.
		bed.save(
			'wf-bad-entity',
			warehouseNode({ entity: entity('={{ "Customer; DROP" }}'), mode: 'all' }),
		);
		expect((await bed.run('wf-bad-entity')).error?.message).toBe(
			'"Customer; DROP" is not an entity name',
		);
		bed.save(
			'wf-bad-interval',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'createdBetween',
				createdFrom: '2026-01-02T00:00:00Z',
				createdTo: '2026-01-01T00:00:00Z',
			}),
		);
		expect((await bed.run('wf-bad-interval')).error?.message).toBe(
			'Created From is after Created To',
		);
		bed.save(
			'wf-bad-date',
			warehouseNode({ entity: entity('Customer'), mode: 'createdSince', since: 'yesterday-ish' }),
		);
		expect((await bed.run('wf-bad-date')).error?.message).toMatch(
			/^The 'Since' field is not a date/,
		);
		expect(bed.sim.stats.apiRequests).toBe(0);
		expect(bed.sim.stats.tokenRequests).toBe(0);
	});

	test("an unknown entity fails with Genero's words; continueOnFail pairs the error", async () => {
		bed.save(
			'wf-unknown',
			warehouseNode(
				{ entity: entity('Nope'), mode: 'all', returnAll: true },
				{ onError: 'continueRegularOutput' },
			),
		);
		const result = await bed.run('wf-unknown');
		expect(jsonOf(result.outputs[NODE])).toEqual([
			{ error: expect.stringMatching(/HTTP 400/), description: 'Unknown entity Nope' },
		]);
		expect(pairingOf(result.outputs[NODE])).toEqual([{ item: 0 }]);
	});
});
