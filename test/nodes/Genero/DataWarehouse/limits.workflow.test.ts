import type { IDataObject } from 'n8n-workflow';

import { RATE_MARGIN_MS, warehouseUsage } from '../../../../nodes/Genero/DataWarehouse/limiter';
import { generoDataWarehouseApi } from '../../../../nodes/shared/providers/genero';
import { keysFor } from '../../../../nodes/shared/token/keys';
import { DEFAULT_CLIENT, GENERO_PATHS } from '../../../simulators';
import { DAY_MS, jsonOf, startGeneroTestbed, warehouseNode, type GeneroTestbed } from '../testbed';

const NODE = 'Genero Data Warehouse';
const START = Date.UTC(2025, 10, 1);
const entity = (value: string) => ({ __rl: true, mode: 'name', value });

let bed: GeneroTestbed;

beforeEach(async () => {
	bed = await startGeneroTestbed();
});

afterEach(async () => {
	await bed.close();
});

/** The limiter's client: the token engine's budget key of the credential (token URL and client ID). */
const clientKey = () =>
	keysFor(generoDataWarehouseApi.tokenRequest({ ...DEFAULT_CLIENT, tokenUrl: bed.tokenUrl }))
		.budget;

const countOf = (workflowId: string) =>
	(bed.harness.staticData(workflowId)[`node:${NODE}`] as IDataObject | undefined)?.requestCount as
		| IDataObject
		| undefined;

describe('no parallel calls per client', () => {
	test('the simulator does answer overlapping calls with 429 (the check below can fail)', async () => {
		bed.sim.warehouse.seed('Customer', 10, START);
		bed.sim.warehouse.delayMs = 30;
		const tokenResponse = await fetch(bed.tokenUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credentials',
				...{ client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret },
				audience: 'https://prod.generosales.com/api/externalschema',
			}),
		});
		const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
		const call = async () =>
			(
				await fetch(`${bed.sim.url}${GENERO_PATHS.warehouse}/Customer`, {
					headers: { authorization: `Bearer ${token}` },
				})
			).status;
		const statuses = await Promise.all([call(), call()]);
		expect(statuses.sort()).toEqual([200, 429]);
		expect(bed.sim.warehouse.stats.maxConcurrency).toBe(2);
	});

	test('two concurrent executions (same and other workflow) never overlap their calls', async () => {
		bed.sim.warehouse.seed('Customer', 600, START);
		bed.sim.warehouse.seed('Order', 450, START);
		bed.sim.warehouse.delayMs = 10;
		bed.save(
			'wf-a',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'all',
				returnAll: true,
				options: { pageSize: 100 },
			}),
		);
		bed.save(
			'wf-b',
			warehouseNode({
				entity: entity('Order'),
				mode: 'all',
				returnAll: true,
				options: { pageSize: 100 },
			}),
		);

		const results = await Promise.all([bed.run('wf-a'), bed.run('wf-a'), bed.run('wf-b')]);

		expect(results.map((result) => result.status)).toEqual(['success', 'success', 'success']);
		expect(results.map((result) => result.outputs[NODE].length)).toEqual([600, 600, 450]);
		expect(bed.sim.warehouse.stats).toMatchObject({
			requests: 6 + 6 + 5,
			maxConcurrency: 1,
			rejected: { parallel: 0, perMinute: 0, perDay: 0, volume: 0 },
		});
		// The queue interleaved the executions rather than running one after the other.
		const order = bed.sim.warehouse.calls.map((call) => call.entity).join(',');
		expect(order).toMatch(/Customer,Order|Order,Customer/);
	});
});

describe('60 requests a minute', () => {
	test('the 61st request waits for the window (engine clock), Genero never refuses', async () => {
		bed.sim.warehouse.seed('Visit', 61, START);
		bed.save(
			'wf-rate',
			warehouseNode({
				entity: entity('Visit'),
				mode: 'all',
				returnAll: true,
				options: { pageSize: 1 },
			}),
		);
		const startedAt = bed.clock.now();

		const result = await bed.run('wf-rate');

		expect(result.status).toBe('success');
		expect(result.outputs[NODE]).toHaveLength(61);
		expect(bed.sim.warehouse.stats.requests).toBe(61);
		expect(bed.sim.warehouse.stats.rejected.perMinute).toBe(0);
		expect(bed.sleeps).toEqual([60_000 + RATE_MARGIN_MS]);
		const calls = bed.sim.warehouse.calls;
		expect(calls.slice(0, 60).every((call) => call.at === startedAt)).toBe(true);
		expect(calls[60].at).toBe(startedAt + 60_000 + RATE_MARGIN_MS);
		expect(warehouseUsage(clientKey())).toEqual({ today: 61, lastMinute: 1 });
	});

	test('the window is per client and shared by executions', async () => {
		bed.sim.warehouse.seed('Visit', 40, START);
		bed.save(
			'wf-rate-a',
			warehouseNode({
				entity: entity('Visit'),
				mode: 'all',
				returnAll: true,
				options: { pageSize: 1 },
			}),
		);
		await bed.run('wf-rate-a');
		expect(bed.sleeps).toEqual([]);
		await bed.run('wf-rate-a');
		expect(bed.sleeps).toEqual([60_000 + RATE_MARGIN_MS]);
		expect(bed.sim.warehouse.stats.rejected.perMinute).toBe(0);
	});
});

