import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-client-credentials';

function findRoot(from: string): string {
	let dir = from;
	for (let depth = 0; depth < 12; depth++) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest)) {
			try {
				if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME)
					return dir;
			} catch {
				// Not ours; keep looking.
			}
		}
		const parent = dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	throw new Error(`Cannot find the ${PACKAGE_NAME} repository above ${from}`);
}

/** The repository root (set by scripts/launch.mjs; the scripts run compiled from the cache folder). */
export const ROOT = process.env.LOCAL_N8N_ROOT
	? resolve(process.env.LOCAL_N8N_ROOT)
	: findRoot(__dirname);

/** Git-ignored: n8n installs, compiled scripts and simulators, user folders. */
export const CACHE_DIR = resolve(process.env.LOCAL_N8N_CACHE_DIR ?? join(ROOT, '.n8n-cache'));

export interface PackageManifest {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

export function readManifest(): PackageManifest {
	return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageManifest;
}
