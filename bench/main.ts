/**
 * `npm run bench`: what the package costs next to what a user would otherwise build, against local
 * simulators, in one run:
 *   1. token fetches for 200 executions over three token lifetimes (manual clock, instant);
 *   2. per-item overhead of our transport next to n8n's HTTP Request node path (real clock);
 *   3. Kaisa extraction of 100,000 calls (scripts/bench-kaisa.ts);
 *   4. Fenergo Get of 1,000 items at 50 ms a call: one at a time, Parallel Requests 10, HTTP Request node;
 *   5. the same with Parallel Requests 10 and a 429 on every 50th call.
 * Prints tables; it is not a test and asserts nothing beyond "every run succeeded" (and, for 4 and
 * 5, every item out once, in order, paired).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { ClientCredentialsApi } from '../credentials/ClientCredentialsApi.credentials';
import { resetTokenCache } from '../nodes/shared/token/cache';
import { setClock } from '../nodes/shared/token/clock';
import { linearWorkflow, type NodeSpec } from '../test/harness/linear-workflow';
import { createHarness, type Harness } from '../test/harness/n8n';
import { HttpRequestLike } from '../test/harness/nodes/HttpRequestLike.node';
import { Items } from '../test/harness/nodes/Items.node';
import { TransportProbe } from '../test/harness/nodes/TransportProbe.node';
import { GenericSimulator, ManualClock } from '../test/simulators';
import { fenergoParts } from './fenergo-parallel';
import { median, table } from './format';
import { NaiveTokenCall } from './nodes/NaiveTokenCall.node';
import { StockClientCredentialsApi } from './stock-credential';

const CLIENT = { clientId: 'bench-client', clientSecret: 'bench-secret-0f9e8d' };
const LIFETIME_SECONDS = 3600;
const EXECUTIONS = 200;
const LIFETIMES = 3;
const OVERHEAD_ITEMS = 1000;
const OVERHEAD_REPEATS = 5;
// `npm run bench` (scripts/launch.mjs) compiles into .n8n-cache/build and names the repository.
const ROOT = process.env.LOCAL_N8N_ROOT ?? path.resolve(__dirname, '..', '..', '..');
/** BENCH_PARTS=2 runs only the overhead part, e.g. under --cpu-prof. */
const PARTS = new Set(
	(process.env.BENCH_PARTS ?? '1,2,3,4,5').split(',').map((part) => part.trim()),
);

type Approach = 'transport' | 'httpRequestNode' | 'naive' | 'stock';

const APPROACH_TITLES: Record<Approach, string> = {
	transport: 'this package, our nodes (transport)',
	httpRequestNode: "this package, n8n's HTTP Request node",
	naive: 'naive: token request in every execution',
	stock: 'stock n8n preAuthentication (refresh on error)',
};

interface TokenCounts {
	tokenRequests: number;
	failedCalls: number;
	apiCalls: number;
	failedExecutions: number;
}

async function startHarness(): Promise<Harness> {
	return await createHarness({
		nodeTypes: {
			testItems: new Items(),
			testTransport: new TransportProbe(),
			testHttpRequest: new HttpRequestLike(),
			benchNaiveTokenCall: new NaiveTokenCall(),
		},
		credentialTypes: {
			clientCredentialsApi: new ClientCredentialsApi(),
			stockClientCredentialsApi: new StockClientCredentialsApi(),
		},
	});
}

function callNode(approach: Approach, sim: GenericSimulator): NodeSpec {
	const apiUrl = `${sim.url}/api/me`;
	switch (approach) {
		case 'transport':
			return {
				name: 'Call',
				type: 'testTransport',
				parameters: { credentialType: 'clientCredentialsApi', method: 'GET', url: '/api/me' },
				credentials: { clientCredentialsApi: { id: 'ours', name: 'ours' } },
			};
		case 'httpRequestNode':
			return {
				name: 'Call',
				type: 'testHttpRequest',
				parameters: {
					credentialType: 'clientCredentialsApi',
					method: 'GET',
					url: apiUrl,
					helper: 'legacy',
				},
				credentials: { clientCredentialsApi: { id: 'ours', name: 'ours' } },
			};
		case 'stock':
			return {
				name: 'Call',
				type: 'testHttpRequest',
				parameters: {
					credentialType: 'stockClientCredentialsApi',
					method: 'GET',
					url: apiUrl,
					helper: 'legacy',
				},
				credentials: { stockClientCredentialsApi: { id: 'stock', name: 'stock' } },
			};
		case 'naive':
			return {
				name: 'Call',
				type: 'benchNaiveTokenCall',
				parameters: { tokenUrl: `${sim.url}/oauth/token`, ...CLIENT, url: apiUrl },
			};
	}
}

