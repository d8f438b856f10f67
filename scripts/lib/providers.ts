import { createServer, connect, type Server, type Socket } from 'node:net';

import {
	FENERGO_TENANTS,
	FenergoSimulator,
	GenericSimulator,
	GeneroSimulator,
	KaisaSimulator,
	recentCdrOptions,
	SampleErpSimulator,
	SetuSimulator,
	sendJson,
	type Simulator,
} from '../../test/simulators';

/**
 * The local provider simulators (test/simulators, compiled as they are) and the credentials that
 * point at them: one table shared by `npm start` and `npm run e2e`.
 */

export const LOCAL_CLIENT = { clientId: 'local-client', clientSecret: 'local-Secret-7f3a9c' };

export type ProviderKey = 'genero' | 'fenergo' | 'kaisa' | 'setu' | 'generic' | 'erp';

/**
 * `fixed`: the simulators' own dates (what the node cases of the e2e compare against);
 * `today`: dates relative to now, for `npm start` and the examples (yesterday's calls exist).
 */
export type SeedData = 'fixed' | 'today';

export type CredentialType =
	| 'generoPublicApi'
	| 'generoDataWarehouseApi'
	| 'fenergoApi'
	| 'kaisaApi'
	| 'setuPartnerApi'
	| 'clientCredentialsApi';

export const KAISA_VERSION = '2.4.9';

export interface ProviderInfo {
	key: ProviderKey;
	title: string;
	/** Offset from the first fixed port (`npm start`). */
	portOffset: number;
	create(data: SeedData): Simulator;
	/** Production origins the examples use, replaced by the simulator's URL on import. */
	origins: RegExp[];
}

/** Fenergo's credential test call; added when the simulator does not serve it (yet). */
const FENERGO_INDEX_CONFIGURATION = '/entitydataquery/api/v2/entity-index-configuration';

function withFenergoProbe(sim: Simulator): Simulator {
	// Routes match in the order they were added, so the simulator's own route wins if it has one.
	sim.addRoute('api', 'GET', FENERGO_INDEX_CONFIGURATION, (ctx) => {
		if (sim.validToken(ctx.req))
			sendJson(ctx.res, 200, { data: { indexedProperties: [] }, messages: [] });
		else sendJson(ctx.res, 401, { message: 'Unauthorized' });
	});
	return sim;
}

/**
 * Rows the Genero Data Warehouse simulator starts with (it has none of its own): `fixed`, one a
 * minute from 2026-01-01; `today`, spread over the last 30 days up to an hour ago.
 */
export const DEMO_WAREHOUSE_ROWS = { Customer: 120, Order: 80 } as const;
const WAREHOUSE_DAYS = 30;

function withWarehouseRows(sim: GeneroSimulator, data: SeedData): GeneroSimulator {
	for (const [entity, count] of Object.entries(DEMO_WAREHOUSE_ROWS)) {
		if (data === 'fixed') {
			sim.warehouse.seed(entity, count, Date.UTC(2026, 0, 1));
			continue;
		}
		const stepMs = Math.floor((WAREHOUSE_DAYS * 86_400_000) / count);
		sim.warehouse.seed(entity, count, Date.now() - 3_600_000 - count * stepMs, stepMs, () => ({
			revision: 1,
		}));
	}
	return sim;
}

/** Customer rows edited and Order rows added per `changeWarehouseRows` call (`npm start`: once a minute). */
export const WAREHOUSE_CHANGES = { modifiedCustomers: 3, newOrders: 1 } as const;

/**
 * What users of Genero do while n8n runs: the Customer rows modified longest ago are edited (their
 * `revision` goes up, `modified` becomes now) and an Order is added. Returns the ids touched.
 */
export function changeWarehouseRows(sim: GeneroSimulator): string[] {
	const edited = sim.warehouse.modifyOldest(
		'Customer',
		WAREHOUSE_CHANGES.modifiedCustomers,
		(row) => ({ revision: Number(row.revision ?? 1) + 1 }),
	);
	const added = Array.from({ length: WAREHOUSE_CHANGES.newOrders }, () =>
		sim.warehouse.add('Order', { revision: 1 }),
	);
	return [...edited, ...added].map((row) => row.id);
}

