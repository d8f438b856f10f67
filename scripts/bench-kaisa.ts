/**
 * Extracts 100,000 calls (BENCH_ROWS) from the Kaisa simulator through the real Kaisa node in the
 * in-process n8n harness, and prints rows/s and peak RSS. Run it with `npm run bench:kaisa`,
 * which compiles this file first. The simulator runs in the same process, so its work (making up
 * and serialising 100 pages of JSON) is in the figures too.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

import { KaisaApi } from '../credentials/KaisaApi.credentials';
import { Kaisa } from '../nodes/Kaisa/Kaisa.node';
import { linearWorkflow } from '../test/harness/linear-workflow';
import { createHarness } from '../test/harness/n8n';
import { Items } from '../test/harness/nodes/Items.node';
import { DEFAULT_CLIENT, KAISA_PATHS, KaisaSimulator } from '../test/simulators';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const DAY = Date.UTC(2026, 0, 14);
const MB = 1024 * 1024;

async function main(): Promise<void> {
	// Calls spread evenly over one day, whatever their number.
	const sim = new KaisaSimulator({
		cdrs: { count: ROWS, start: DAY, spacingMs: Math.max(1, Math.floor(86_400_000 / ROWS)) },
		maxLoggedRequests: 500,
	});
	await sim.start();
	const harness = await createHarness({
		nodeTypes: { 'n8n-nodes-client-credentials.kaisa': new Kaisa(), testItems: new Items() },
		credentialTypes: { kaisaApi: new KaisaApi() },
	});
	const credential = { id: 'bench', name: 'Kaisa bench' };
	await harness.credentials.add({
		...credential,
		type: 'kaisaApi',
		data: {
			clientId: DEFAULT_CLIENT.clientId,
			clientSecret: DEFAULT_CLIENT.clientSecret,
			tokenUrl: `${sim.url}/oauth2/token`,
			baseUrl: `${sim.url}/${sim.version}`,
		},
	});
	const workflow = (id: string, extra: Record<string, unknown>) =>
		linearWorkflow(id, [
			{ name: 'Start', type: 'testItems', parameters: { count: 1 } },
			{
				name: 'Kaisa',
				type: 'n8n-nodes-client-credentials.kaisa',
				credentials: { kaisaApi: credential },
				parameters: {
					resource: 'call',
					operation: 'getMany',
					fromDate: new Date(DAY).toISOString(),
					toDate: new Date(DAY + 86_400_000).toISOString(),
					...extra,
				},
			},
		]);

	// Warm-up: loads the code paths and fetches the token, as a running n8n would have.
	harness.saveWorkflow(workflow('warm-up', { limit: 1000 }));
	await harness.execute('warm-up');
	sim.resetStats();

	harness.saveWorkflow(workflow('bench', { returnAll: true }));
	const rssBefore = process.memoryUsage().rss;
	let rssPeak = rssBefore;
	const sampler = setInterval(() => {
		rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
	}, 10);
	const started = performance.now();
	const result = await harness.execute('bench');
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

	const rows = result.outputs.Kaisa?.length ?? 0;
	const pages = sim.calls.filter((call) => call.path === KAISA_PATHS.cdrsIn).length;
	const maxRssMb = process.resourceUsage().maxRSS / 1024;
	console.log(`Kaisa Call → Get Many benchmark`);
	console.log(
		`  node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} CPUs`,
	);
	console.log(`  status               ${result.status}`);
	console.log(
		`  rows                 ${rows.toLocaleString('en-US')} in ${pages} pages, ${sim.stats.tokenRequests} token fetches`,
	);
	console.log(`  time                 ${seconds.toFixed(2)} s`);
	console.log(
		`  throughput           ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`,
	);
	console.log(`  RSS before run       ${(rssBefore / MB).toFixed(0)} MB`);
	console.log(`  peak RSS (sampled)   ${(rssPeak / MB).toFixed(0)} MB`);
	console.log(
		`  peak RSS (maxRSS)    ${maxRssMb.toFixed(0)} MB  (whole process: harness, simulator, warm-up)`,
	);

	await harness.close();
	await sim.close();
	if (result.status !== 'success' || rows !== ROWS) {
		console.error(
			`Expected ${ROWS} rows and success; got ${rows} (${result.status}) ${result.error?.message ?? ''}`,
		);
		process.exitCode = 1;
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
