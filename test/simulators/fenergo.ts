import {
	type RequestContext,
	type RouteHandler,
	type RouteKind,
	Simulator,
	type SimulatorOptions,
	bodyFormat,
	firstHeader,
	parseForm,
	sendJson,
} from './base';
import { FenergoEntityApi, type EntityApiOptions } from './fenergo/entity-api';
import { generateFenergoEntities } from './fenergo/entities';
import { ApiPacing, type PacingOptions } from './fenergo/pacing';
import { FenergoEventFeed, type EventFeedOptions } from './fenergo/event-feed';
import { FenergoWebhooks, type WebhookSimOptions } from './fenergo/webhooks';

export {
	FENERGO_ENTITY_PATHS,
	FENERGO_PERMISSIONS,
	FenergoEntityApi,
	type FenergoDraft,
	type PageEvent,
} from './fenergo/entity-api';
export {
	GENERATED_CREATED_FROM,
	generateFenergoEntities,
	generatedEntityId,
} from './fenergo/entities';
export type { PacingOptions, PacingStats, RateLimitEvery } from './fenergo/pacing';
export * from './fenergo/notifications';
export * from './fenergo/webhooks';
export * from './fenergo/event-feed';

export const FENERGO_PATHS = {
	token: '/connect/token',
	entity: '/entitydataquery/api/v2/entity/:id',
} as const;

export const FENERGO_TOKEN_LIFETIME_SECONDS = 900;

export const FENERGO_SCOPES = [
	'fenx.all',
	'fenx.entitydata.read',
	'fenx.entitydata.write',
	'fenx.journey.read',
	'fenx.journey.write',
	'fenx.document.read',
	'fenx.document.write',
];

/** Three test tenants and one production tenant, as each Fenergo client gets. */
export const FENERGO_TENANTS = [
	'b11f8be3-f29b-4959-8964-956d4af7c468',
	'2c6e1f3a-8d4b-4e2a-9f7c-1a2b3c4d5e6f',
	'7d9a0b1c-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
	'e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8',
];

export interface FenergoProperty {
	type: 'Single' | 'Collection' | 'Custom';
	value?: string | null;
	[field: string]: unknown;
}

/** Subset of the spec's EntityDto (which names the entity type `type`). */
export interface FenergoEntity {
	id: string;
	type: string;
	properties: Record<string, FenergoProperty>;
	[field: string]: unknown;
}

export interface FenergoMessage {
	message: string;
	type: 'Info' | 'Warning' | 'Error' | 'Forbidden';
	errorCode: string;
}

export interface FenergoSimulatorOptions
	extends SimulatorOptions, EntityApiOptions, PacingOptions, WebhookSimOptions, EventFeedOptions {
	allowedScopes?: string[];
	tenants?: string[];
	/** Copied into every tenant. */
	entities?: FenergoEntity[];
	/** Generated entities added to every tenant after `entities` (for paging); 300 by default. */
	generatedEntities?: number;
	/** Duende answers invalid_client with 400; some gateways use 401. */
	invalidClientStatus?: 400 | 401;
	throttleLimit?: number;
	throttleWindowMs?: number;
}

const single = (value: string): FenergoProperty => ({ type: 'Single', value });

export const FENERGO_SEED_ENTITIES: FenergoEntity[] = [
	{
		id: '8d631fde-505e-4101-a7cd-83ab6c054a5a',
		type: 'Individual',
		properties: {
			firstName: single('Luis'),
			lastName: single('Garcia'),
			countryOfResidence: single('Spain'),
		},
		created: '2024-06-01T09:00:00.000Z',
		version: 1,
	},
	{
		id: '3f2b1c0d-9e8f-4a7b-b6c5-d4e3f2a1b0c9',
		type: 'Company',
		properties: {
			legalEntityName: single('Acme Holdings Ltd'),
			countryOfIncorporation: single('Ireland'),
		},
		created: '2024-06-01T09:05:00.000Z',
		version: 1,
	},
];

export const fenergoEnvelope = (data: unknown, messages: FenergoMessage[] = []) => ({
	data,
	messages,
});

/**
 * Duende IdentityServer token endpoint with a per-IP throttle, the entity data query GET, and (in
 * `entityApi`) search, paged list, drafts, versions and create on the query and command services.
 */
