import { existsSync, rmSync, writeFileSync } from 'node:fs';

import { progress, seconds } from './log';
import { run } from './processes';

const POLICY = '/usr/sbin/policy-rc.d';
let updated = false;

/**
 * `apt-get install -y <packages>` from Debian's archive (CI runs as root on a fresh machine). Services
 * the packages would start at install (a system Postgres cluster, redis on 6379) are held back with
 * policy-rc.d: the e2e starts its own servers, on free loopback ports, and nothing else may listen.
 */
export async function aptInstall(packages: string[], why: string): Promise<void> {
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${why} needs ${packages.join(', ')}: install them (sudo apt-get install -y ${packages.join(' ')}) and run again`,
		);
	}
	const bar = progress(`apt-get install ${packages.join(' ')}`);
	const started = Date.now();
	const ownPolicy = !existsSync(POLICY);
	if (ownPolicy) writeFileSync(POLICY, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		if (!updated) {
			const update = await run('apt-get', ['update', '-q'], { env, timeoutMs: 10 * 60_000 });
			if (update.code !== 0)
				throw new Error(
					`apt-get update failed (exit ${update.code}):\n${update.stderr.slice(-2000)}`,
				);
			updated = true;
		}
		const install = await run(
			'apt-get',
			['install', '-y', '-q', '--no-install-recommends', ...packages],
			{ env, timeoutMs: 15 * 60_000 },
		);
		if (install.code !== 0)
			throw new Error(
				`apt-get install ${packages.join(' ')} failed (exit ${install.code}):\n${install.stderr.slice(-2000)}`,
			);
		bar.done(`done in ${seconds(started)}`);
	} finally {
		if (ownPolicy) rmSync(POLICY, { force: true });
	}
}
