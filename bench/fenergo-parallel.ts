/**
 * Fenergo Get of 1,000 entities against a simulator that answers each API call after a fixed
 * latency: our node one item at a time, our node with Parallel Requests 10, n8n's HTTP Request
 * node with the same credential (part 4); Parallel Requests 10 when every 50th call gets a 429
 * (part 5). Each output is checked: every input id once, in input order, paired to its input.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { performance } from 'node:perf_hooks';

import { FenergoApi } from '../credentials/FenergoApi.credentials';
import { Fenergo } from '../nodes/Fenergo/Fenergo.node';
import { resetTokenCache } from '../nodes/shared/token/cache';
import { setClock } from '../nodes/shared/token/clock';
import { linearWorkflow, type NodeSpec } from '../test/harness/linear-workflow';
import { createHarness, type Harness } from '../test/harness/n8n';
import { HttpRequestLike } from '../test/harness/nodes/HttpRequestLike.node';
import { FENERGO_TENANTS, generatedEntityId, type PacingOptions } from '../test/simulators';
import { SimulatorThread } from './fenergo-sim-thread';
import { table } from './format';

const ITEMS = 1000;
const WARM_UP_ITEMS = 50;
const LATENCY_MS = 50;
const PARALLEL = 10;
const RATE_LIMIT_EVERY = 50;
/** Fenergo announces whole seconds. */
const RESET_SECONDS = 1;
const FENERGO_NODE_TYPE = 'n8n-nodes-client-credentials.fenergo';
const CLIENT = { clientId: 'bench-fenergo-client', clientSecret: 'bench-fenergo-Secret-5b1e' };
const TENANT = FENERGO_TENANTS[1];

type Path = { kind: 'fenergo'; parallelRequests: number } | { kind: 'httpRequestNode' };

/** Whether every input came out once, in input order, paired to the input it answers. */
interface ItemCheck {
	received: number;
	lost: number;
	duplicated: number;
	outOfOrder: number;
	badPairing: number;
	errors: number;
}

interface RowResult {
	wallMs: number;
	tokenRequests: number;
	apiCalls: number;
	rateLimited: number;
	maxInFlight: number;
	check: ItemCheck;
}

export interface FenergoFigures {
	/** False when an item was lost, duplicated, out of order, badly paired or failed. */
	ok: boolean;
}

async function startHarness(): Promise<Harness> {
	return await createHarness({
		nodeTypes: { [FENERGO_NODE_TYPE]: new Fenergo(), testHttpRequest: new HttpRequestLike() },
		credentialTypes: { fenergoApi: new FenergoApi() },
	});
}

function callNode(
	path: Path,
	sim: SimulatorThread,
	credential: { id: string; name: string },
): NodeSpec {
	const credentials = { fenergoApi: credential };
	if (path.kind === 'fenergo') {
		return {
			name: 'Call',
			type: FENERGO_NODE_TYPE,
			parameters: {
				resource: 'entity',
				operation: 'get',
				entityId: '={{ $json.id }}',
				options: { parallelRequests: path.parallelRequests },
			},
			credentials,
		};
	}
	return {
		name: 'Call',
		type: 'testHttpRequest',
		parameters: {
			credentialType: 'fenergoApi',
			method: 'GET',
			url: `=${sim.url}/entitydataquery/api/v2/entity/{{ $json.id }}`,
			helper: 'legacy',
		},
		credentials,
	};
}

/** The Fenergo node outputs the entity; the HTTP Request node the whole `{ data, messages }` envelope. */
function entityIdOf(path: Path, json: IDataObject): unknown {
	return path.kind === 'fenergo' ? json.id : (json.data as IDataObject | undefined)?.id;
}

