import type { CredentialImport, WorkflowImport } from '../../../scripts/lib/n8n';
import {
	CREDENTIALS,
	KAISA_VERSION,
	LOCAL_CLIENT,
	PROVIDERS,
	type CredentialType,
	type ProviderKey,
} from '../../../scripts/lib/providers';
import {
	FENERGO_PATHS,
	GENERIC_PATHS,
	GENERO_PATHS,
	GeneroSimulator,
	KAISA_PATHS,
	KaisaSimulator,
	SETU_PATHS,
	type Simulator,
} from '../../simulators';
import type { FoundNode } from '../discover';
import { NODE_CASES } from '../node-cases';
import { credentialRef, fanOut, httpRequestNode, type WorkflowNode } from '../workflows';

/**
 * The workflows, credentials and simulators of the queue-mode e2e. Every workflow starts from a
 * Schedule Trigger with a seconds interval and is activated, so the main schedules it and a worker
 * runs it; no node continues on failure, so a failed call is a failed execution.
 */

/** Figures chosen so both n8n versions fit in about 12 minutes on 2 cores. */
export const TIMING = {
	/** Kaisa's token lifetime in the one-token check: three lifetimes are watched. */
	kaisaLifetimeSeconds: 30,
	/** Genero's token lifetime in the budget check, short to force refreshes. */
	generoLifetimeSeconds: 15,
	/** How often each workflow of the first phase runs. */
	everySeconds: 5,
	/** How often each Data Warehouse workflow runs (its calls are held open). */
	warehouseEverySeconds: 10,
	/** How long the first phase runs: three Kaisa lifetimes and a little. */
	phaseOneMs: 96_000,
	/** When the Genero tokens and the six revocation simulators' tokens are revoked. */
	generoRevokeAtMs: [30_000, 60_000],
	/** How long the cluster runs on one worker after the other is killed. */
	afterKillMs: 24_000,
};

/** The engine's margin: a token is refreshed 10 % of its lifetime (at most 5 minutes) before it expires. */
export function usableSeconds(lifetime: number): number {
	return lifetime - Math.min(300, lifetime * 0.1);
}

let counter = 0;
function nodeId(): string {
	counter++;
	return `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`;
}

export function everySeconds(seconds: number): WorkflowNode {
	return {
		id: nodeId(),
		name: `Every ${seconds} s`,
		type: 'n8n-nodes-base.scheduleTrigger',
		typeVersion: 1.2,
		position: [0, 0],
		parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } },
	};
}

export function ourNode(
	name: string,
	found: FoundNode,
	parameters: Record<string, unknown>,
	credential: CredentialImport,
): WorkflowNode {
	return {
		id: nodeId(),
		name,
		type: found.type,
		typeVersion: found.version,
		position: [0, 0],
		parameters,
		credentials: credentialRef(credential),
	};
}

/** n8n's HTTP Request node with one of our credential types; a failed call fails the execution. */
export function httpNode(
	name: string,
	credential: CredentialImport,
	url: string,
	sim: Simulator,
): WorkflowNode {
	const info = CREDENTIALS.find((entry) => entry.type === credential.type)!;
	const node = httpRequestNode(name, credential, info.httpCall(url, sim));
	delete node.onError;
	return node;
}

export function scheduled(
	id: string,
	name: string,
	seconds: number,
	nodes: WorkflowNode[],
): WorkflowImport {
	return fanOut(id, name, [everySeconds(seconds)], nodes);
}

export function credentialFor(
	id: string,
	type: CredentialType,
	url: string,
	secret?: string,
): CredentialImport {
	const info = CREDENTIALS.find((entry) => entry.type === type)!;
	return {
		id,
		name: `Queue ${id}`,
		type,
		data: { ...info.data(url), ...(secret !== undefined && { clientSecret: secret }) },
	};
}

export function kaisaSimulator(lifetimeSeconds?: number): KaisaSimulator {
	return new KaisaSimulator({
		...LOCAL_CLIENT,
		version: KAISA_VERSION,
		tokenLifetimeSeconds: lifetimeSeconds,
	});
}

export function generoSimulator(lifetimeSeconds?: number): GeneroSimulator {
	const sim = PROVIDERS.genero.create('fixed') as GeneroSimulator;
	if (lifetimeSeconds === undefined) return sim;
	const short = new GeneroSimulator({ ...LOCAL_CLIENT, tokenLifetimeSeconds: lifetimeSeconds });
	for (const [entity, rows] of sim.warehouse.entities) short.warehouse.entities.set(entity, rows);
	return short;
}

export function simulatorFor(provider: ProviderKey): Simulator {
	return PROVIDERS[provider].create('fixed');
}

/** The token path of each provider's simulator. */
export const TOKEN_PATHS: Partial<Record<ProviderKey, string>> = {
	kaisa: KAISA_PATHS.token,
	genero: GENERO_PATHS.token,
	fenergo: FENERGO_PATHS.token,
	setu: SETU_PATHS.token,
	generic: GENERIC_PATHS.token,
};

export function nodeParameters(node: string): Record<string, unknown> {
	const found = NODE_CASES.find((entry) => entry.node === node);
	if (!found) throw new Error(`no e2e case for the ${node} node`);
	return found.parameters(undefined as unknown as Simulator);
}
