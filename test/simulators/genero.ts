import { WAREHOUSE_API } from '../../nodes/Genero/shared/paths';
import {
	type RequestContext,
	Simulator,
	type SimulatorOptions,
	readParams,
	sendJson,
} from './base';
import { PublicApiStore, registerPublicApi, SINGLE_TENANT } from './genero/public-api';
import { WarehouseStore, type WarehouseOptions } from './genero/warehouse';

export { PublicApiStore, SINGLE_TENANT } from './genero/public-api';
export type { BatchCall, GeneroEntity } from './genero/public-api';
export { WarehouseStore } from './genero/warehouse';
export type {
	WarehouseCall,
	WarehouseOptions,
	WarehouseRow,
	WarehouseStats,
} from './genero/warehouse';

/**
 * Genero's REST paths are not public (PROVIDERS.md); only the token path is Auth0's documented one.
 * The API paths follow the nodes' one table (nodes/Genero/shared/paths.ts) under each audience's path.
 */
export const GENERO_PATHS = {
	token: '/oauth/token',
	publicApi: '/api',
	warehouse: '/api/externalschema',
	customers: '/api/customers',
	customer: '/api/customers/:externalId',
	warehousePing: `/api/externalschema${WAREHOUSE_API.ping.path}`,
	warehouseEntity: '/api/externalschema/:entity',
} as const;

export const GENERO_AUDIENCES = {
	publicApi: 'https://prod.generosales.com/api',
	dataWarehouse: 'https://prod.generosales.com/api/externalschema',
} as const;

export const GENERO_TOKEN_LIFETIME_SECONDS = 2_592_000;

export type GeneroApi = keyof typeof GENERO_AUDIENCES;

export interface GeneroCustomer {
	id: string;
	name: string;
	[field: string]: unknown;
}

export interface GeneroSimulatorOptions extends SimulatorOptions {
	/** Remaps the audience URL of each API. */
	audiences?: Partial<Record<GeneroApi, string>>;
	/** Scopes each API grants to every client. */
	grantedScopes?: Partial<Record<GeneroApi, string[]>>;
	dailyQuota?: number;
	monthlyQuota?: number;
	/** Customers of single-tenant clients; `id` doubles as the external ID when that is missing. */
	customers?: GeneroCustomer[];
	/** Multi-tenant clients: client ID → the tenants it may name. Other clients are single-tenant. */
	tenants?: Record<string, string[]>;
	warehouse?: WarehouseOptions;
}

const SEED_CUSTOMERS: GeneroCustomer[] = [
	{ id: '1001', name: 'ICA Maxi Sollentuna', customerNumber: 'C-1001' },
	{ id: '1002', name: 'Coop Forum Kungens Kurva', customerNumber: 'C-1002' },
];

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utcMonth = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** Auth0 token endpoint with Genero's token quota, plus a few Public API and Data Warehouse calls. */
export class GeneroSimulator extends Simulator {
	readonly audiences: Record<GeneroApi, string>;
	readonly grantedScopes: Record<GeneroApi, string[]>;
	readonly dailyQuota: number;
	readonly monthlyQuota: number;
	/** Single-tenant customers by external ID (the Public API store's own map). */
	readonly customers: Map<string, Record<string, unknown>>;
	readonly publicApi: PublicApiStore;
	readonly warehouse: WarehouseStore;
	private readonly tenants: Record<string, string[]>;
	private readonly issueTimesByClient = new Map<string, number[]>();