function checkItems(
	items: INodeExecutionData[],
	ids: string[],
	idOf: (json: IDataObject) => unknown,
): ItemCheck {
	const seen = new Map<unknown, number>();
	const check: ItemCheck = {
		received: items.length,
		lost: 0,
		duplicated: 0,
		outOfOrder: 0,
		badPairing: 0,
		errors: 0,
	};
	items.forEach((item, index) => {
		const id = idOf(item.json);
		seen.set(id, (seen.get(id) ?? 0) + 1);
		if (id !== ids[index]) check.outOfOrder++;
		if (item.json.error !== undefined) check.errors++;
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
		const source = paired.length === 1 ? paired[0] : undefined;
		const sourceIndex = typeof source === 'number' ? source : source?.item;
		if (sourceIndex === undefined || ids[sourceIndex] !== id) check.badPairing++;
	});
	check.lost = ids.filter((id) => !seen.has(id)).length;
	for (const count of seen.values()) check.duplicated += count - 1;
	return check;
}

const checkPassed = (check: ItemCheck, items: number) =>
	check.received === items &&
	check.lost + check.duplicated + check.outOfOrder + check.badPairing + check.errors === 0;

function describeCheck(check: ItemCheck, items: number): string {
	const counts = `${check.lost} lost, ${check.duplicated} duplicated`;
	if (checkPassed(check, items))
		return `ok: ${check.received}/${items} in order, ${counts}, pairing intact`;
	return `FAILED: ${check.received}/${items} out, ${counts}, ${check.outOfOrder} out of order, ${check.badPairing} badly paired, ${check.errors} errors`;
}

/**
 * One execution of `items` Gets on a fresh simulator (own thread). Each row has its own credential
 * and workflow, so two rows can run at once; the caller empties the token cache before, so the one
 * token fetch of the row is counted.
 */
async function runRow(
	harness: Harness,
	row: string,
	path: Path,
	items: number,
	pacing: PacingOptions,
): Promise<RowResult> {
	const sim = await SimulatorThread.start({
		...CLIENT,
		tenants: [TENANT],
		entities: [],
		generatedEntities: items,
		maxLoggedRequests: 10,
		...pacing,
	});
	try {
		const credential = { id: `fenergo-${row}`, name: row };
		await harness.credentials.add({
			...credential,
			type: 'fenergoApi',
			data: {
				...CLIENT,
				region: 'custom',
				tokenUrl: `${sim.url}/connect/token`,
				baseUrl: sim.url,
				tenantId: TENANT,
				scope: 'fenx.all',
			},
		});
		harness.saveWorkflow(
			linearWorkflow(row, [callNode(path, sim, credential)], { staticData: {} }),
		);
		const ids = Array.from({ length: items }, (_, index) => generatedEntityId(index));
		const started = performance.now();
		const result = await harness.execute(row, { inputItems: ids.map((id) => ({ json: { id } })) });
		const wallMs = performance.now() - started;
		if (result.status !== 'success')
			throw new Error(`Fenergo bench ${row}: ${result.status}, ${result.error?.message ?? ''}`);
		const counts = await sim.counts();
		return {
			wallMs,
			tokenRequests: counts.tokenRequests,
			apiCalls: counts.apiRequests,
			rateLimited: counts.rateLimited,
			maxInFlight: counts.maxApiInFlight,
			check: checkItems(result.outputs.Call ?? [], ids, (json) => entityIdOf(path, json)),
		};
	} finally {
		await sim.close();
	}
}