async function addCredentials(harness: Harness, sim: GenericSimulator): Promise<void> {
	const tokenUrl = `${sim.url}/oauth/token`;
	await harness.credentials.add({
		id: 'ours',
		name: 'ours',
		type: 'clientCredentialsApi',
		data: { ...CLIENT, tokenUrl, baseUrl: sim.url, testPath: '/api/me' },
	});
	await harness.credentials.add({
		id: 'stock',
		name: 'stock',
		type: 'stockClientCredentialsApi',
		data: { ...CLIENT, tokenUrl },
	});
}

/** 200 executions, evenly spread over three token lifetimes, on a manual clock. */
async function countTokenFetches(
	approach: Approach,
	itemsPerExecution: number,
): Promise<TokenCounts> {
	const clock = new ManualClock();
	setClock({ now: () => clock.now(), sleep: async (ms) => clock.advance(ms) });
	resetTokenCache();
	const sim = new GenericSimulator({ clock, ...CLIENT, tokenLifetimeSeconds: LIFETIME_SECONDS });
	await sim.start();
	const harness = await startHarness();
	try {
		await addCredentials(harness, sim);
		harness.saveWorkflow(
			linearWorkflow('wf', [
				{ name: 'Items', type: 'testItems', parameters: { count: itemsPerExecution } },
				callNode(approach, sim),
			]),
		);
		const step = (LIFETIMES * LIFETIME_SECONDS * 1000) / EXECUTIONS;
		let failedExecutions = 0;
		for (let execution = 0; execution < EXECUTIONS; execution++) {
			const result = await harness.execute('wf');
			if (result.status !== 'success' || Object.keys(result.itemErrors).length > 0)
				failedExecutions++;
			clock.advance(step);
		}
		return {
			tokenRequests: sim.stats.tokenRequests,
			failedCalls: sim.stats.api401,
			apiCalls: sim.stats.apiRequests,
			failedExecutions,
		};
	} finally {
		await harness.close();
		await sim.close();
		setClock();
	}
}

/** Wall time of one execution of 1,000 items, one API call each, per path (real clock, warm token). */
interface Overhead {
	wall: Record<'transport' | 'httpRequestNode', number[]>;
	/** CPU time of the process (user + system) per run: steadier than wall time on a busy machine. */
	cpu: Record<'transport' | 'httpRequestNode', number[]>;
}

async function measureOverhead(): Promise<Overhead> {
	setClock();
	resetTokenCache();
	const sim = new GenericSimulator({ ...CLIENT, maxLoggedRequests: 10 });
	await sim.start();
	const harness = await startHarness();
	const times: Overhead = {
		wall: { transport: [], httpRequestNode: [] },
		cpu: { transport: [], httpRequestNode: [] },
	};
	try {
		await addCredentials(harness, sim);
		const paths = ['transport', 'httpRequestNode'] as const;
		for (const approach of paths) {
			harness.saveWorkflow(
				linearWorkflow(approach, [
					{ name: 'Items', type: 'testItems', parameters: { count: OVERHEAD_ITEMS } },
					callNode(approach, sim),
				]),
			);
			await run(harness, approach, OVERHEAD_ITEMS);
		}
		for (let repeat = 0; repeat < OVERHEAD_REPEATS; repeat++) {
			// Alternate which path goes first, so neither always runs on a warmer process.
			for (const approach of repeat % 2 === 0 ? paths : [...paths].reverse()) {
				const started = performance.now();
				const cpu = process.cpuUsage();
				await run(harness, approach, OVERHEAD_ITEMS);
				const used = process.cpuUsage(cpu);
				times.wall[approach].push(performance.now() - started);
				times.cpu[approach].push((used.user + used.system) / 1000);
			}
		}
		if (sim.stats.tokenRequests !== 1)
			throw new Error(`expected 1 token request, saw ${sim.stats.tokenRequests}`);
		return times;
	} finally {
		await harness.close();
		await sim.close();
	}
}

async function run(harness: Harness, workflowId: string, items: number): Promise<void> {
	const result = await harness.execute(workflowId);
	const answered = result.outputs.Call?.length ?? 0;
	if (
		result.status !== 'success' ||
		answered !== items ||
		Object.keys(result.itemErrors).length > 0
	) {
		throw new Error(
			`${workflowId}: ${result.status}, ${answered} items, ${result.error?.message ?? ''}`,
		);
	}
}

