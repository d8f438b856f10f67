import type { ICredentialDataDecryptedObject, ICredentialType, INode } from 'n8n-workflow';

import { ClientCredentialsApi } from '../../credentials/ClientCredentialsApi.credentials';
import { FenergoApi } from '../../credentials/FenergoApi.credentials';
import { GeneroDataWarehouseApi } from '../../credentials/GeneroDataWarehouseApi.credentials';
import { GeneroPublicApi } from '../../credentials/GeneroPublicApi.credentials';
import { KaisaApi } from '../../credentials/KaisaApi.credentials';
import { SetuPartnerApi } from '../../credentials/SetuPartnerApi.credentials';
import {
	FENERGO_SEED_ENTITIES,
	FENERGO_TENANTS,
	FenergoSimulator,
	GenericSimulator,
	GeneroSimulator,
	KaisaSimulator,
	sendEmpty,
	sendJson,
	SetuSimulator,
	type ManualClock,
	type Simulator,
} from '../simulators';

import { HttpRequestLike } from '../harness/nodes/HttpRequestLike.node';
import { Items } from '../harness/nodes/Items.node';
import { TransportProbe } from '../harness/nodes/TransportProbe.node';

export const CLIENT_ID = 'wf-client';
export const CLIENT_SECRET = 'wf-Secret-7f3a9c';

/** One credential type wired to its simulator: what to store and which API call proves the token. */
export interface ProviderSetup {
	title: string;
	credentialType: ICredentialType;
	/** Token lifetime the provider grants, in seconds. */
	lifetimeSeconds: number;
	start(clock: ManualClock): Promise<Simulator>;
	credentialData(sim: Simulator): ICredentialDataDecryptedObject;
	/** A path under the credential's base URL that needs a valid token. */
	apiPath: string;
	/** The same call as an absolute URL, for the HTTP Request node. */
	apiUrl(sim: Simulator): string;
}

const client = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

async function started<T extends Simulator>(sim: T): Promise<T> {
	await sim.start();
	return sim;
}

/** A GET route that answers 200 only with a valid bearer token (for APIs without a cheap read). */
function addProbe(sim: Simulator): Simulator {
	sim.addRoute('api', 'GET', '/probe', (ctx) => {
		if (sim.validToken(ctx.req)) sendJson(ctx.res, 200, { ok: true });
		else sendEmpty(ctx.res, 401);
	});
	return sim;
}