export const PROVIDERS: Record<ProviderKey, ProviderInfo> = {
	genero: {
		key: 'genero',
		title: 'Genero',
		portOffset: 0,
		create: (data) => withWarehouseRows(new GeneroSimulator({ ...LOCAL_CLIENT }), data),
		origins: [/https:\/\/generosales\.eu\.auth0\.com/g, /https:\/\/prod\.generosales\.com/g],
	},
	fenergo: {
		key: 'fenergo',
		title: 'Fenergo',
		portOffset: 1,
		create: () => withFenergoProbe(new FenergoSimulator({ ...LOCAL_CLIENT })),
		origins: [/https:\/\/(identity|api)(\.[a-z0-9]+)?\.fenergox\.com/g],
	},
	kaisa: {
		key: 'kaisa',
		title: 'Kaisa',
		portOffset: 2,
		create: (data) =>
			new KaisaSimulator({
				...LOCAL_CLIENT,
				version: KAISA_VERSION,
				cdrs: data === 'today' ? recentCdrOptions() : undefined,
			}),
		origins: [/https:\/\/auth\.freespee\.com/g, /https:\/\/api\.analytics\.freespee\.com/g],
	},
	setu: {
		key: 'setu',
		title: 'Setu',
		portOffset: 3,
		create: () => new SetuSimulator({ ...LOCAL_CLIENT }),
		origins: [/https:\/\/fd-(mock|prod)-backend\.setu\.co/g],
	},
	generic: {
		key: 'generic',
		title: 'Generic OAuth2 server',
		portOffset: 4,
		create: () => new GenericSimulator({ ...LOCAL_CLIENT }),
		origins: [/https:\/\/(api|auth)\.example\.com/g],
	},
	erp: {
		key: 'erp',
		title: 'Sample ERP (no auth)',
		portOffset: 5,
		create: () => new SampleErpSimulator(),
		origins: [/https:\/\/erp\.example\.com/g],
	},
};

export interface CredentialInfo {
	type: CredentialType;
	provider: ProviderKey;
	/** Shown in n8n's credential list. */
	title: string;
	/** The id of the `npm start` credential (n8n accepts at most 16 characters). */
	localId: string;
	data(url: string): Record<string, unknown>;
	/** A call the HTTP Request node makes with this credential (the credential's own test call). */
	httpCall(
		url: string,
		sim: Simulator,
	): { method: 'GET' | 'POST'; url: string; body?: Record<string, string> };
}

export const CREDENTIALS: CredentialInfo[] = [
	{
		type: 'generoPublicApi',
		localId: 'localGeneroPub',
		provider: 'genero',
		title: 'Genero Public API',
		data: (url) => ({ ...LOCAL_CLIENT, tokenUrl: `${url}/oauth/token`, baseUrl: `${url}/api` }),
		httpCall: (url) => ({ method: 'GET', url: `${url}/api/customers?limit=1` }),
	},
	{
		type: 'generoDataWarehouseApi',
		localId: 'localGeneroDwh',
		provider: 'genero',
		title: 'Genero Data Warehouse API',
		data: (url) => ({
			...LOCAL_CLIENT,
			tokenUrl: `${url}/oauth/token`,
			baseUrl: `${url}/api/externalschema`,
		}),
		httpCall: (url) => ({ method: 'GET', url: `${url}/api/externalschema/ping` }),
	},
	{
		type: 'fenergoApi',
		localId: 'localFenergo',
		provider: 'fenergo',
		title: 'Fenergo',
		data: (url) => ({
			...LOCAL_CLIENT,
			region: 'custom',
			tokenUrl: `${url}/connect/token`,
			baseUrl: url,
			tenantId: FENERGO_TENANTS[0],
			scope: 'fenx.all',
		}),
		httpCall: (url, sim) => {
			const entity = [...(sim as FenergoSimulator).entityStore(FENERGO_TENANTS[0]).keys()][0];
			return { method: 'GET', url: `${url}/entitydataquery/api/v2/entity/${entity}` };
		},
	},
	{
		type: 'kaisaApi',
		localId: 'localKaisa',
		provider: 'kaisa',
		title: 'Kaisa',
		data: (url) => ({
			...LOCAL_CLIENT,
			tokenUrl: `${url}/oauth2/token`,
			bodyFormat: 'json',
			baseUrl: `${url}/${KAISA_VERSION}`,
		}),
		httpCall: (url) => ({ method: 'GET', url: `${url}/${KAISA_VERSION}/miscellaneous/ping` }),
	},
	{
		type: 'setuPartnerApi',
		localId: 'localSetu',
		provider: 'setu',
		title: 'Setu Partner',
		data: (url) => ({ ...LOCAL_CLIENT, environment: 'custom', baseUrl: url }),
		httpCall: (url) => ({
			method: 'POST',
			url: `${url}/auth/sdk/token`,
			body: { email: 'asha@example.com', userId: 'user-42', userName: 'Asha Rao' },
		}),
	},
	{
		type: 'clientCredentialsApi',
		localId: 'localGeneric',
		provider: 'generic',
		title: 'Generic client credentials',
		data: (url) => ({
			...LOCAL_CLIENT,
			tokenUrl: `${url}/oauth/token`,
			clientAuthentication: 'body',
			bodyFormat: 'form',
			baseUrl: url,
			testPath: '/api/me',
		}),
		httpCall: (url) => ({ method: 'GET', url: `${url}/api/me` }),
	},
];

