import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nInstall } from '../../../scripts/lib/install';
import { info, step } from '../../../scripts/lib/log';
import type { CredentialImport, WorkflowImport } from '../../../scripts/lib/n8n';
import { startPostgres, type RunningPostgres } from '../../../scripts/lib/postgres';
import { onCleanup } from '../../../scripts/lib/processes';
import { CREDENTIALS } from '../../../scripts/lib/providers';
import { QueueCluster } from '../../../scripts/lib/queue';
import { startRedis } from '../../../scripts/lib/redis';
import { CACHE_DIR } from '../../../scripts/lib/repo';
import type { Simulator } from '../../simulators';
import { discoverNodes } from '../discover';
import type { Report } from '../report';
import {
	checkCredentialTests,
	checkGeneroBudget,
	checkOneToken,
	checkRevocations,
	checkWarehouse,
	checkWorkerKill,
	type QueueContext,
	UNFINISHED,
} from './checks';
import { executions } from './cluster-data';
import {
	credentialFor,
	generoSimulator,
	httpNode,
	kaisaSimulator,
	nodeParameters,
	ourNode,
	scheduled,
	simulatorFor,
	TIMING,
	TOKEN_PATHS,
} from './scenarios';

export interface QueueSuiteOptions {
	install: N8nInstall;
	report: Report;
	/** NODE_OPTIONS for the n8n processes (the network guard). */
	env: Record<string, string>;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The production topology: Postgres and Redis from Debian's packages, one `n8n start` main and two
 * `n8n worker` processes in queue mode, activated scheduled workflows run by the workers, results
 * read from Postgres and from each process's request log. Phase 1 runs the one-token, Genero
 * budget, Data Warehouse, credential-test and revocation checks at once on both workers; phase 2
 * kills one worker and watches the other carry on.
 */
export async function runQueueSuite(options: QueueSuiteOptions): Promise<void> {
	const { install, report } = options;
	const version = install.target.n8n;
	const started = Date.now();
	report.section(`n8n ${version} in queue mode (Postgres, Redis, main + 2 workers)`);
	report.scope(`n8n ${version} queue`);
	const folder = join(CACHE_DIR, 'e2e', `queue-n8n-${version}`);
	mkdirSync(join(CACHE_DIR, 'e2e'), { recursive: true });

	const nodes = discoverNodes();
	const kaisaNode = nodes.found.get('kaisa');
	const generoNode = nodes.found.get('genero');
	const warehouseNode = nodes.found.get('generoDataWarehouse');
	if (!kaisaNode || !generoNode || !warehouseNode) {
		report.fail('queue mode', 'the kaisa, genero and generoDataWarehouse nodes must be built');
		return;
	}

	const sims: Simulator[] = [];
	onCleanup(async () => {
		for (const sim of sims.splice(0)) await sim.close();
	});
	const startSim = async <T extends Simulator>(sim: T): Promise<T> => {
		await sim.start();
		sims.push(sim);
		return sim;
	};

	// One token per client: four workflows on one Kaisa credential, three on our node, one on HTTP Request.
	const kaisa = await startSim(kaisaSimulator(TIMING.kaisaLifetimeSeconds));
	const kaisaCredential = credentialFor('qKaisa', 'kaisaApi', kaisa.url);
	const kaisaWorkflows = [1, 2, 3].map((n) =>
		scheduled(`qKaisaNode${n}`, `Queue: Kaisa node ${n}`, TIMING.everySeconds, [
			ourNode('Kaisa', kaisaNode, nodeParameters('kaisa'), kaisaCredential),
		]),
	);
	kaisaWorkflows.push(
		scheduled('qKaisaHttp', 'Queue: Kaisa HTTP Request', TIMING.everySeconds, [
			httpNode('Ping', kaisaCredential, kaisa.url, kaisa),
		]),
	);

	// Genero's budget: two workflows (our node, HTTP Request) on one credential, short tokens, revoked twice.
	const genero = await startSim(generoSimulator(TIMING.generoLifetimeSeconds));
	const generoCredential = credentialFor('qGenero', 'generoPublicApi', genero.url);
	const generoWorkflows = [
		scheduled('qGeneroNode', 'Queue: Genero node', TIMING.everySeconds, [
			ourNode('Genero', generoNode, nodeParameters('genero'), generoCredential),
		]),
		scheduled('qGeneroHttp', 'Queue: Genero HTTP Request', TIMING.everySeconds, [
			httpNode('Customers', generoCredential, genero.url, genero),
		]),
	];

	// The Data Warehouse: two workflows whose calls are held open, so executions on both workers overlap.
	const warehouse = await startSim(generoSimulator());
	warehouse.warehouse.delayMs = 400;
	const warehouseCredential = credentialFor('qWarehouse', 'generoDataWarehouseApi', warehouse.url);
	const warehouseWorkflows = [1, 2].map((n) =>
		scheduled(`qWarehouse${n}`, `Queue: Data Warehouse ${n}`, TIMING.warehouseEverySeconds, [
			ourNode(
				'Warehouse',
				warehouseNode,
				{ ...nodeParameters('generoDataWarehouse'), options: { pageSize: 60 } },
				warehouseCredential,
			),
		]),
	);

	// The credential Test button: a saved Genero credential, and one with a wrong secret.
	const tested = await startSim(generoSimulator());
	const testCredential = credentialFor('qTest', 'generoPublicApi', tested.url);
	const wrongCredential = credentialFor(
		'qTestWrong',
		'generoPublicApi',
		tested.url,
		'wrong-Secret-0000',
	);

	// A revoked token through the HTTP Request node, each of the six credential types on its own simulator.
	const revoked = await Promise.all(
		CREDENTIALS.map(async (credential) => {
			const sim = await startSim(simulatorFor(credential.provider));
			const saved = credentialFor(`qRev${credential.localId.slice(5)}`, credential.type, sim.url);
			// The generic credential as most users leave it: no Test Path, so no cheap check of a token.
			if (credential.type === 'clientCredentialsApi') saved.data.testPath = '';
			return { credential: saved, sim, tokenPath: TOKEN_PATHS[credential.provider] ?? '' };
		}),
	);
	const revokeWorkflow = scheduled(
		'qRevoke',
		'Queue: revoked tokens, HTTP Request node',
		TIMING.everySeconds,
		revoked.map(({ credential, sim }) =>
			httpNode(`HTTP ${credential.type}`, credential, sim.url, sim),
		),
	);

	// A worker dies: Kaisa calls held open 2.5 s, so one is in flight when the worker is killed.
	const survivor = await startSim(kaisaSimulator());
	survivor.apiDelayMs = 2500;
	const survivorCredential = credentialFor('qSurvive', 'kaisaApi', survivor.url);
	const survivorWorkflow = scheduled('qSurvive', 'Queue: worker killed', TIMING.everySeconds, [
		ourNode('Kaisa', kaisaNode, nodeParameters('kaisa'), survivorCredential),
	]);

	const credentials: CredentialImport[] = [
		kaisaCredential,
		generoCredential,
		warehouseCredential,
		testCredential,
		wrongCredential,
		...revoked.map(({ credential }) => credential),
		survivorCredential,
	];
	const phaseOne: WorkflowImport[] = [
		...kaisaWorkflows,
		...generoWorkflows,
		...warehouseWorkflows,
		revokeWorkflow,
	];
	const workflows = [...phaseOne, survivorWorkflow];

	step('Starting Postgres and Redis (Debian packages) on free loopback ports');
	const postgres = await startPostgres({
		folder: join(CACHE_DIR, 'e2e', `queue-postgres-${version}`),
		database: 'n8n',
		logFile: join(CACHE_DIR, 'e2e', `queue-postgres-${version}.log`),
	});
	const redis = await startRedis({
		folder: join(CACHE_DIR, 'e2e', `queue-redis-${version}`),
		logFile: join(CACHE_DIR, 'e2e', `queue-redis-${version}.log`),
	});
	const cluster = new QueueCluster({
		install,
		folder,
		encryptionKey: `e2e-${randomBytes(16).toString('hex')}`,
		env: options.env,
		postgres,
		redis,
		workers: 2,
		concurrency: 5,
		requestLogModule: join(__dirname, '..', '..', '..', 'scripts', 'lib', 'request-log.js'),
	});
	try {
		info(`Postgres 127.0.0.1:${postgres.port}, Redis 127.0.0.1:${redis.port}`);
		step(
			`Importing ${credentials.length} credentials and ${workflows.length} workflows into Postgres`,
		);
		await cluster.cli.importCredentials(credentials);
		await cluster.cli.importWorkflows(workflows);

		step('Starting n8n start (main) and two n8n worker processes');
		const booting = Date.now();
		await cluster.start();
		report.check(
			'main and 2 workers are up in queue mode, the owner logs in',
			undefined,
			`${Math.round((Date.now() - booting) / 1000)} s`,
		);

		const context: QueueContext = { install, report, cluster, postgres };

		step(
			`Phase 1: ${phaseOne.length + 1} activated workflows for ${Math.round(TIMING.phaseOneMs / 1000)} s`,
		);
		for (const workflow of workflows) await cluster.activate(workflow.id);
		const phaseStart = Date.now();

		const revocation = watchRevocation(postgres, cluster, revoked, phaseStart);
		const generoRevokes = (async () => {
			for (const at of TIMING.generoRevokeAtMs) {
				await sleep(Math.max(0, phaseStart + at - Date.now()));
				genero.revokeAll();
			}
		})();
		const credentialTests = (async () => {
			await sleep(3000);
			return await runCredentialTests(cluster, tested, testCredential, wrongCredential);
		})();
		const [revokedAt, tests] = await Promise.all([revocation, credentialTests, generoRevokes]).then(
			([at, results]) => [at, results] as const,
		);
		await sleep(Math.max(0, phaseStart + TIMING.phaseOneMs - Date.now()));
		for (const workflow of phaseOne) await cluster.deactivate(workflow.id);
		await settle(
			postgres,
			cluster,
			phaseOne.map((workflow) => workflow.id),
		);

		await checkOneToken(
			context,
			kaisa,
			kaisaWorkflows.map((workflow) => workflow.id),
		);
		await checkGeneroBudget(
			context,
			genero,
			generoWorkflows.map((workflow) => workflow.id),
		);
		await checkWarehouse(
			context,
			warehouse,
			warehouseWorkflows.map((workflow) => workflow.id),
		);
		checkCredentialTests(context, tests);
		await checkRevocations(context, revokeWorkflow.id, revoked, revokedAt);

		step(`Phase 2: SIGKILL one worker while the ${survivorWorkflow.name} workflow runs`);
		await checkWorkerKill(context, survivor, survivorWorkflow.id, TIMING.afterKillMs);
	} finally {
		const stopping = Date.now();
		await cluster.stop();
		await redis.stop();
		await postgres.stop();
		for (const sim of sims.splice(0)) await sim.close();
		info(`cluster, Redis and Postgres stopped in ${Math.round((Date.now() - stopping) / 1000)} s`);
		info(`queue mode on n8n ${version}: ${Math.round((Date.now() - started) / 1000)} s`);
	}
}

/** Waits until no execution of these workflows is still queued or running (bounded). */
async function settle(
	postgres: RunningPostgres,
	cluster: QueueCluster,
	ids: string[],
): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const rows = await executions(postgres, ids, cluster.executionWorkers());
		if (!rows.some((row) => UNFINISHED.includes(row.status))) return;
		await sleep(1000);
	}
}

