/**
 * A provider's simulator and credential wired into an n8n harness for fault tests: the manual
 * clock (engine and simulator) records every wait, the client secret is recognisable, and a
 * workflow runs Items → one call node (our transport, or the HTTP Request node stand-in).
 */
import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INodeParameters,
} from 'n8n-workflow';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Fenergo } from '../../../nodes/Fenergo/Fenergo.node';
import { GeneroDataWarehouse } from '../../../nodes/Genero/DataWarehouse/GeneroDataWarehouse.node';
import { Genero } from '../../../nodes/Genero/Genero/Genero.node';
import { Kaisa } from '../../../nodes/Kaisa/Kaisa.node';
import { providerFor } from '../../../nodes/shared/providers';
import { resetTokenCache } from '../../../nodes/shared/token/cache';
import type { TokenProfile } from '../../../nodes/shared/token/profile';
import { useManualClock } from '../../shared/token/support/clock';
import { linearWorkflow, type NodeSpec } from '../../harness/linear-workflow';
import { createHarness, type ExecutionResult, type Harness } from '../../harness/n8n';
import { sendJson, type ManualClock, type Simulator, type TokenRecord } from '../../simulators';
import {
	callNode,
	type CallPath,
	CLIENT_ID,
	PROVIDER_SETUPS,
	testNodeTypes,
	type ProviderSetup,
} from '../../workflows/provider-setups';

export const NODE_TYPES = {
	kaisa: 'n8n-nodes-client-credentials.kaisa',
	genero: 'n8n-nodes-client-credentials.genero',
	generoDataWarehouse: 'n8n-nodes-client-credentials.generoDataWarehouse',
	fenergo: 'n8n-nodes-client-credentials.fenergo',
} as const;

/** Our nodes call the shared transport; n8n's HTTP Request node calls the credential's hooks. */
export type NodePath = Extract<CallPath, 'transport' | 'httpRequestNode'>;
export const NODE_PATHS: NodePath[] = ['transport', 'httpRequestNode'];

/** A route every simulator gets: answers `status` with a valid token, 401 without one. */
export const STATUS_ROUTE = '/faults/status/:code';

export async function createFaultHarness(): Promise<Harness> {
	return await createHarness({
		nodeTypes: {
			...testNodeTypes(),
			[NODE_TYPES.kaisa]: new Kaisa(),
			[NODE_TYPES.genero]: new Genero(),
			[NODE_TYPES.generoDataWarehouse]: new GeneroDataWarehouse(),
			[NODE_TYPES.fenergo]: new Fenergo(),
		},
		credentialTypes: Object.fromEntries(
			PROVIDER_SETUPS.map((setup) => [setup.credentialType.name, setup.credentialType]),
		),
	});
}

export function setupByTitle(title: string): ProviderSetup {
	const setup = PROVIDER_SETUPS.find((candidate) => candidate.title.startsWith(title));
	if (!setup) throw new Error(`No provider setup titled "${title}"`);
	return setup;
}

/** A client secret nobody could mistake for other text, so a leak is found by a plain search. */
export function hygieneSecret(): string {
	return `HYGIENE-SECRET-${Math.random().toString(36).slice(2, 10)}-${Date.now().toString(36)}`;
}

export interface RunOptions {
	count?: number;
	/** 'continueRegularOutput' is n8n's Continue On Fail. */
	onError?: NodeSpec['onError'];
	/** A path under the credential's base URL (our transport) — the HTTP Request node gets it absolute. */
	apiPath?: string;
}