export function credentialInfo(type: string): CredentialInfo {
	const found = CREDENTIALS.find((credential) => credential.type === type);
	if (!found) throw new Error(`Unknown credential type ${type}`);
	return found;
}

export interface RunningProvider {
	info: ProviderInfo;
	sim: Simulator;
	/** What credentials and examples use: the fixed port, or the simulator's own. */
	url: string;
	close(): Promise<void>;
}

/** A TCP forwarder from a fixed loopback port to the simulator (which picks its own port). */
async function forward(
	port: number,
	target: string,
): Promise<{ server: Server; destroySockets(): void }> {
	const { port: targetPort } = new URL(target);
	const open = new Set<Socket>();
	const server = createServer((socket) => {
		const upstream = connect(Number(targetPort), '127.0.0.1');
		open.add(socket);
		open.add(upstream);
		socket.pipe(upstream).pipe(socket);
		const end = () => {
			socket.destroy();
			upstream.destroy();
			open.delete(socket);
			open.delete(upstream);
		};
		socket.once('error', end);
		upstream.once('error', end);
		socket.once('close', end);
		upstream.once('close', end);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) =>
			reject(
				error.code === 'EADDRINUSE'
					? new Error(`Port ${port} is in use; set LOCAL_N8N_SIM_PORT to another first port`)
					: error,
			),
		);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return { server, destroySockets: () => open.forEach((socket) => socket.destroy()) };
}

/** Starts one provider's simulator on 127.0.0.1, at `fixedPort` if given. */
export async function startProvider(
	key: ProviderKey,
	fixedPort?: number,
	data: SeedData = 'fixed',
): Promise<RunningProvider> {
	const info = PROVIDERS[key];
	const sim = info.create(data);
	await sim.start();
	if (fixedPort === undefined)
		return { info, sim, url: sim.url, close: async () => await sim.close() };
	const forwarder = await forward(fixedPort, sim.url);
	return {
		info,
		sim,
		url: `http://127.0.0.1:${fixedPort}`,
		close: async () => {
			const closed = new Promise<void>((resolve) => forwarder.server.close(() => resolve()));
			// Forwarded keep-alive sockets would hold close() open.
			forwarder.destroySockets();
			await closed;
			await sim.close();
		},
	};
}

/** Replaces the providers' production origins in an exported workflow by the simulators' URLs. */
export function pointAtSimulators(
	json: string,
	urls: Partial<Record<ProviderKey, string>>,
): string {
	let out = json;
	for (const [key, url] of Object.entries(urls) as Array<[ProviderKey, string]>) {
		for (const origin of PROVIDERS[key].origins) out = out.replace(origin, url);
	}
	return out;
}