interface KaisaFigures {
	rows?: string;
	time?: string;
	throughput?: string;
	peakRss?: string;
	status: string;
}

/** The Kaisa engineer's benchmark, in its own process (so its memory figure is its own). */
function kaisaExtraction(): KaisaFigures {
	const script = path.join(__dirname, '..', 'scripts', 'bench-kaisa.js');
	if (!existsSync(script)) return { status: 'not compiled: scripts/bench-kaisa.ts' };
	const child = spawnSync(process.execPath, [script], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 180_000,
	});
	const out = `${child.stdout ?? ''}`;
	const line = (label: string) => new RegExp(`^\\s*${label}\\s+(.+)$`, 'm').exec(out)?.[1]?.trim();
	if (child.status !== 0)
		return { status: `failed (exit ${child.status}): ${(child.stderr ?? '').split('\n')[0]}` };
	return {
		status: line('status') ?? 'unknown',
		rows: line('rows'),
		time: line('time'),
		throughput: line('throughput'),
		peakRss: line('peak RSS \\(maxRSS\\)') ?? line('peak RSS \\(sampled\\)'),
	};
}

async function main(): Promise<void> {
	const started = performance.now();
	console.log('n8n-nodes-client-credentials benchmark');
	console.log(
		`node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`,
	);
	console.log('');

	if (PARTS.has('1')) await tokenPart();
	if (PARTS.has('2')) await overheadPart();
	if (PARTS.has('3')) kaisaPart();
	if (PARTS.has('4') || PARTS.has('5')) {
		const fenergo = await fenergoParts({ parallel: PARTS.has('4'), throttled: PARTS.has('5') });
		if (!fenergo.ok) process.exitCode = 1;
	}
	console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function tokenPart(): Promise<void> {
	console.log(
		`1. Token requests for ${EXECUTIONS} executions over ${LIFETIMES} token lifetimes (${LIFETIME_SECONDS / 60}-minute tokens, one execution every ${(LIFETIMES * LIFETIME_SECONDS) / EXECUTIONS} s)`,
	);
	const rows: string[][] = [];
	for (const approach of ['transport', 'httpRequestNode', 'naive', 'stock'] as Approach[]) {
		const cells = [APPROACH_TITLES[approach]];
		for (const items of [1, 20]) {
			const counts = await countTokenFetches(approach, items);
			cells.push(String(counts.tokenRequests), String(counts.failedCalls));
			if (counts.failedExecutions > 0) cells.push(`(${counts.failedExecutions} executions failed)`);
		}
		rows.push(cells);
	}
	console.log(
		table(
			[
				'approach',
				'1 item: token requests',
				'rejected calls (401)',
				'20 items: token requests',
				'rejected calls (401)',
			],
			rows,
		),
	);
	console.log('');
}

async function overheadPart(): Promise<void> {
	console.log(
		`2. Per-item overhead: ${OVERHEAD_ITEMS} items, one API call each, warm token, real clock; median of ${OVERHEAD_REPEATS}`,
	);
	const { wall, cpu } = await measureOverhead();
	const row = (title: string, approach: 'transport' | 'httpRequestNode') => [
		title,
		median(wall[approach]).toFixed(0),
		((median(wall[approach]) * 1000) / OVERHEAD_ITEMS).toFixed(0),
		median(cpu[approach]).toFixed(0),
		wall[approach].map((ms) => ms.toFixed(0)).join(' '),
	];
	console.log(
		table(
			['path', 'median wall ms', 'wall µs/item', 'median CPU ms', 'wall ms per run'],
			[
				row('our nodes (transport)', 'transport'),
				row("n8n's HTTP Request node (legacy helper), our credential", 'httpRequestNode'),
			],
		),
	);
	const ratio = (values: Overhead['wall']) =>
		(median(values.transport) / median(values.httpRequestNode)).toFixed(2);
	console.log(
		`ratio transport / HTTP Request node: ${ratio(wall)}× wall time, ${ratio(cpu)}× CPU time (goal ≤ 1.00×)`,
	);
	console.log('');
}

function kaisaPart(): void {
	console.log('3. Kaisa Call → Get Many, 100,000 calls (scripts/bench-kaisa.ts, own process)');
	const kaisa = kaisaExtraction();
	console.log(
		table(
			['status', 'rows', 'time', 'throughput', 'peak RSS'],
			[
				[
					kaisa.status,
					kaisa.rows ?? '–',
					kaisa.time ?? '–',
					kaisa.throughput ?? '–',
					kaisa.peakRss ?? '–',
				],
			],
		),
	);
	console.log('');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