	constructor(options: GeneroSimulatorOptions = {}) {
		super(options);
		this.audiences = { ...GENERO_AUDIENCES, ...options.audiences };
		this.grantedScopes = {
			publicApi: options.grantedScopes?.publicApi ?? ['manage:customers'],
			dataWarehouse: options.grantedScopes?.dataWarehouse ?? ['read:externalschema'],
		};
		this.dailyQuota = options.dailyQuota ?? 5;
		this.monthlyQuota = options.monthlyQuota ?? 150;
		this.tenants = options.tenants ?? {};
		const now = () => this.clock.now();
		this.publicApi = new PublicApiStore(now);
		this.customers = this.publicApi.collection('customer', SINGLE_TENANT);
		for (const customer of options.customers ?? SEED_CUSTOMERS) {
			const externalId = String(customer.externalId ?? customer.id);
			this.customers.set(externalId, { ...customer, externalId });
		}
		this.warehouse = new WarehouseStore(now, options.warehouse);

		this.addRoute('token', 'POST', GENERO_PATHS.token, (ctx) => this.handleToken(ctx));
		registerPublicApi(
			{
				store: this.publicApi,
				publicApiClient: (ctx) => this.authorize(ctx, 'publicApi')?.clientId,
				tenantsOf: (clientId) => this.tenants[clientId],
				addRoute: (kind, method, pattern, handler) => this.addRoute(kind, method, pattern, handler),
				now,
			},
			GENERO_PATHS.publicApi,
		);
		this.addRoute('api', 'GET', GENERO_PATHS.warehousePing, (ctx) => {
			if (this.authorize(ctx, 'dataWarehouse')) sendJson(ctx.res, 200, { ok: true });
		});
		this.addRoute('api', 'GET', GENERO_PATHS.warehouseEntity, async (ctx) => {
			const record = this.authorize(ctx, 'dataWarehouse');
			if (record)
				await this.warehouse.handle(ctx, record.clientId, async (ms) => await this.sleep(ms));
		});
	}

	/** Tokens issued to a client on the clock's current UTC day and month. */
	quotaUsage(clientId: string): { today: number; thisMonth: number } {
		const now = this.clock.now();
		const times = this.issueTimesByClient.get(clientId) ?? [];
		return {
			today: times.filter((t) => utcDay(t) === utcDay(now)).length,
			thisMonth: times.filter((t) => utcMonth(t) === utcMonth(now)).length,
		};
	}

	private handleToken(ctx: RequestContext): void {
		const deny = (status: number, error: string, description: string) =>
			sendJson(ctx.res, status, { error, error_description: description });
		const params = readParams(ctx, ['json', 'form']);
		if (!params) return deny(400, 'invalid_request', 'Invalid request body');
		if (params.grant_type !== 'client_credentials') {
			return deny(400, 'unsupported_grant_type', `Unsupported grant type: ${params.grant_type}`);
		}
		const client = this.findClient(params.client_id, params.client_secret);
		if (!client) return deny(401, 'access_denied', 'Unauthorized');
		if (!params.audience) {
			return deny(
				403,
				'access_denied',
				'No audience parameter was provided, and no default audience has been configured',
			);
		}
		const api = (Object.keys(this.audiences) as GeneroApi[]).find(
			(key) => this.audiences[key] === params.audience,
		);
		if (!api) return deny(403, 'access_denied', `Service not found: ${params.audience}`);

		const granted = this.grantedScopes[api];
		const requested = (params.scope ?? '').split(' ').filter(Boolean);
		const notGranted = requested.filter((scope) => !granted.includes(scope));
		if (notGranted.length > 0)
			return deny(
				403,
				'access_denied',
				`Client has not been granted scopes: ${notGranted.join(' ')}`,
			);

		const usage = this.quotaUsage(client.clientId);
		if (usage.today >= this.dailyQuota) {
			return deny(
				429,
				'too_many_requests',
				`Quota exceeded: at most ${this.dailyQuota} tokens a day per client`,
			);
		}
		if (usage.thisMonth >= this.monthlyQuota) {
			return deny(
				429,
				'too_many_requests',
				`Quota exceeded: at most ${this.monthlyQuota} tokens a month per client`,
			);
		}

		const scope = (requested.length > 0 ? requested : granted).join(' ');
		const record = this.issueToken({
			clientId: client.clientId,
			audience: params.audience,
			scope,
			lifetimeSeconds: this.tokenLifetime(GENERO_TOKEN_LIFETIME_SECONDS),
			extraClaims: { gty: 'client-credentials', azp: client.clientId },
		});
		const times = this.issueTimesByClient.get(client.clientId) ?? [];
		times.push(record.issuedAt);
		this.issueTimesByClient.set(client.clientId, times);
		sendJson(ctx.res, 200, {
			access_token: record.token,
			scope,
			expires_in: Math.round((record.exp - record.issuedAt) / 1000),
			token_type: 'Bearer',
		});
	}

	/** The token's record, or undefined after replying 401 when it is not valid for `api`. */
	private authorize(
		ctx: RequestContext,
		api: GeneroApi,
	): ReturnType<Simulator['validToken']> | undefined {
		const record = this.validToken(ctx.req);
		if (record && record.audience === this.audiences[api]) return record;
		sendJson(ctx.res, 401, { message: 'Unauthorized' });
		return undefined;
	}
}
