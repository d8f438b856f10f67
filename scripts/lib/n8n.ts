import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import type { N8nInstall } from './install';
import { linkPackage } from './link';
import { run, stop, track, type RunResult } from './processes';
import { CACHE_DIR } from './repo';
import { lastExecutionId, newestExecution } from './sqlite';

/** What keeps n8n local: no telemetry, banners, templates, version checks or community-node listings. */
export const OFFLINE_ENV: Record<string, string> = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	// Community packages stay enabled (that is how ours is loaded); these two would reach the
	// registry or n8n's API: reinstalling packages missing from disk, and the vetted-package list.
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
};

export interface InstanceOptions {
	install: N8nInstall;
	/** N8N_USER_FOLDER: n8n keeps `.n8n/` (database, config, community nodes) in it. */
	userFolder: string;
	encryptionKey: string;
	/** More environment, applied last. */
	env?: Record<string, string>;
}

export interface ExecuteResult {
	/** The CLI's exit code was 0 and the run has no workflow error. */
	ok: boolean;
	code: number | null;
	run?: ExecutionRun;
	/** The end of the CLI output, for failure messages. */
	outputTail: string;
	ms: number;
}

/** The part of n8n's IRun the checks read. */
export interface ExecutionRun {
	status?: string;
	mode?: string;
	data: {
		resultData: {
			error?: { message?: string; description?: string };
			runData: Record<string, TaskData[]>;
			lastNodeExecuted?: string;
		};
	};
}

