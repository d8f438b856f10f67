import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Every child this process starts, so that each one (and what it started: n8n's task runners) is
 * killed on exit, on Ctrl-C and on failure. Children run in their own process group.
 */
const children = new Set<ChildProcess>();
const cleanups: Array<() => void | Promise<void>> = [];
let exiting = false;

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	timedOut: boolean;
}

export interface RunOptions extends Omit<SpawnOptions, 'stdio' | 'detached'> {
	/** Kill the command (and its group) after this many milliseconds. */
	timeoutMs: number;
	/** Called with each chunk of output as it arrives. */
	onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
	/** Keep at most this many characters of each stream (the tail). */
	maxOutput?: number;
}

/** Starts a tracked child in its own process group. */
export function track(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
	const child = spawn(command, args, { ...options, detached: true });
	children.add(child);
	child.once('exit', () => children.delete(child));
	child.once('error', () => children.delete(child));
	return child;
}

/** Runs a command to completion (bounded by `timeoutMs`) and collects its output. */
export async function run(
	command: string,
	args: string[],
	options: RunOptions,
): Promise<RunResult> {
	const { timeoutMs, onOutput, maxOutput = 20_000_000, ...spawnOptions } = options;
	const child = track(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
	const out = { stdout: '', stderr: '' };
	const keep = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
		const text = data.toString('utf8');
		out[stream] = (out[stream] + text).slice(-maxOutput);
		onOutput?.(text, stream);
	};
	child.stdout?.on('data', keep('stdout'));
	child.stderr?.on('data', keep('stderr'));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(child, 'SIGKILL');
	}, timeoutMs);
	try {
		const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
			(resolve, reject) => {
				child.once('error', reject);
				child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
			},
		);
		return { code, signal, ...out, timedOut };
	} finally {
		clearTimeout(timer);
		// Whatever the command left behind in its group goes with it.
		killGroup(child, 'SIGKILL');
	}
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

/** SIGTERM to the group, then SIGKILL after `graceMs` if it is still there. */
export async function stop(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		killGroup(child, 'SIGKILL');
		return;
	}
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	killGroup(child, 'SIGTERM');
	const timer = new Promise<'timeout'>((resolve) =>
		setTimeout(() => resolve('timeout'), graceMs).unref(),
	);
	if ((await Promise.race([exited, timer])) === 'timeout') killGroup(child, 'SIGKILL');
	await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
	killGroup(child, 'SIGKILL');
}

/** Something to undo on exit (servers to close, temp files); run in reverse order. */
export function onCleanup(fn: () => void | Promise<void>): void {
	cleanups.push(fn);
}

function killAllNow(): void {
	for (const child of children) killGroup(child, 'SIGKILL');
}

/** Stops every child and runs the cleanups; bounded in time. */
export async function cleanupAll(): Promise<void> {
	await Promise.race([
		(async () => {
			await Promise.all([...children].map(async (child) => await stop(child, 5000)));
			for (const fn of cleanups.reverse()) {
				try {
					await fn();
				} catch {
					// Keep cleaning up.
				}
			}
		})(),
		new Promise((resolve) => setTimeout(resolve, 15_000).unref()),
	]);
	killAllNow();
}

let exitingWith: Promise<never> | undefined;

/** Exit with `code` after cleaning up; a later call waits for the same cleanup (and keeps the first code). */
export async function exitWith(code: number): Promise<never> {
	exiting = true;
	exitingWith ??= (async () => {
		await cleanupAll();
		process.exit(code);
	})();
	return await exitingWith;
}

let installed = false;

/** Ctrl-C, SIGTERM, crashes and a plain exit all end the children. */
export function installExitHandlers(): void {
	if (installed) return;
	installed = true;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			if (exiting) {
				killAllNow();
				process.exit(130);
			}
			process.stdout.write(
				`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping n8n and the simulators...\n`,
			);
			void exitWith(signal === 'SIGINT' ? 130 : 143);
		});
	}
	process.on('uncaughtException', (error) => {
		console.error(error);
		void exitWith(1);
	});
	process.on('unhandledRejection', (error) => {
		console.error(error);
		void exitWith(1);
	});
	process.on('exit', () => killAllNow());
}
