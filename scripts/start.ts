import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import type { GeneroSimulator } from '../test/simulators';
import { targetFor } from './lib/install';
import { startLocal } from './lib/local';
import { step } from './lib/log';
import { exitWith, installExitHandlers, onCleanup } from './lib/processes';
import { changeWarehouseRows, WAREHOUSE_CHANGES, type RunningProvider } from './lib/providers';
import { CACHE_DIR } from './lib/repo';

/**
 * `npm start`: n8n with this package installed as a community package, the provider simulators,
 * one ready credential per provider and the example workflows, on http://localhost:5678.
 */
export async function main(args: string[]): Promise<void> {
	installExitHandlers();
	const target = targetFor(process.env.LOCAL_N8N ?? '2');
	const userFolder = join(CACHE_DIR, `start-n8n-${target.n8n}`);
	if (args.includes('--reset')) {
		step(`Resetting ${userFolder} (database, credentials, workflows, owner)`);
		rmSync(userFolder, { recursive: true, force: true });
	}
	const port = Number(process.env.N8N_PORT ?? 5678);
	const simPortBase = Number(process.env.LOCAL_N8N_SIM_PORT ?? 5701);
	if (!(await portIsFree(port))) {
		throw new Error(
			`Port ${port} is in use (another n8n?). Stop it, or choose another port: N8N_PORT=5679 npm start`,
		);
	}
	const local = await startLocal({
		target,
		userFolder,
		port,
		simPortBase,
		echo: !args.includes('--quiet'),
		logFile: join(CACHE_DIR, `start-n8n-${target.n8n}.log`),
	});
	onCleanup(async () => await local.stop());
	const changes = changeWarehouseRowsEveryMinute(local.providers);
	onCleanup(() => clearInterval(changes));

	const rule = '─'.repeat(64);
	const lines = [
		rule,
		`n8n ${target.n8n} with n8n-nodes-client-credentials is running:`,
		`  ${local.url}`,
		local.owner === 'existing-other-password'
			? `  Log in with the owner account you set up earlier (npm start -- --reset starts over).`
			: `  Log in as ${local.login.email} / ${local.login.password}`,
		`Credentials (Overview → Credentials), one per provider, point at the local simulators:`,
		...local.credentials.map((credential) => `  ${credential.name}`),
		`Example workflows: ${local.examples.length} from examples/ (Overview → Workflows).`,
		`  Kaisa holds calls from the day before yesterday to today; every minute the Data Warehouse`,
		`  gets ${WAREHOUSE_CHANGES.modifiedCustomers} Customer rows edited and ${WAREHOUSE_CHANGES.newOrders} Order added (docs/genero.md: watch an incremental sync).`,
		`Expected from n8n itself, above and later: "Failed to start Python task runner" (no Python`,
		`runner here; JavaScript Code nodes run), deprecation notes (e.g. N8N_RUNNERS_MODE), and`,
		`"Automatic license renewal is disabled" with "[license SDK]" lines (no license: the free edition).`,
		`User folder: ${userFolder}`,
		`Ctrl-C stops n8n and the simulators.`,
		rule,
	];
	process.stdout.write(`\n${lines.join('\n')}\n\n`);

	const code = await new Promise<number>((resolve) =>
		local.server.once('exit', (exitCode) => resolve(exitCode ?? 1)),
	);
	step(`n8n exited (${code}); stopping the simulators`);
	await local.stop();
	await exitWith(code);
}

/** A day of changes at most; unref'd, so it never keeps the process alive. */
const CHANGE_TICKS = 24 * 60;

function changeWarehouseRowsEveryMinute(providers: RunningProvider[]): NodeJS.Timeout | undefined {
	const genero = providers.find((provider) => provider.info.key === 'genero');
	if (!genero) return undefined;
	let ticks = 0;
	const timer = setInterval(() => {
		changeWarehouseRows(genero.sim as GeneroSimulator);
		if (++ticks >= CHANGE_TICKS) clearInterval(timer);
	}, 60_000);
	timer.unref();
	return timer;
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}