export interface Rig {
	setup: ProviderSetup;
	type: string;
	sim: Simulator;
	clock: ManualClock;
	/** Every wait the engine asked for, in ms (instant: the manual clock just moves). */
	sleeps: number[];
	secret: string;
	credentialId: string;
	credentialData: ICredentialDataDecryptedObject;
	profile: TokenProfile;
	/** Replaces fields of the stored credential. */
	updateCredential(fields: ICredentialDataDecryptedObject): Promise<void>;
	/** Saves Items(count) → call node and runs it as a production execution. */
	run(path: NodePath, options?: RunOptions): Promise<ExecutionResult>;
	/** Runs Items(count) → a node of `type` named `name`, holding the rig's credential. */
	runNode(
		name: string,
		type: string,
		parameters: INodeParameters,
		options?: RunOptions,
	): Promise<ExecutionResult>;
	/** A token the simulator accepts for this provider's API, issued outside any count. */
	mintValidToken(lifetimeSeconds: number): TokenRecord;
	/** Every access token the simulator issued (or the tests minted). */
	issuedTokens(): string[];
	workflowId: string;
	/**
	 * Makes n8n's outbound HTTP service time token requests out after `ms` instead of the
	 * engine's 30 s (the engine's own timeout is a constant); records the timeout the engine asked for.
	 */
	shortenTokenTimeout(ms: number): void;
	/** The timeouts (ms) the engine set on token requests since `shortenTokenTimeout`. */
	tokenTimeoutsAsked: number[];
	close(): Promise<void>;
}

let workflowCounter = 0;

/**
 * Starts `setup`'s simulator with a recognisable secret, stores the credential in the harness and
 * resets the engine's memory. The manual clock is installed for the engine (setClock) and the
 * simulator; restore real time with `setClock()` after the test.
 */
export interface RigOptions {
	secret?: string;
	/** Starts another simulator than the setup's (its default client gets the rig's secret). */
	start?: (clock: ManualClock) => Promise<Simulator>;
	/** Fields that replace the setup's credential data. */
	credential?: ICredentialDataDecryptedObject;
}

export async function startRig(
	harness: Harness,
	setup: ProviderSetup,
	options: RigOptions = {},
): Promise<Rig> {
	resetTokenCache();
	harness.reset();
	const { clock, sleeps } = useManualClock();
	const secret = options.secret ?? hygieneSecret();
	const sim = await (options.start ?? setup.start)(clock);
	const type = setup.credentialType.name;
	const credentialId = `cred-${type}`;
	let credentialData: ICredentialDataDecryptedObject;
	let profile: TokenProfile;
	try {
		for (const client of sim.clients)
			if (client.clientId === CLIENT_ID) client.clientSecret = secret;
		sim.addRoute('api', 'GET', STATUS_ROUTE, (ctx) => {
			if (!sim.validToken(ctx.req, ...apiAuth(setup)))
				return sendJson(ctx.res, 401, { message: 'Unauthorized' });
			const status = Number(ctx.params.code);
			sendJson(ctx.res, status, { message: `Simulated ${status}`, error: `simulated_${status}` });
		});
		const valid = { ...setup.credentialData(sim), clientSecret: secret };
		// From the valid settings: the tests may store broken ones on purpose.
		profile = providerFor(type).tokenRequest(valid).profile;
		credentialData = { ...valid, ...options.credential };
		await harness.credentials.add({
			id: credentialId,
			name: setup.title,
			type,
			data: credentialData,
		});
	} catch (error) {
		await sim.close();
		throw error;
	}
	const workflowId = `wf-faults-${++workflowCounter}`;
	const minted: string[] = [];
	const tokenTimeoutsAsked: number[] = [];
	let restoreTimeout: (() => void) | undefined;

	const callFor = (path: NodePath, apiPath: string): NodeSpec =>
		callNode(type, path, { relative: apiPath, absolute: absolute(setup, sim, apiPath) });

	const save = async (node: NodeSpec, runOptions: RunOptions) => {
		harness.saveWorkflow(
			linearWorkflow(workflowId, [
				{ name: 'Items', type: 'testItems', parameters: { count: runOptions.count ?? 1 } },
				{
					...node,
					credentials: { [type]: { id: credentialId, name: setup.title } },
					...(runOptions.onError && { onError: runOptions.onError }),
				},
			]),
		);
		return await harness.execute(workflowId);
	};

	return {
		setup,
		type,
		sim,
		clock,
		sleeps,
		secret,
		credentialId,
		get credentialData() {
			return credentialData;
		},
		profile,
		workflowId,
		async updateCredential(fields) {
			credentialData = { ...(await harness.credentials.get(credentialId)), ...fields };
			await harness.credentials.add({
				id: credentialId,
				name: setup.title,
				type,
				data: credentialData,
			});
		},
		run: async (path, runOptions = {}) =>
			await save(callFor(path, runOptions.apiPath ?? setup.apiPath), runOptions),
		runNode: async (name, nodeType, parameters, runOptions = {}) =>
			await save({ name, type: nodeType, parameters }, runOptions),
		mintValidToken(lifetimeSeconds) {
			const record = sim.issueToken({
				clientId: CLIENT_ID,
				lifetimeSeconds,
				audience: audienceOf(setup, credentialData),
				scope: scopeOf(setup),
			});
			sim.stats.tokensIssued--;
			minted.push(record.token);
			return record;
		},
		issuedTokens: () => [...new Set([...sim.tokens.keys(), ...minted])],
		tokenTimeoutsAsked,
		shortenTokenTimeout(ms) {
			const outbound = Container.get(OutboundHttp);
			const original = outbound.requests.bind(outbound);
			const tokenUrl = providerFor(type).tokenRequest(credentialData).tokenUrl;
			outbound.requests = (requestOptions) => {
				const client = original(requestOptions);
				return {
					...client,
					request: async (options: IHttpRequestOptions) => {
						if (options.url !== tokenUrl) return await client.request(options);
						tokenTimeoutsAsked.push(options.timeout ?? 0);
						return await client.request({
							...options,
							timeout: Math.min(ms, options.timeout ?? ms),
						});
					},
				} as typeof client;
			};
			restoreTimeout = () => {
				outbound.requests = original;
			};
		},
		async close() {
			restoreTimeout?.();
			await sim.close();
		},
	};
}