export class FenergoSimulator extends Simulator {
	readonly allowedScopes: string[];
	readonly tenants: string[];
	readonly invalidClientStatus: 400 | 401;
	readonly throttleLimit: number;
	readonly throttleWindowMs: number;
	readonly entityApi: FenergoEntityApi;
	private readonly entitiesByTenant = new Map<string, Map<string, FenergoEntity>>();
	private readonly tokenCallTimesByIp = new Map<string, number[]>();
	/** Awaited inside every API handler before it answers (tests hold requests here to see how many come at once). */
	beforeApi?: (ctx: RequestContext) => Promise<void>;
	/** The most API requests inside their handler at the same moment. */
	maxApiInFlight = 0;
	private apiInFlight = 0;
	/** Latency and "429 every n-th call" of every API route; `pacing.stats.rateLimited` counts the 429s sent. */
	readonly pacing: ApiPacing;
	/** The webhook API and its signed deliveries to registered URLs. */
	readonly webhooks: FenergoWebhooks;
	/** The polling API (`/eventnotifications/v2/{feed}/...`). */
	readonly events: FenergoEventFeed;

	constructor(options: FenergoSimulatorOptions = {}) {
		super(options);
		this.pacing = new ApiPacing(options, async (ms) => await this.sleep(ms));
		this.allowedScopes = options.allowedScopes ?? FENERGO_SCOPES;
		this.tenants = (options.tenants ?? FENERGO_TENANTS).map((tenant) => tenant.toLowerCase());
		this.invalidClientStatus = options.invalidClientStatus ?? 400;
		this.throttleLimit = options.throttleLimit ?? 100;
		this.throttleWindowMs = options.throttleWindowMs ?? 60_000;
		const seed = [
			...(options.entities ?? FENERGO_SEED_ENTITIES),
			...generateFenergoEntities(options.generatedEntities ?? 300),
		];
		for (const tenant of this.tenants) {
			this.entitiesByTenant.set(
				tenant,
				new Map(seed.map((entity) => [entity.id, structuredClone(entity)])),
			);
		}

		this.addRoute('token', 'POST', FENERGO_PATHS.token, (ctx) => this.handleToken(ctx));
		this.addRoute('api', 'GET', FENERGO_PATHS.entity, (ctx) => {
			const tenant = this.authorize(ctx, ['fenx.all', 'fenx.entitydata.read']);
			if (!tenant) return;
			const entity = this.entityStore(tenant).get(ctx.params.id);
			if (entity) sendJson(ctx.res, 200, fenergoEnvelope(entity));
			else
				sendJson(
					ctx.res,
					404,
					fenergoEnvelope(null, [
						{ message: 'Entity not found', type: 'Error', errorCode: 'NotFound' },
					]),
				);
		});
		this.entityApi = new FenergoEntityApi(
			{
				clock: this.clock,
				tenants: this.tenants,
				addRoute: (kind, method, pattern, handler) => this.addRoute(kind, method, pattern, handler),
				authorize: (ctx, scopes) => this.authorize(ctx, scopes),
				entityStore: (tenant) => this.entityStore(tenant),
			},
			options,
		);
		const eventHost = {
			clock: this.clock,
			addRoute: (kind: RouteKind, method: string, pattern: string, handler: RouteHandler) =>
				this.addRoute(kind, method, pattern, handler),
			authorize: (ctx: RequestContext, scopes: string[]) => this.authorize(ctx, scopes),
		};
		this.webhooks = new FenergoWebhooks(eventHost, options);
		this.events = new FenergoEventFeed(eventHost, options);
	}

	override addRoute(kind: RouteKind, method: string, pattern: string, handler: RouteHandler): void {
		if (kind !== 'api') return super.addRoute(kind, method, pattern, handler);
		const paced = this.pacing.wrap(handler);
		super.addRoute(kind, method, pattern, async (ctx) => {
			this.maxApiInFlight = Math.max(this.maxApiInFlight, ++this.apiInFlight);
			try {
				await this.beforeApi?.(ctx);
				await paced(ctx);
			} finally {
				this.apiInFlight--;
			}
		});
	}

	/** The live entity map of one tenant (tests and action-node simulators read and write it). */
	entityStore(tenant: string): Map<string, FenergoEntity> {
		const store = this.entitiesByTenant.get(tenant.toLowerCase());
		if (!store) throw new Error(`Unknown tenant ${tenant}`);
		return store;
	}

