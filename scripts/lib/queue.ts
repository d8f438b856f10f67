import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nInstall } from './install';
import { linkPackage } from './link';
import { freePort, N8nInstance, type InstanceOptions } from './n8n';
import { ownerSession } from './owner';
import type { RunningPostgres } from './postgres';
import { killGroup, onCleanup, stop, track } from './processes';
import type { RunningRedis } from './redis';
import type { LoggedCall } from './request-log';

/**
 * n8n in queue mode, as teams that outgrow one instance run it: one `n8n start` main (editor, REST
 * API, triggers: it puts each execution on the Bull queue in Redis) and `n8n worker` processes that
 * take executions off the queue, all sharing one Postgres database and one encryption key. Each
 * process has its own user folder with this package linked in (as a community package), and logs
 * its outgoing HTTP requests (scripts/lib/request-log.ts) so a test can tell which worker asked what.
 */

/** The environment every process of the cluster shares (besides the user folder and its name). */
export function queueEnv(postgres: RunningPostgres, redis: RunningRedis): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// Manual runs go to the workers too (n8n's recommended setting; the default is deprecated).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// A worker's health server (used to wait for it) listens on loopback only.
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
	};
}

/** An n8n instance whose processes use Postgres and the queue instead of SQLite. */
export class QueueInstance extends N8nInstance {
	constructor(
		options: InstanceOptions,
		private readonly clusterEnv: Record<string, string>,
	) {
		super(options);
	}

	override env(brokerPort: number, more: Record<string, string> = {}): NodeJS.ProcessEnv {
		return { ...super.env(brokerPort, more), ...this.clusterEnv, ...more };
	}
}

export interface ClusterProcess {
	/** `main`, `worker-1`, `worker-2`, … */
	name: string;
	instance: QueueInstance;
	logFile: string;
	requestLog: string;
	child?: ChildProcess;
	killedAt?: number;
}

export interface ClusterOptions {
	install: N8nInstall;
	/** Holds one user folder per process, the logs and the request logs. */
	folder: string;
	encryptionKey: string;
	/** More environment for every process (the network guard's NODE_OPTIONS). */
	env: Record<string, string>;
	postgres: RunningPostgres;
	redis: RunningRedis;
	workers: number;
	/** Executions one worker runs at once (`n8n worker --concurrency`). */
	concurrency: number;
	/** The compiled scripts/lib/request-log.js. */
	requestLogModule: string;
}

const READY_MS = 240_000;

async function answers(url: string): Promise<boolean> {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;
	} catch {
		return false;
	}
}

export class QueueCluster {
	readonly main: ClusterProcess;
	readonly workers: ClusterProcess[];
	port = 0;
	cookie = '';

	constructor(private readonly options: ClusterOptions) {
		rmSync(options.folder, { recursive: true, force: true });
		mkdirSync(options.folder, { recursive: true });
		const shared = queueEnv(options.postgres, options.redis);
		const processFor = (name: string): ClusterProcess => {
			const userFolder = join(options.folder, name);
			mkdirSync(userFolder, { recursive: true });
			linkPackage(userFolder);
			const requestLog = join(options.folder, `${name}.requests.jsonl`);
			const nodeOptions = [options.env.NODE_OPTIONS, `--require=${options.requestLogModule}`]
				.filter(Boolean)
				.join(' ');
			return {
				name,
				requestLog,
				logFile: join(options.folder, `${name}.log`),
				instance: new QueueInstance(
					{
						install: options.install,
						userFolder,
						encryptionKey: options.encryptionKey,
						env: options.env,
					},
					{
						...shared,
						NODE_OPTIONS: nodeOptions,
						LOCAL_N8N_PROCESS: name,
						LOCAL_N8N_REQUEST_LOG: requestLog,
					},
				),
			};
		};
		this.main = processFor('main');
		this.workers = Array.from({ length: options.workers }, (_, i) => processFor(`worker-${i + 1}`));
		onCleanup(async () => await this.stop());
	}

