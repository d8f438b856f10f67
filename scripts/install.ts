import { ensureN8n, N8N_TARGETS, targetFor } from './lib/install';
import { info } from './lib/log';
import { exitWith, installExitHandlers } from './lib/processes';

/** `node scripts/launch.mjs install [1|2|<version>...]`: only the n8n installs (all by default). */
export async function main(args: string[]): Promise<void> {
	installExitHandlers();
	const specs = args.filter((arg) => !arg.startsWith('--'));
	const targets = (specs.length > 0 ? specs : Object.keys(N8N_TARGETS)).map(targetFor);
	for (const target of targets) {
		const install = await ensureN8n(target);
		info(`n8n ${target.n8n}: ${install.dir}`);
	}
	await exitWith(0);
}