/** A cold start for the next row(s): no token, no client pause, the real clock. */
function coldStart(): void {
	setClock();
	resetTokenCache();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const SEQUENTIAL: Path = { kind: 'fenergo', parallelRequests: 1 };
const PARALLEL_PATH: Path = { kind: 'fenergo', parallelRequests: PARALLEL };
const HTTP_REQUEST_NODE: Path = { kind: 'httpRequestNode' };
const LATENCY: PacingOptions = { apiLatencyMs: LATENCY_MS };
const THROTTLED: PacingOptions = {
	apiLatencyMs: LATENCY_MS,
	rateLimitEvery: {
		every: RATE_LIMIT_EVERY,
		header: 'x-rate-limit-reset',
		resetSeconds: RESET_SECONDS,
	},
};

/**
 * Parts 4 (parallel) and 5 (throttled) on one harness. When both run, 4(a) and 5 run at the same
 * time: both spend their time waiting on the simulators (latency, 429 pauses), not on the CPU, and
 * this keeps the bench near two minutes. Their clients, simulators and pauses are separate.
 */
export async function fenergoParts(wanted: {
	parallel: boolean;
	throttled: boolean;
}): Promise<FenergoFigures> {
	const harness = await startHarness();
	try {
		for (const path of [SEQUENTIAL, PARALLEL_PATH, HTTP_REQUEST_NODE]) {
			coldStart();
			await runRow(harness, 'warm-up', path, WARM_UP_ITEMS, {});
		}
		coldStart();
		const [sequential, throttled] = await Promise.all([
			wanted.parallel ? runRow(harness, 'a', SEQUENTIAL, ITEMS, LATENCY) : undefined,
			wanted.throttled ? runRow(harness, 'throttled', PARALLEL_PATH, ITEMS, THROTTLED) : undefined,
		]);
		const together = wanted.parallel && wanted.throttled;
		let ok = true;
		if (sequential) {
			coldStart();
			const parallel = await runRow(harness, 'b', PARALLEL_PATH, ITEMS, LATENCY);
			coldStart();
			const httpRequestNode = await runRow(harness, 'c', HTTP_REQUEST_NODE, ITEMS, LATENCY);
			printParallel([sequential, parallel, httpRequestNode], together);
			ok &&= [sequential, parallel, httpRequestNode].every((result) =>
				checkPassed(result.check, ITEMS),
			);
		}
		if (throttled) {
			printThrottled(throttled, together);
			ok &&= checkPassed(throttled.check, ITEMS);
		}
		return { ok };
	} finally {
		await harness.close();
	}
}

function printParallel(results: RowResult[], together: boolean): void {
	console.log(
		`4. Fenergo Get, ${ITEMS} items, simulator (own thread) answering each entity call after ${LATENCY_MS} ms; real clock, cold token, one execution each`,
	);
	const titles = [
		`(a) our Fenergo node, Parallel Requests 1${together ? ' (alongside 5)' : ''}`,
		`(b) our Fenergo node, Parallel Requests ${PARALLEL}`,
		"(c) n8n's HTTP Request node (legacy helper), Fenergo credential, defaults",
	];
	console.log(
		table(
			['path', 'wall time', 'ms/item', 'token requests', 'API calls', 'max in flight', 'items'],
			results.map((result, index) => [
				titles[index],
				seconds(result.wallMs),
				(result.wallMs / ITEMS).toFixed(1),
				String(result.tokenRequests),
				String(result.apiCalls),
				String(result.maxInFlight),
				describeCheck(result.check, ITEMS),
			]),
		),
	);
	console.log(
		`speed-up of (b) over (a): ${(results[0].wallMs / results[1].wallMs).toFixed(1)}× (goal ≥ 8×, at least 6×)`,
	);
	console.log('');
}

function printThrottled(result: RowResult, together: boolean): void {
	console.log(
		`5. Fenergo Get, ${ITEMS} items, Parallel Requests ${PARALLEL}, ${LATENCY_MS} ms per call, every ${RATE_LIMIT_EVERY}th call refused with 429 (X-Rate-Limit-Reset: ${RESET_SECONDS})${together ? ', alongside 4(a)' : ''}`,
	);
	console.log(
		table(
			[
				'path',
				'wall time',
				'429 waits (at the simulator)',
				'API calls',
				'token requests',
				'max in flight',
				'items',
			],
			[
				[
					`our Fenergo node, Parallel Requests ${PARALLEL}`,
					seconds(result.wallMs),
					String(result.rateLimited),
					String(result.apiCalls),
					String(result.tokenRequests),
					String(result.maxInFlight),
					describeCheck(result.check, ITEMS),
				],
			],
		),
	);
	console.log(
		`each 429 pauses every request of the client for the announced ${RESET_SECONDS} s: ${result.rateLimited} waits ≈ ${result.rateLimited * RESET_SECONDS} s of the wall time`,
	);
	console.log('');
}
