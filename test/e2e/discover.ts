import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME, readManifest, ROOT } from '../../scripts/lib/repo';

export interface FoundNode {
	/** `description.name`. */
	name: string;
	/** `n8n-nodes-client-credentials.<name>`, the type in workflows. */
	type: string;
	/** The highest version the node offers. */
	version: number;
	file: string;
}

interface Description {
	name?: string;
	version?: number | number[];
	defaultVersion?: number;
}

/** The nodes n8n will load from this package: package.json's `n8n.nodes`, built into dist/. */
export function discoverNodes(): {
	found: Map<string, FoundNode>;
	problems: Array<{ node: string; message: string }>;
} {
	const found = new Map<string, FoundNode>();
	const problems: Array<{ node: string; message: string }> = [];
	for (const file of readManifest().n8n?.nodes ?? []) {
		const path = join(ROOT, file);
		if (!existsSync(path)) {
			problems.push({
				node: file,
				message: `listed in package.json n8n.nodes but not built (${file} is missing; npm run build)`,
			});
			continue;
		}
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exports = require(path) as Record<string, unknown>;
			const description = Object.values(exports)
				.filter(
					(value): value is new () => { description?: Description } => typeof value === 'function',
				)
				.map((NodeClass) => new NodeClass().description)
				.find((candidate) => typeof candidate?.name === 'string');
			if (!description?.name) throw new Error('no exported class with a description.name');
			const versions = Array.isArray(description.version)
				? description.version
				: [description.version ?? 1];
			found.set(description.name, {
				name: description.name,
				type: `${PACKAGE_NAME}.${description.name}`,
				version: description.defaultVersion ?? Math.max(...versions),
				file,
			});
		} catch (error) {
			problems.push({ node: file, message: `cannot be loaded: ${(error as Error).message}` });
		}
	}
	return { found, problems };
}
