import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { Report } from '../test/e2e/report';
import { runQueueSuite } from '../test/e2e/queue/suite';
import { readAttempts, runSuite } from '../test/e2e/suite';
import { ensureN8n, targetFor } from './lib/install';
import { info, step } from './lib/log';
import { exitWith, installExitHandlers } from './lib/processes';
import { CACHE_DIR } from './lib/repo';

/** The whole run must end, whatever hangs. */
const WATCHDOG_MS = Number(process.env.E2E_TIMEOUT_MINUTES ?? 40) * 60_000;

/**
 * `npm run e2e`: installs (or reuses) n8n 1.x on this Node.js and n8n 2.x on Node.js 24 from npm,
 * links the package in, and runs real workflows with `n8n execute` and `n8n start` against the
 * provider simulators, which run in this process so their counters can be read.
 */
export async function main(): Promise<void> {
	installExitHandlers();
	const started = Date.now();
	const report = new Report();
	const watchdog = setTimeout(() => {
		report.fail('e2e', `still running after ${WATCHDOG_MS / 60_000} minutes; stopping`);
		process.stdout.write(`\n${report.summary()}\n`);
		void exitWith(1);
	}, WATCHDOG_MS);
	watchdog.unref();

	const targets = (process.env.E2E_N8N ?? '1,2')
		.split(',')
		.map((spec) => spec.trim())
		.filter(Boolean)
		.map(targetFor);

	// Every n8n process of the run refuses, and logs, connections to anything but loopback.
	const netLog = join(CACHE_DIR, 'e2e', 'network.log');
	mkdirSync(join(CACHE_DIR, 'e2e'), { recursive: true });
	rmSync(netLog, { force: true });
	const guard = join(__dirname, 'lib', 'net-guard.js');
	const env = {
		NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require=${guard}`].filter(Boolean).join(' '),
		LOCAL_N8N_NET_LOG: netLog,
	};

	for (const target of targets) {
		let install;
		try {
			install = await ensureN8n(target);
		} catch (error) {
			report.fail(`install n8n ${target.n8n}`, (error as Error).message);
			continue;
		}
		const suiteStarted = Date.now();
		// The suite, then queue mode (test/e2e/queue); E2E_ONLY=queue or classic runs one part alone.
		if (process.env.E2E_ONLY !== 'queue')
			await report.guard(`n8n ${target.n8n}`, async () => await runSuite({ install, report, env }));
		if (process.env.E2E_ONLY !== 'classic')
			await report.guard(
				`n8n ${target.n8n} queue mode`,
				async () => await runQueueSuite({ install, report, env }),
			);
		info(`n8n ${target.n8n}: ${Math.round((Date.now() - suiteStarted) / 1000)} s`);
	}

	report.scope('');
	report.section('Network');
	const attempts = readAttempts(netLog);
	const hosts = [
		...new Set(
			attempts.map(
				(attempt) =>
					`${attempt.host}:${String(attempt.port)} (n8n ${attempt.command.split(' ')[0]})`,
			),
		),
	];
	report.check(
		'n8n tried to reach nothing outside 127.0.0.1 (every attempt is refused and logged)',
		hosts.length > 0
			? `${attempts.length} attempt(s): ${hosts.join(', ')}\n${attempts[0].stack ?? ''}\nlog: ${netLog}`
			: undefined,
	);

	step(`e2e took ${Math.round((Date.now() - started) / 1000)} s`);
	if (report.failures.length > 0) {
		process.stdout.write(
			`\nFailures:\n${report.failures.map((failure) => `  - ${failure.split('\n')[0]}`).join('\n')}\n`,
		);
	}
	process.stdout.write(`\n${report.summary()}\n`);
	clearTimeout(watchdog);
	await exitWith(report.failed > 0 ? 1 : 0);
}