	/**
	 * Checks bearer token, token scope and tenant header, replying itself on failure.
	 * Returns the tenant id, or null when it already replied.
	 */
	protected authorize(ctx: RequestContext, anyOfScopes: string[]): string | null {
		const record = this.validToken(ctx.req);
		if (!record) {
			sendJson(ctx.res, 401, { message: 'Unauthorized' });
			return null;
		}
		const tenant = firstHeader(ctx.headers, 'x-tenant-id');
		if (!tenant) {
			sendJson(ctx.res, 400, { ErrorCode: 'MissingTenantHeader' });
			return null;
		}
		const forbidden = (message: string, errorCode: string) =>
			sendJson(ctx.res, 403, fenergoEnvelope(null, [{ message, type: 'Forbidden', errorCode }]));
		if (!this.tenants.includes(tenant.toLowerCase())) {
			forbidden(
				`Access denied. Tenant ${tenant} is not accessible to this client`,
				'TenantAccessDenied',
			);
			return null;
		}
		const tokenScopes = (record.scope ?? '').split(' ');
		if (!anyOfScopes.some((scope) => tokenScopes.includes(scope))) {
			forbidden(
				`Access denied. One of the following scopes is required: ${anyOfScopes.join(', ')}`,
				'InsufficientScope',
			);
			return null;
		}
		return tenant.toLowerCase();
	}

	private handleToken(ctx: RequestContext): void {
		const deny = (
			status: number,
			error: string,
			description?: string,
			headers?: Record<string, string>,
		) =>
			sendJson(
				ctx.res,
				status,
				{ error, ...(description && { error_description: description }) },
				headers,
			);

		const retryAfterSeconds = this.throttle(ctx.ip);
		if (retryAfterSeconds !== null) {
			sendJson(
				ctx.res,
				429,
				{ message: 'Too Many Requests' },
				{ 'retry-after': String(retryAfterSeconds) },
			);
			return;
		}
		if (firstHeader(ctx.headers, 'x-tenant-id') !== undefined) {
			return deny(400, 'invalid_request', 'x-tenant-id must not be sent to the token endpoint');
		}
		if (bodyFormat(ctx.headers) !== 'form') return deny(400, 'invalid_request');
		const params = parseForm(ctx.body);
		if (!params.grant_type) return deny(400, 'invalid_request', 'grant_type is missing');
		if (params.grant_type !== 'client_credentials') return deny(400, 'unsupported_grant_type');
		const client = this.findClient(params.client_id, params.client_secret);
		if (!client) return deny(this.invalidClientStatus, 'invalid_client');

		const scopeParam = params.scope ?? '';
		if (scopeParam.length > 300)
			return deny(400, 'invalid_request', 'Scope parameter exceeds max allowed length');
		const requested = scopeParam.split(' ').filter(Boolean);
		if (requested.some((scope) => !this.allowedScopes.includes(scope)))
			return deny(400, 'invalid_scope');

		const scope = (requested.length > 0 ? requested : this.allowedScopes).join(' ');
		const record = this.issueToken({
			clientId: client.clientId,
			scope,
			lifetimeSeconds: this.tokenLifetime(FENERGO_TOKEN_LIFETIME_SECONDS),
			extraClaims: { client_id: client.clientId, iss: 'https://identity.fenergox.com' },
		});
		sendJson(
			ctx.res,
			200,
			{
				access_token: record.token,
				expires_in: Math.round((record.exp - record.issuedAt) / 1000),
				token_type: 'Bearer',
				scope,
			},
			{ 'cache-control': 'no-store' },
		);
	}

	/** Rolling window per IP; returns Retry-After seconds when over the limit. Refused calls do not fill the window. */
	private throttle(ip: string): number | null {
		const now = this.clock.now();
		const recent = (this.tokenCallTimesByIp.get(ip) ?? []).filter(
			(t) => t > now - this.throttleWindowMs,
		);
		this.tokenCallTimesByIp.set(ip, recent);
		if (recent.length >= this.throttleLimit) {
			return Math.max(1, Math.ceil((recent[0] + this.throttleWindowMs - now) / 1000));
		}
		recent.push(now);
		return null;
	}
}
