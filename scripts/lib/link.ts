import {
	existsSync,
	lstatSync,
	mkdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME, ROOT, readManifest } from './repo';

/**
 * Installs this repository into an n8n user folder the way n8n installs a community package:
 * `.n8n/nodes/node_modules/<name>` (here a symlink to the repo, so a rebuild is picked up on the
 * next start) and the dependency listed in `.n8n/nodes/package.json`. n8n loads every
 * `n8n-nodes-*` folder there at start; node types are `<package name>.<node name>`.
 */
export function linkPackage(userFolder: string): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const modules = join(nodesDir, 'node_modules');
	mkdirSync(modules, { recursive: true });
	const link = join(modules, PACKAGE_NAME);
	let current: string | undefined;
	try {
		current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : 'not a link';
	} catch {
		current = undefined;
	}
	if (current !== ROOT) {
		if (current !== undefined) rmSync(link, { recursive: true, force: true });
		symlinkSync(ROOT, link, 'dir');
	}

	const manifestFile = join(nodesDir, 'package.json');
	let manifest: { name?: string; private?: boolean; dependencies?: Record<string, string> } = {};
	if (existsSync(manifestFile)) {
		try {
			manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as typeof manifest;
		} catch {
			manifest = {};
		}
	}
	const version = readManifest().version;
	if (manifest.dependencies?.[PACKAGE_NAME] !== version) {
		manifest = {
			name: manifest.name ?? 'installed-nodes',
			private: true,
			...manifest,
			dependencies: { ...manifest.dependencies, [PACKAGE_NAME]: version },
		};
		writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
	}
	return link;
}
