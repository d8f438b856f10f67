import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CredentialImport, WorkflowImport } from './n8n';
import { pointAtSimulators, type ProviderKey } from './providers';
import { ROOT } from './repo';

export interface Example {
	file: string;
	/** The workflow as it will be imported: local URLs, local credentials, a stable id. */
	workflow: WorkflowImport;
	/** Changes when the file or the local setup changes. */
	hash: string;
	/** Credential types the example uses that no local credential serves. */
	unknownCredentialTypes: string[];
	/** Why the file cannot be imported (then `workflow` is a placeholder). */
	error?: string;
}

interface NodeJson {
	type?: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id?: string; name?: string }>;
}

/** A workflow id n8n accepts (at most 16 characters), stable for one example file. */
export function exampleId(file: string): string {
	return `ex${createHash('sha256').update(file).digest('hex').slice(0, 14)}`;
}

/**
 * Every `examples/*.json`, ready to import next to the local credentials: the providers' production
 * URLs point at the simulators, and each node's credential of a type is the local one of that type.
 */
export function loadExamples(
	urls: Partial<Record<ProviderKey, string>>,
	credentials: CredentialImport[],
): Example[] {
	const dir = join(ROOT, 'examples');
	let files: string[];
	try {
		files = readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.sort();
	} catch {
		return [];
	}
	return files.map((file) => {
		const raw = readFileSync(join(dir, file), 'utf8');
		let workflow: WorkflowImport;
		try {
			workflow = JSON.parse(raw) as WorkflowImport;
			if (!Array.isArray(workflow?.nodes)) throw new Error('it has no "nodes" list');
			// Parameters only: a sticky note naming the production host keeps it.
			for (const node of workflow.nodes as NodeJson[]) {
				if (node.type !== 'n8n-nodes-base.stickyNote' && node.parameters) {
					node.parameters = JSON.parse(
						pointAtSimulators(JSON.stringify(node.parameters), urls),
					) as Record<string, unknown>;
				}
			}
		} catch (error) {
			const placeholder: WorkflowImport = {
				id: exampleId(file),
				name: file,
				nodes: [],
				connections: {},
			};
			return {
				file,
				workflow: placeholder,
				hash: '',
				unknownCredentialTypes: [],
				error: `not an n8n workflow: ${(error as Error).message}`,
			};
		}
		const unknownCredentialTypes = new Set<string>();
		for (const node of (workflow.nodes ?? []) as NodeJson[]) {
			for (const type of Object.keys(node.credentials ?? {})) {
				const local = credentials.find((credential) => credential.type === type);
				if (local) node.credentials![type] = { id: local.id, name: local.name };
				else unknownCredentialTypes.add(type);
			}
		}
		workflow.id = exampleId(file);
		workflow.name =
			typeof workflow.name === 'string' && workflow.name
				? workflow.name
				: file.replace(/\.json$/, '');
		workflow.active = false;
		workflow.settings ??= {};
		const hash = createHash('sha256').update(JSON.stringify(workflow)).digest('hex');
		return { file, workflow, hash, unknownCredentialTypes: [...unknownCredentialTypes] };
	});
}