	get base(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The CLI (imports) runs against the shared database through the main's user folder. */
	get cli(): QueueInstance {
		return this.main.instance;
	}

	/** Starts the main and the workers together; resolves when each answers its health check. */
	async start(): Promise<void> {
		this.port = await freePort();
		await Promise.all([
			(async () => {
				this.main.child = await this.main.instance.startServer({
					port: this.port,
					logFile: this.main.logFile,
				});
			})(),
			...this.workers.map(async (worker) => await this.startWorker(worker)),
		]);
		this.cookie = await ownerSession(this.base);
	}

	private async startWorker(worker: ClusterProcess): Promise<void> {
		const healthPort = await freePort();
		const { install } = this.options;
		const log = createWriteStream(worker.logFile, { flags: 'a' });
		const child = track(
			install.nodeBin,
			[install.n8nBin, 'worker', `--concurrency=${this.options.concurrency}`],
			{
				cwd: worker.instance.userFolder,
				env: worker.instance.env(await freePort(), {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				}),
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		worker.child = child;
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
		const deadline = Date.now() + READY_MS;
		while (!(await answers(`http://127.0.0.1:${healthPort}/healthz/readiness`))) {
			if (child.exitCode !== null || child.signalCode !== null)
				throw new Error(
					`${worker.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${this.logTail(worker)}`,
				);
			if (Date.now() > deadline)
				throw new Error(
					`${worker.name} was not ready within ${READY_MS / 1000} s:\n${this.logTail(worker)}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	logTail(process: ClusterProcess, lines = 30): string {
		if (!existsSync(process.logFile)) return '(no log)';
		return (
			readFileSync(process.logFile, 'utf8')
				// eslint-disable-next-line no-control-regex
				.replace(/\x1b\[[0-9;]*m/g, '')
				.trimEnd()
				.split('\n')
				.slice(-lines)
				.join('\n')
		);
	}

	/** A call to the main's REST API as the logged-in owner (what the editor sends). */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.base}${path}`, {
			method,
			headers: {
				cookie: this.cookie,
				'browser-id': 'local-n8n-scripts',
				...(body !== undefined && { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 400)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** Activates (publishes) the workflow's current version: its triggers start on the main. */
	async activate(workflowId: string): Promise<void> {
		const workflow = await this.rest<{ versionId: string }>('GET', `/rest/workflows/${workflowId}`);
		await this.rest('POST', `/rest/workflows/${workflowId}/activate`, {
			versionId: workflow.versionId,
		});
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	}

	/** SIGKILL to the worker and what it started (its task runner), as when its machine dies. */
	kill(worker: ClusterProcess): void {
		if (worker.child) killGroup(worker.child, 'SIGKILL');
		worker.killedAt = Date.now();
	}

	/** Execution id → the worker whose log says it started it. */
	executionWorkers(): Map<string, string> {
		const found = new Map<string, string>();
		for (const worker of this.workers) {
			if (!existsSync(worker.logFile)) continue;
			for (const match of readFileSync(worker.logFile, 'utf8').matchAll(
				/Worker started execution (\d+)/g,
			))
				found.set(match[1], worker.name);
		}
		return found;
	}

	/** Executions a worker started and has not reported finished. */
	unfinished(worker: ClusterProcess): string[] {
		if (!existsSync(worker.logFile)) return [];
		const text = readFileSync(worker.logFile, 'utf8');
		const finished = new Set(
			[...text.matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]),
		);
		return [...text.matchAll(/Worker started execution (\d+)/g)]
			.map((m) => m[1])
			.filter((id) => !finished.has(id));
	}

	/** Every HTTP request the cluster's processes made, oldest first. */
	requests(): LoggedCall[] {
		return [this.main, ...this.workers]
			.flatMap((process) =>
				existsSync(process.requestLog)
					? readFileSync(process.requestLog, 'utf8')
							.split('\n')
							.filter(Boolean)
							.map((line) => JSON.parse(line) as LoggedCall)
					: [],
			)
			.sort((a, b) => a.at - b.at);
	}

	async stop(): Promise<void> {
		await Promise.all(
			[this.main, ...this.workers].map(async (process) => {
				if (process.child) await stop(process.child, 15_000);
			}),
		);
	}
}