export interface RevokedLane {
	credential: CredentialImport;
	sim: Simulator;
	tokenPath: string;
}

export interface RevocationMark {
	at: number;
	tokensBefore: number[];
}

/** Revokes every token of the six simulators once the workflow has succeeded and 25 s have passed. */
async function watchRevocation(
	postgres: RunningPostgres,
	cluster: QueueCluster,
	lanes: RevokedLane[],
	phaseStart: number,
): Promise<RevocationMark | undefined> {
	const deadline = phaseStart + 50_000;
	while (Date.now() < deadline) {
		const rows = await executions(postgres, ['qRevoke'], cluster.executionWorkers());
		if (Date.now() >= phaseStart + 25_000 && rows.some((row) => row.status === 'success')) {
			const tokensBefore = lanes.map((lane) => lane.sim.stats.tokensIssued);
			for (const lane of lanes) lane.sim.revokeAll();
			return { at: Date.now(), tokensBefore };
		}
		await sleep(1000);
	}
	return undefined;
}

export interface CredentialTestResults {
	answers: Array<{ status?: string; message?: string }>;
	tokenRequests: number;
	wrong?: { status?: string; message?: string };
	error?: string;
}

async function runCredentialTests(
	cluster: QueueCluster,
	sim: Simulator,
	credential: CredentialImport,
	wrong: CredentialImport,
): Promise<CredentialTestResults> {
	const before = sim.stats.tokenRequests;
	const results: CredentialTestResults = { answers: [], tokenRequests: 0 };
	try {
		// What the editor's Test button sends: the stored data, secrets blanked (n8n fills them in).
		const test = async (saved: CredentialImport) => {
			const stored = await cluster.rest<{ data: unknown }>(
				'GET',
				`/rest/credentials/${saved.id}?includeData=true`,
			);
			return await cluster.rest<{ status?: string; message?: string }>(
				'POST',
				'/rest/credentials/test',
				{
					credentials: { id: saved.id, name: saved.name, type: saved.type, data: stored.data },
				},
			);
		};
		for (let n = 0; n < 10; n++) results.answers.push(await test(credential));
		results.tokenRequests = sim.stats.tokenRequests - before;
		results.wrong = await test(wrong);
	} catch (error) {
		results.error = (error as Error).message;
	}
	return results;
}