export interface TaskData {
	executionStatus?: string;
	error?: { message?: string; description?: string; httpCode?: string };
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowImport {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

const CLI_TIMEOUT_MS = 4 * 60_000;

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

/** The JSON `n8n execute` prints (log lines may come before and after it). */
export function parseExecuteOutput(output: string): ExecutionRun | undefined {
	const lines = output.replace(ANSI, '').split('\n');
	for (let start = lines.indexOf('{'); start >= 0; start = lines.indexOf('{', start + 1)) {
		const end = lines.indexOf('}', start + 1);
		if (end < 0) return undefined;
		try {
			const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
			if (parsed?.data?.resultData) return parsed;
		} catch {
			// A brace line that is not the result; keep looking.
		}
	}
	return undefined;
}

/**
 * An n8n of its own for one e2e part: an empty user folder `.n8n-cache/e2e/<name>` with this
 * package linked in as a community package, and a random encryption key.
 */
export function freshInstance(
	install: N8nInstall,
	name: string,
	env?: Record<string, string>,
): N8nInstance {
	const userFolder = join(CACHE_DIR, 'e2e', name);
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	linkPackage(userFolder);
	return new N8nInstance({
		install,
		userFolder,
		encryptionKey: `e2e-${randomBytes(16).toString('hex')}`,
		env,
	});
}

/** One n8n installation with one user folder: CLI commands and the server. */
export class N8nInstance {
	readonly install: N8nInstall;
	readonly userFolder: string;
	readonly dataDir: string;
	private readonly encryptionKey: string;
	private readonly extraEnv: Record<string, string>;

	constructor(options: InstanceOptions) {
		this.install = options.install;
		this.userFolder = options.userFolder;
		this.dataDir = join(options.userFolder, '.n8n');
		this.encryptionKey = options.encryptionKey;
		this.extraEnv = options.env ?? {};
	}

	get databaseFile(): string {
		return join(this.dataDir, 'database.sqlite');
	}

	/** The environment of every n8n process of this instance; `brokerPort` must be free. */
	env(brokerPort: number, more: Record<string, string> = {}): NodeJS.ProcessEnv {
		return {
			...OFFLINE_ENV,
			N8N_LOG_LEVEL: 'info',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			...this.install.target.env,
			// The caller's own N8N_* settings win over the defaults above.
			...process.env,
			...this.extraEnv,
			...more,
			DB_TYPE: 'sqlite',
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			// Each n8n process starts its own task-runner broker.
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			PATH: `${this.install.binDir}:${process.env.PATH ?? ''}`,
		};
	}

	/** Runs `n8n <args>` to completion. */
	async cli(
		args: string[],
		timeoutMs = CLI_TIMEOUT_MS,
		env: Record<string, string> = {},
	): Promise<RunResult> {
		return await run(this.install.nodeBin, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(await freePort(), env),
			timeoutMs,
		});
	}

	private async cliOrThrow(args: string[]): Promise<RunResult> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}):\n${tailOf(result)}`,
			);
		}
		return result;
	}

	/** `n8n import:credentials` with plain `data` (n8n encrypts it); same ids are overwritten. */
	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		await this.withTempFile('credentials.json', credentials, async (file) => {
			await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		});
	}

	/** `n8n import:workflow`; same ids are overwritten, all imported inactive. */
	async importWorkflows(workflows: WorkflowImport[]): Promise<void> {
		await this.withTempFile('workflows.json', workflows, async (file) => {
			await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		});
	}

	/**
	 * `n8n execute --id … --rawOutput`: a new n8n process runs the workflow once. n8n 1.x prints the
	 * result through its logger and then calls process.exit(), which cuts a result of a few MB off
	 * partway; then the run is read from the execution n8n saved in its database.
	 */
	async execute(
		workflowId: string,
		env: Record<string, string> = {},
		timeoutMs = CLI_TIMEOUT_MS,
	): Promise<ExecuteResult> {
		const started = Date.now();
		const before = await this.lastExecutionId(workflowId);
		// Below info, n8n execute does not print the result.
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, {
			...env,
			N8N_LOG_LEVEL: 'info',
			// The saved execution is the fallback when the printed one is cut off.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		});
		const parsed =
			parseExecuteOutput(result.stdout) ??
			parseExecuteOutput(result.stderr) ??
			(before === undefined ? undefined : await this.savedExecution(workflowId, before));
		const ok = result.code === 0 && parsed !== undefined && !parsed.data.resultData.error;
		return {
			ok,
			code: result.code,
			run: parsed,
			outputTail: tailOf(result),
			ms: Date.now() - started,
		};
	}

	/** The highest execution id of the workflow so far; undefined when the database cannot be read. */
	private async lastExecutionId(workflowId: string): Promise<number | undefined> {
		try {
			return await lastExecutionId(this.install.sqlite3, this.databaseFile, workflowId);
		} catch {
			return undefined;
		}
	}

	/** The newest execution of the workflow after `afterId`, as n8n saved it (`flatted` JSON). */
	private async savedExecution(
		workflowId: string,
		afterId: number,
	): Promise<ExecutionRun | undefined> {
		try {
			const row = await newestExecution(
				this.install.sqlite3,
				this.databaseFile,
				workflowId,
				afterId,
			);
			if (!row) return undefined;
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const flatted = require(join(this.install.dir, 'node_modules', 'flatted')) as {
				parse(text: string): unknown;
			};
			const data = flatted.parse(row.data) as ExecutionRun['data'] | null;
			if (!data?.resultData?.runData) return undefined;
			return { status: row.status, mode: row.mode, data };
		} catch {
			return undefined;
		}
	}

	/** `n8n start` in the background; resolves once the REST API answers. Output goes to `logFile`. */
	async startServer(options: {
		port: number;
		logFile: string;
		echo?: boolean;
		env?: Record<string, string>;
	}): Promise<ChildProcess> {
		const log = createWriteStream(options.logFile, { flags: 'a' });
		const child = track(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env(await freePort(), {
				N8N_PORT: String(options.port),
				N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1',
				...options.env,
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let recent = '';
		const onData = (data: Buffer) => {
			log.write(data);
			recent = (recent + data.toString('utf8')).slice(-8000);
			if (options.echo) process.stdout.write(data);
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', () => log.end());
		const deadline = Date.now() + 240_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(
					`n8n start exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${recent.replace(ANSI, '')}`,
				);
			}
			if (await isReady(options.port)) return child;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		await stop(child);
		throw new Error(
			`n8n start was not ready on port ${options.port} within 240 s:\n${recent.replace(ANSI, '')}`,
		);
	}

	private async withTempFile<T>(
		name: string,
		content: unknown,
		fn: (file: string) => Promise<T>,
	): Promise<T> {
		mkdirSync(this.userFolder, { recursive: true });
		const dir = mkdtempSync(join(this.userFolder, 'import-'));
		const file = join(dir, name);
		// Plain credentials pass through this file: readable by the owner only, deleted at once.
		writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600 });
		try {
			return await fn(file);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
}

async function isReady(port: number): Promise<boolean> {
	try {
		const response = await fetch(`http://127.0.0.1:${port}/rest/settings`, {
			signal: AbortSignal.timeout(3000),
		});
		return response.ok;
	} catch {
		return false;
	}
}

function tailOf(result: RunResult, lines = 40): string {
	return `${result.stdout}\n${result.stderr}`
		.replace(ANSI, '')
		.trimEnd()
		.split('\n')
		.slice(-lines)
		.join('\n');
}

/** Items of a node's first run, main output `index`. */
export function nodeItems(
	run: ExecutionRun | undefined,
	node: string,
	index = 0,
): Array<Record<string, unknown>> {
	const task = run?.data.resultData.runData[node]?.[0];
	return (task?.data?.main?.[index] ?? []).map((item) => item.json);
}

export function nodeError(run: ExecutionRun | undefined, node: string): string | undefined {
	const task = run?.data.resultData.runData[node]?.[0];
	if (task?.error) return [task.error.message, task.error.description].filter(Boolean).join(' — ');
	const errorItem = nodeItems(run, node).find((json) => json.error !== undefined);
	return errorItem
		? String(
				typeof errorItem.error === 'object' ? JSON.stringify(errorItem.error) : errorItem.error,
			)
		: undefined;
}