/** The header and prefix the provider's API reads the token from. */
function apiAuth(setup: ProviderSetup): [string, string] {
	return setup.credentialType.name === 'clientCredentialsApi'
		? ['x-api-token', 'Token']
		: ['authorization', 'Bearer'];
}

function audienceOf(
	setup: ProviderSetup,
	data: ICredentialDataDecryptedObject,
): string | undefined {
	return providerFor(setup.credentialType.name).tokenRequest(data).audience;
}

function scopeOf(setup: ProviderSetup): string | undefined {
	return setup.credentialType.name === 'fenergoApi' ? 'fenx.all' : undefined;
}

/** The HTTP Request node needs the full URL of a path under the credential's base URL. */
export function absolute(setup: ProviderSetup, sim: Simulator, apiPath: string): string {
	if (/^https?:\/\//.test(apiPath)) return apiPath;
	if (apiPath === setup.apiPath) return setup.apiUrl(sim);
	return `${sim.url}${apiPath}`;
}

/** A body in the profile's shape: `{"data": {"token": …}}` for a `data.token` token field. */
export function tokenAnswer(
	profile: TokenProfile,
	fields: { token?: unknown; expiresIn?: unknown },
): IDataObject {
	const body: IDataObject = {};
	if (fields.token !== undefined) setPath(body, profile.tokenField, fields.token);
	if (fields.expiresIn !== undefined) setPath(body, profile.expiresInField, fields.expiresIn);
	return body;
}

function setPath(target: IDataObject, path: string, value: unknown): void {
	const parts = path.split('.');
	let node = target;
	for (const part of parts.slice(0, -1)) {
		node[part] ??= {};
		node = node[part] as IDataObject;
	}
	node[parts[parts.length - 1]] = value as IDataObject[string];
}

/** A loopback address where nothing listens. */
export async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}
