import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';

import { aptInstall } from './debian';
import { freePort } from './n8n';
import { onCleanup, stop, track } from './processes';

/**
 * A throw-away Redis from Debian's `redis-server` package for n8n's job queue (Bull): a free
 * port on 127.0.0.1 only, nothing saved to disk, stopped (and its folder deleted) when done.
 */
export interface RunningRedis {
	host: '127.0.0.1';
	port: number;
	stop(): Promise<void>;
}

const BINARY = '/usr/bin/redis-server';

export async function ensureRedis(): Promise<string> {
	if (!existsSync(BINARY)) await aptInstall(['redis-server'], 'The queue-mode e2e');
	if (!existsSync(BINARY))
		throw new Error(`apt-get installed redis-server, but there is no ${BINARY}`);
	return BINARY;
}

async function ping(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (data) => {
			answer += data.toString('utf8');
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

export async function startRedis(options: {
	folder: string;
	logFile: string;
}): Promise<RunningRedis> {
	const binary = await ensureRedis();
	rmSync(options.folder, { recursive: true, force: true });
	mkdirSync(options.folder, { recursive: true });
	const port = await freePort();
	const log = createWriteStream(options.logFile, { flags: 'a' });
	const server: ChildProcess = track(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			options.folder,
			'--daemonize',
			'no',
		],
		{ cwd: options.folder, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	server.stdout?.pipe(log);
	server.stderr?.pipe(log);
	let stopped = false;
	const stopServer = async () => {
		if (stopped) return;
		stopped = true;
		await stop(server, 5000);
		rmSync(options.folder, { recursive: true, force: true });
	};
	onCleanup(stopServer);
	const deadline = Date.now() + 30_000;
	while (!(await ping(port))) {
		if (server.exitCode !== null || server.signalCode !== null || Date.now() > deadline) {
			await stopServer();
			throw new Error(`redis-server did not answer PING on port ${port}; see ${options.logFile}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return { host: '127.0.0.1', port, stop: stopServer };
}