export const PROVIDER_SETUPS: ProviderSetup[] = [
	{
		title: 'Genero Public API',
		credentialType: new GeneroPublicApi(),
		lifetimeSeconds: 2592000,
		start: async (clock) => await started(new GeneroSimulator({ clock, ...client })),
		credentialData: (sim) => ({
			...client,
			tokenUrl: `${sim.url}/oauth/token`,
			baseUrl: `${sim.url}/api`,
		}),
		apiPath: '/customers',
		apiUrl: (sim) => `${sim.url}/api/customers`,
	},
	{
		title: 'Genero Data Warehouse API',
		credentialType: new GeneroDataWarehouseApi(),
		lifetimeSeconds: 2592000,
		start: async (clock) => await started(new GeneroSimulator({ clock, ...client })),
		credentialData: (sim) => ({
			...client,
			tokenUrl: `${sim.url}/oauth/token`,
			baseUrl: `${sim.url}/api/externalschema`,
		}),
		apiPath: '/ping',
		apiUrl: (sim) => `${sim.url}/api/externalschema/ping`,
	},
	{
		title: 'Fenergo',
		credentialType: new FenergoApi(),
		lifetimeSeconds: 900,
		start: async (clock) => await started(new FenergoSimulator({ clock, ...client })),
		credentialData: (sim) => ({
			...client,
			region: 'custom',
			tokenUrl: `${sim.url}/connect/token`,
			baseUrl: sim.url,
			tenantId: FENERGO_TENANTS[0],
			scope: 'fenx.all',
		}),
		apiPath: `/entitydataquery/api/v2/entity/${FENERGO_SEED_ENTITIES[0].id}`,
		apiUrl: (sim) => `${sim.url}/entitydataquery/api/v2/entity/${FENERGO_SEED_ENTITIES[0].id}`,
	},
	{
		title: 'Kaisa (JSON token body)',
		credentialType: new KaisaApi(),
		lifetimeSeconds: 300,
		start: async (clock) => await started(new KaisaSimulator({ clock, ...client })),
		credentialData: (sim) => ({
			...client,
			tokenUrl: `${sim.url}/oauth2/token`,
			bodyFormat: 'json',
			baseUrl: `${sim.url}/2.4.9`,
		}),
		apiPath: '/miscellaneous/ping',
		apiUrl: (sim) => `${sim.url}/2.4.9/miscellaneous/ping`,
	},
	{
		title: 'Kaisa (form token body)',
		credentialType: new KaisaApi(),
		lifetimeSeconds: 300,
		start: async (clock) => await started(new KaisaSimulator({ clock, ...client })),
		credentialData: (sim) => ({
			...client,
			tokenUrl: `${sim.url}/oauth2/token`,
			bodyFormat: 'form',
			baseUrl: `${sim.url}/2.4.9`,
		}),
		apiPath: '/miscellaneous/ping',
		apiUrl: (sim) => `${sim.url}/2.4.9/miscellaneous/ping`,
	},
	{
		title: 'Setu partner token',
		credentialType: new SetuPartnerApi(),
		lifetimeSeconds: 900,
		start: async (clock) => addProbe(await started(new SetuSimulator({ clock, ...client }))),
		credentialData: (sim) => ({ ...client, environment: 'custom', baseUrl: sim.url }),
		apiPath: '/probe',
		apiUrl: (sim) => `${sim.url}/probe`,
	},
	{
		title: 'Generic (Basic auth, JSON body, nested answer, custom header)',
		credentialType: new ClientCredentialsApi(),
		lifetimeSeconds: 1800,
		start: async (clock) =>
			await started(
				new GenericSimulator({
					clock,
					...client,
					clientAuth: 'basic',
					bodyFormat: 'json',
					responseShape: 'nested',
					tokenLifetimeSeconds: 1800,
					apiAuthHeader: 'x-api-token',
					apiAuthPrefix: 'Token',
					requiredApiHeaders: { 'x-team': 'n8n' },
				}),
			),
		credentialData: (sim) => ({
			...client,
			tokenUrl: `${sim.url}/oauth/token`,
			clientAuthentication: 'header',
			bodyFormat: 'json',
			accessField: 'data.token',
			expiresInField: 'data.expiresIn',
			headerName: 'x-api-token',
			headerPrefix: 'Token',
			extraHeaders: '{"x-team": "n8n"}',
			baseUrl: sim.url,
			testPath: '/api/me',
		}),
		apiPath: '/api/me',
		apiUrl: (sim) => `${sim.url}/api/me`,
	},
];

/**
 * How a workflow reaches a credential: our nodes' transport, n8n's HTTP Request node (the legacy
 * requestWithAuthentication helper) or the httpRequestWithAuthentication helper other nodes use.
 */
export type CallPath = 'transport' | 'httpRequestNode' | 'httpRequestWithAuthentication';

/** The test-only nodes that make those calls, plus the start node. */
export function testNodeTypes() {
	return {
		testItems: new Items(),
		testHttpRequest: new HttpRequestLike(),
		testTransport: new TransportProbe(),
	};
}

/** The node that GETs one URL with a credential along a path: relative for the transport, absolute otherwise. */
export function callNode(
	credentialType: string,
	path: CallPath,
	url: { relative: string; absolute: string },
): Pick<INode, 'name' | 'type' | 'parameters'> {
	if (path === 'transport') {
		return {
			name: 'Call',
			type: 'testTransport',
			parameters: { credentialType, method: 'GET', url: url.relative },
		};
	}
	const helper = path === 'httpRequestNode' ? 'legacy' : 'modern';
	return {
		name: 'Call',
		type: 'testHttpRequest',
		parameters: { credentialType, method: 'GET', url: url.absolute, helper },
	};
}
