import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chownSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { aptInstall } from './debian';
import { freePort } from './n8n';
import { onCleanup, run, stop, track } from './processes';

/**
 * A throw-away PostgreSQL server from Debian's `postgresql` package for the queue-mode e2e: its own
 * data folder, a free port, listening on 127.0.0.1 only (no Unix socket outside the data folder).
 * Postgres refuses to run as root, so as root it runs as the package's `postgres` system user.
 */
export interface RunningPostgres {
	host: '127.0.0.1';
	port: number;
	user: string;
	password: string;
	database: string;
	/** Rows of `sql` as JSON objects (psql wraps the query in json_agg). */
	query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
	stop(): Promise<void>;
}

const USER = 'postgres';

function binDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

/** Debian's PostgreSQL binaries, installed with apt-get when missing. */
export async function ensurePostgres(): Promise<string> {
	const found = binDir();
	if (found && existsSync('/usr/bin/psql')) return found;
	await aptInstall(['postgresql'], 'The queue-mode e2e');
	const installed = binDir();
	if (!installed)
		throw new Error('apt-get installed postgresql, but no /usr/lib/postgresql/*/bin/initdb');
	return installed;
}

async function systemUser(name: string): Promise<{ uid: number; gid: number } | undefined> {
	if (process.getuid?.() !== 0) return undefined;
	const [uid, gid] = await Promise.all(
		['-u', '-g'].map(async (flag) => await run('id', [flag, name], { timeoutMs: 10_000 })),
	);
	if (uid.code !== 0 || gid.code !== 0)
		throw new Error(`No "${name}" system user (it comes with Debian's postgresql package)`);
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * `wanted`, emptied, when the postgres user can reach it; else (a checkout under a folder only root
 * may enter, such as /root) a fresh folder under the system's temp folder.
 */
async function folderFor(
	wanted: string,
	owner: { uid: number; gid: number } | undefined,
): Promise<string> {
	rmSync(wanted, { recursive: true, force: true });
	mkdirSync(wanted, { recursive: true });
	if (!owner) return wanted;
	chownSync(wanted, owner.uid, owner.gid);
	const probe = await run('test', ['-w', wanted], { ...owner, timeoutMs: 10_000 });
	if (probe.code === 0) return wanted;
	rmSync(wanted, { recursive: true, force: true });
	return mkdtempSync(join(tmpdir(), 'n8n-e2e-postgres-'));
}

/** Starts a fresh server in `folder` (deleted on stop) with one database. */
export async function startPostgres(options: {
	folder: string;
	database: string;
	logFile: string;
}): Promise<RunningPostgres> {
	const bin = await ensurePostgres();
	const owner = await systemUser(USER);
	const folder = await folderFor(options.folder, owner);
	const data = join(folder, 'data');
	mkdirSync(data, { recursive: true, mode: 0o700 });
	const password = randomBytes(18).toString('base64url');
	const passwordFile = join(folder, 'password');
	writeFileSync(passwordFile, password, { mode: 0o600 });
	if (owner) {
		for (const path of [folder, data, passwordFile]) chownSync(path, owner.uid, owner.gid);
	}
	const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
	const env = { ...process.env, LC_ALL: 'C', HOME: folder };

	const init = await run(
		join(bin, 'initdb'),
		[
			'-D',
			data,
			'-U',
			USER,
			'--auth=scram-sha-256',
			`--pwfile=${passwordFile}`,
			'-E',
			'UTF8',
			'--no-locale',
			'--no-sync',
		],
		{ ...asOwner, env, cwd: folder, timeoutMs: 120_000 },
	);
	if (init.code !== 0)
		throw new Error(
			`initdb failed (exit ${init.code}):\n${(init.stdout + init.stderr).slice(-2000)}`,
		);

	const port = await freePort();
	const log = createWriteStream(options.logFile, { flags: 'a' });
	const server: ChildProcess = track(
		join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${data}`,
			// Throw-away data: no durability, less disk work on a shared machine.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		{ ...asOwner, env, cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	server.stdout?.pipe(log);
	server.stderr?.pipe(log);

	let stopped = false;
	const stopServer = async () => {
		if (stopped) return;
		stopped = true;
		await stop(server, 10_000);
		rmSync(folder, { recursive: true, force: true });
	};
	onCleanup(stopServer);

	const psql = async (database: string, sql: string) =>
		await run(
			'psql',
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				USER,
				'-d',
				database,
				'-X',
				'-A',
				'-t',
				'-q',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				sql,
			],
			{ env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' }, timeoutMs: 60_000 },
		);

	try {
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (server.exitCode !== null || server.signalCode !== null)
				throw new Error(
					`postgres exited (${server.exitCode ?? server.signalCode}); see ${options.logFile}`,
				);
			if ((await psql('postgres', 'SELECT 1')).code === 0) break;
			if (Date.now() > deadline)
				throw new Error(`postgres did not accept connections within 60 s; see ${options.logFile}`);
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		const created = await psql('postgres', `CREATE DATABASE "${options.database}"`);
		if (created.code !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	} catch (error) {
		await stopServer();
		throw error;
	}

	return {
		host: '127.0.0.1',
		port,
		user: USER,
		password,
		database: options.database,
		query: async <T>(sql: string) => {
			const result = await psql(
				options.database,
				`SELECT coalesce(json_agg(row_to_json(q)), '[]'::json) FROM (${sql}) q`,
			);
			if (result.code !== 0) throw new Error(`psql: ${result.stderr.trim()}\n${sql}`);
			return JSON.parse(result.stdout.trim() || '[]') as T[];
		},
		stop: stopServer,
	};
}
