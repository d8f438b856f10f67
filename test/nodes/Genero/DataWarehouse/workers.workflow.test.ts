import type { IDataObject } from 'n8n-workflow';

import {
	MAX_BACKOFF_MS,
	MAX_REFUSED_RETRIES,
	warehouseUsage,
} from '../../../../nodes/Genero/DataWarehouse/limiter';
import { generoDataWarehouseApi } from '../../../../nodes/shared/providers/genero';
import { setClock } from '../../../../nodes/shared/token/clock';
import { keysFor } from '../../../../nodes/shared/token/keys';
import { DEFAULT_CLIENT, GENERO_PATHS } from '../../../simulators';
import { startGeneroTestbed, warehouseNode, type GeneroTestbed } from '../testbed';

/**
 * The warehouse's limits (no parallel calls, 60 a minute) are the provider's, per client across
 * every n8n process: another worker's call is invisible to this process's queue, and the provider
 * refuses with a 429 without Retry-After. The node waits a bounded, jittered backoff and goes again,
 * and every attempt the transport sends counts toward the minute and the day.
 */
const NODE = 'Genero Data Warehouse';
const START = Date.UTC(2025, 10, 1);
const entity = (value: string) => ({ __rl: true, mode: 'name', value });
const PARALLEL = {
	status: 429,
	body: { message: 'Parallel calls are not allowed: wait for the previous call to finish' },
	path: /\/Customer$/,
};

let bed: GeneroTestbed;

beforeEach(async () => {
	bed = await startGeneroTestbed();
});

afterEach(async () => {
	await bed.close();
});

const clientKey = () =>
	keysFor(generoDataWarehouseApi.tokenRequest({ ...DEFAULT_CLIENT, tokenUrl: bed.tokenUrl }))
		.budget;

const countOf = (workflowId: string) =>
	(bed.harness.staticData(workflowId)[`node:${NODE}`] as IDataObject | undefined)?.requestCount as
		| IDataObject
		| undefined;

function saveAll(workflowId: string, name = 'Customer'): void {
	bed.save(
		workflowId,
		warehouseNode({
			entity: entity(name),
			mode: 'all',
			returnAll: true,
			options: { pageSize: 100 },
		}),
	);
}

test('a 429 without Retry-After is waited out (jittered, bounded) and every attempt counts', async () => {
	bed.sim.warehouse.seed('Customer', 250, START);
	saveAll('wf');
	bed.sim.injectApiFault(PARALLEL);
	bed.sim.injectApiFault(PARALLEL);

	const result = await bed.run('wf');

	expect(result.error).toBeUndefined();
	expect(result.outputs[NODE]).toHaveLength(250);
	expect(bed.sleeps).toHaveLength(2);
	expect(bed.sleeps[0]).toBeGreaterThanOrEqual(500);
	expect(bed.sleeps[0]).toBeLessThanOrEqual(1000);
	expect(bed.sleeps[1]).toBeGreaterThanOrEqual(1000);
	expect(bed.sleeps[1]).toBeLessThanOrEqual(2000);
	// 3 pages and 2 refused attempts: the provider counted 5, so do we.
	expect(warehouseUsage(clientKey()).today).toBe(5);
	expect(countOf('wf')?.count).toBe(5);
});

test("gives up after a bounded number of refusals with the provider's words", async () => {
	bed.sim.warehouse.seed('Customer', 10, START);
	saveAll('wf');
	for (let i = 0; i <= MAX_REFUSED_RETRIES; i++) bed.sim.injectApiFault(PARALLEL);

	const result = await bed.run('wf');

	expect(result.status).toBe('error');
	expect(`${result.error?.message} ${result.error?.description}`).toMatch(/Parallel calls/);
	expect(bed.sleeps).toHaveLength(MAX_REFUSED_RETRIES);
	expect(Math.max(...bed.sleeps)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
	expect(warehouseUsage(clientKey()).today).toBe(MAX_REFUSED_RETRIES + 1);
});

test('a request sent again after a 401 counts too', async () => {
	bed.sim.warehouse.seed('Customer', 50, START);
	saveAll('wf');
	await bed.run('wf');
	expect(countOf('wf')?.count).toBe(1);
	bed.sim.revokeAll();

	const result = await bed.run('wf');

	expect(result.error).toBeUndefined();
	expect(bed.sim.stats.api401).toBe(1);
	expect(countOf('wf')?.count).toBe(3);
});

test('overlaps with another worker of the same client all succeed', async () => {
	bed.sim.warehouse.seed('Customer', 1000, START);
	bed.sim.warehouse.seed('Order', 10, START);
	bed.sim.warehouse.delayMs = 15;
	saveAll('wf');
	// Backoffs move the engine clock and also let a little real time pass, so the other worker's
	// call (held open 15 ms in real time) can end meanwhile.
	setClock({
		now: () => bed.clock.now(),
		sleep: async (ms) => {
			bed.sleeps.push(ms);
			bed.clock.advance(ms);
			await new Promise((resolve) => setTimeout(resolve, Math.min(60, ms / 40)));
		},
	});
	const token = await otherWorkerToken();
	let otherCalls = 0;
	let running = true;
	// The other worker: calls of the same client, one at a time, that this process never sees.
	const otherWorker = (async () => {
		while (running && otherCalls < 50) {
			otherCalls++;
			await fetch(`${bed.sim.url}${GENERO_PATHS.warehouse}/Order`, {
				headers: { authorization: `Bearer ${token}` },
			});
			// It handles its page before asking for the next.
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	})();

	const result = await bed.run('wf');
	running = false;
	await otherWorker;

	expect(result.error).toBeUndefined();
	expect(result.outputs[NODE]).toHaveLength(1000);
	const refusedOurs = bed.sim.warehouse.calls.filter(
		(call) => call.entity === 'Customer' && call.status === 429,
	).length;
	expect(refusedOurs).toBeGreaterThan(0);
	expect(bed.sleeps).toHaveLength(refusedOurs);
	expect(countOf('wf')?.count).toBe(10 + refusedOurs);
});

async function otherWorkerToken(): Promise<string> {
	const response = await fetch(bed.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			grant_type: 'client_credentials',
			...{ client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret },
			audience: 'https://prod.generosales.com/api/externalschema',
		}),
	});
	return ((await response.json()) as { access_token: string }).access_token;
}