describe('3,000 requests a day', () => {
	test('refuses before the 3,001st request of the day, counting from static data after a restart', async () => {
		bed.sim.warehouse.seed('Customer', 1500, START);
		bed.save('wf-daily', warehouseNode({ entity: entity('Customer'), mode: 'sinceLastRun' }));
		const key = clientKey();
		bed.harness.setStaticData('wf-daily', {
			[`node:${NODE}`]: { requestCount: { client: key, day: '2026-01-15', count: 2999 } },
		});

		const result = await bed.run('wf-daily');

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Genero Data Warehouse daily request limit reached: 3000 of 3000 requests used today',
		);
		expect(result.error?.description).toMatch(/no request was sent.*2026-01-16T00:00:00.000Z/);
		expect(bed.sim.warehouse.stats.requests).toBe(1);
		expect(countOf('wf-daily')).toEqual({ client: key, day: '2026-01-15', count: 3000 });
		expect(
			(bed.harness.staticData('wf-daily')[`node:${NODE}`] as IDataObject).positions,
		).toBeUndefined();

		// A restart forgets memory; the stored count still refuses, without a request.
		bed.restart();
		expect((await bed.run('wf-daily')).error?.message).toMatch(/daily request limit reached/);
		expect(bed.sim.warehouse.stats.requests).toBe(1);

		// Next UTC day: allowed again, and the run completes.
		bed.clock.set(Date.UTC(2026, 0, 16, 0, 0, 1));
		const nextDay = await bed.run('wf-daily');
		expect(nextDay.status).toBe('success');
		expect(nextDay.outputs[NODE]).toHaveLength(1500);
		expect(countOf('wf-daily')).toEqual({ client: key, day: '2026-01-16', count: 2 });
	});

	test('the count in memory spans workflows; a lower Daily Request Budget refuses earlier', async () => {
		bed.sim.warehouse.seed('Customer', 6, START);
		const node = warehouseNode({
			entity: entity('Customer'),
			mode: 'all',
			returnAll: true,
			options: { pageSize: 2, dailyRequestLimit: 5 },
		});
		bed.save('wf-one', node);
		bed.save('wf-two', node);
		expect((await bed.run('wf-one')).status).toBe('success'); // 3 pages of 2
		const second = await bed.run('wf-two');
		expect(second.status).toBe('error');
		expect(second.error?.message).toBe(
			'Genero Data Warehouse daily request limit reached: 5 of 5 requests used today',
		);
		expect(bed.sim.warehouse.stats.requests).toBe(5);
		expect(countOf('wf-two')).toMatchObject({ count: 5 });
	});
});

describe('data volume limits', () => {
	test('a volume refusal gets a clear message and the position does not move', async () => {
		bed.sim.warehouse.seed('Customer', 30, START);
		bed.sim.warehouse.volumeBytesPerDay = 1;
		bed.save(
			'wf-volume',
			warehouseNode({
				entity: entity('Customer'),
				mode: 'sinceLastRun',
				options: { pageSize: 10 },
			}),
		);

		const result = await bed.run('wf-volume');

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Genero Data Warehouse export volume limit reached (HTTP 403)',
		);
		expect(result.error?.description).toMatch(/5 GB of exported data a day and 25 GB a week/);
		expect(result.error?.description).toMatch(/Genero said: Data volume limit reached/);
		expect(
			(bed.harness.staticData('wf-volume')[`node:${NODE}`] as IDataObject).positions,
		).toBeUndefined();

		bed.sim.warehouse.volumeBytesPerDay = undefined;
		bed.clock.advance(DAY_MS);
		const retry = await bed.run('wf-volume');
		expect(jsonOf(retry.outputs[NODE])).toHaveLength(30);
	});
});
