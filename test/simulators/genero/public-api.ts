import {
	PUBLIC_API,
	type GeneroOperation,
	type GeneroResource,
} from '../../../nodes/Genero/shared/paths';
import { type RequestContext, firstHeader, parseJson, sendEmpty, sendJson } from '../base';

/**
 * The assumed Genero Public API (nodes/Genero/shared/paths.ts is the one table of paths; this follows it):
 * single-entity CRUD keyed by the external ID, batch imports of up to 5,000 entities with a result
 * per entity, and a tenant parameter that multi-tenant clients must send and single-tenant
 * clients must not.
 */
export type GeneroEntity = Record<string, unknown>;

export interface BatchCall {
	resource: GeneroResource;
	tenant: string;
	size: number;
	failed: number;
	at: number;
}

/** Rules a simulated Genero checks per entity; each failure is one row's error in a batch. */
const NAME_REQUIRED: Record<GeneroResource, string | undefined> = {
	customer: 'name',
	customerContact: undefined,
	chain: 'name',
	block: 'name',
	wholesaler: 'name',
};
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LABEL: Record<GeneroResource, string> = {
	customer: 'Customer',
	customerContact: 'Customer contact',
	chain: 'Chain',
	block: 'Block',
	wholesaler: 'Wholesaler',
};

export const SINGLE_TENANT = '';

export class PublicApiStore {
	/** tenant ('' for single-tenant clients) → resource → external ID → entity */
	private readonly tenants = new Map<string, Map<GeneroResource, Map<string, GeneroEntity>>>();
	readonly batchCalls: BatchCall[] = [];
	private nextId = 50_000;

	constructor(private readonly now: () => number) {}

	collection(resource: GeneroResource, tenant = SINGLE_TENANT): Map<string, GeneroEntity> {
		let byResource = this.tenants.get(tenant);
		if (!byResource) {
			byResource = new Map();
			this.tenants.set(tenant, byResource);
		}
		let entities = byResource.get(resource);
		if (!entities) {
			entities = new Map();
			byResource.set(resource, entities);
		}
		return entities;
	}

	/** Why an entity is refused, or undefined. `existing` is the stored one an upsert would update. */
	problem(resource: GeneroResource, entity: unknown, existing?: GeneroEntity): string | undefined {
		if (typeof entity !== 'object' || entity === null || Array.isArray(entity))
			return 'Entity must be a JSON object';
		const fields = entity as GeneroEntity;
		const id = fields[PUBLIC_API.externalIdField];
		if (typeof id !== 'string' || id.trim() === '')
			return `${PUBLIC_API.externalIdField} is required`;
		const nameField = NAME_REQUIRED[resource];
		if (
			!existing &&
			nameField &&
			(typeof fields[nameField] !== 'string' || (fields[nameField] as string).trim() === '')
		) {
			return `${nameField} is required`;
		}
		if (typeof fields.name === 'string' && fields.name.length > 200)
			return 'name is longer than 200 characters';
		if (
			!existing &&
			resource === 'customerContact' &&
			typeof fields.customerExternalId !== 'string'
		) {
			return 'customerExternalId is required';
		}
		if (
			fields.email !== undefined &&
			(typeof fields.email !== 'string' || !EMAIL.test(fields.email))
		) {
			return `Invalid email address: ${String(fields.email)}`;
		}
		return undefined;
	}

	/** Creates or updates (the per-tenant import settings make imports upserts). */
	upsert(
		resource: GeneroResource,
		tenant: string,
		entity: GeneroEntity,
	): { stored: GeneroEntity; action: 'created' | 'updated' } {
		const entities = this.collection(resource, tenant);
		const id = String(entity[PUBLIC_API.externalIdField]);
		const existing = entities.get(id);
		const stamp = new Date(this.now()).toISOString();
		const stored: GeneroEntity = existing
			? { ...existing, ...entity, modified: stamp }
			: { id: String(this.nextId++), ...entity, created: stamp, modified: stamp };
		entities.set(id, stored);
		return { stored, action: existing ? 'updated' : 'created' };
	}

	label(resource: GeneroResource): string {
		return LABEL[resource];
	}
}

type TenantResult = { ok: true; tenant: string } | { ok: false };

export interface PublicApiHost {
	store: PublicApiStore;
	/** The client of a valid Public API token, or undefined after answering 401. */
	publicApiClient(ctx: RequestContext): string | undefined;
	/** Tenants a multi-tenant client may act for; undefined for a single-tenant client. */
	tenantsOf(clientId: string): string[] | undefined;
	addRoute(
		kind: 'api',
		method: string,
		pattern: string,
		handler: (ctx: RequestContext) => void | Promise<void>,
	): void;
	now(): number;
}

function tenantParameter(ctx: RequestContext): string | undefined {
	const placement = PUBLIC_API.tenant;
	if (placement.in === 'query') return ctx.query.get(placement.name) ?? undefined;
	if (placement.in === 'header') return firstHeader(ctx.headers, placement.name);
	throw new Error('The Genero simulator does not model a tenant path prefix');
}

function resolveTenant(host: PublicApiHost, ctx: RequestContext, clientId: string): TenantResult {
	const given = tenantParameter(ctx)?.trim();
	const allowed = host.tenantsOf(clientId);
	if (!allowed) {
		if (given) {
			sendJson(ctx.res, 400, {
				message: 'This client is single-tenant; it must not name a tenant',
			});
			return { ok: false };
		}
		return { ok: true, tenant: SINGLE_TENANT };
	}
	if (!given) {
		sendJson(ctx.res, 400, { message: 'A multi-tenant client must name the tenant on every call' });
		return { ok: false };
	}
	if (!allowed.includes(given)) {
		sendJson(ctx.res, 403, { message: `Client has no access to tenant ${given}` });
		return { ok: false };
	}
	return { ok: true, tenant: given };
}

/** Express-style pattern of a table path under the API prefix. */
function routeOf(prefix: string, path: string): string {
	return `${prefix}${path.replace(/\{(\w+)\}/g, ':$1')}`;
}

export function registerPublicApi(host: PublicApiHost, prefix: string): void {
	const resources = Object.keys(PUBLIC_API.paths) as GeneroResource[];
	const { store } = host;

	// Batch routes first: `/customers/batch` must not be taken for the external ID "batch".
	const order: GeneroOperation[] = ['import', 'create', 'get', 'update', 'delete'];
	for (const operation of order) {
		for (const resource of resources) {
			const endpoint = PUBLIC_API.paths[resource][operation];
			host.addRoute('api', endpoint.method, routeOf(prefix, endpoint.path), (ctx) => {
				const clientId = host.publicApiClient(ctx);
				if (!clientId) return;
				const tenant = resolveTenant(host, ctx, clientId);
				if (!tenant.ok) return;
				handlers[operation](ctx, resource, tenant.tenant);
			});
		}
	}

	// The credential test's call: `GET /customers?limit=1`.
	host.addRoute('api', 'GET', `${prefix}/customers`, (ctx) => {
		const clientId = host.publicApiClient(ctx);
		if (!clientId) return;
		const tenant = resolveTenant(host, ctx, clientId);
		if (!tenant.ok) return;
		const limit = Number(ctx.query.get('limit') ?? Number.NaN);
		const all = [...store.collection('customer', tenant.tenant).values()];
		sendJson(ctx.res, 200, Number.isInteger(limit) && limit >= 0 ? all.slice(0, limit) : all);
	});

	const notFound = (ctx: RequestContext, resource: GeneroResource) =>
		sendJson(ctx.res, 404, {
			message: `${store.label(resource)} ${ctx.params.externalId} not found`,
		});

	const readBody = (ctx: RequestContext): unknown => {
		const body = parseJson(ctx.body);
		if (body === undefined) sendJson(ctx.res, 400, { message: 'The body is not JSON' });
		return body;
	};

	const handlers: Record<
		GeneroOperation,
		(ctx: RequestContext, resource: GeneroResource, tenant: string) => void
	> = {
		create: (ctx, resource, tenant) => {
			const entity = readBody(ctx);
			if (entity === undefined) return;
			const problem = store.problem(resource, entity);
			if (problem) return sendJson(ctx.res, 400, { message: problem });
			const fields = entity as GeneroEntity;
			const id = String(fields[PUBLIC_API.externalIdField]);
			if (store.collection(resource, tenant).has(id)) {
				return sendJson(ctx.res, 409, { message: `${store.label(resource)} ${id} already exists` });
			}
			sendJson(ctx.res, 201, store.upsert(resource, tenant, fields).stored);
		},
		get: (ctx, resource, tenant) => {
			const entity = store.collection(resource, tenant).get(ctx.params.externalId);
			if (!entity) return notFound(ctx, resource);
			sendJson(ctx.res, 200, entity);
		},
		update: (ctx, resource, tenant) => {
			const existing = store.collection(resource, tenant).get(ctx.params.externalId);
			if (!existing) return notFound(ctx, resource);
			const changes = readBody(ctx);
			if (changes === undefined) return;
			const merged = {
				...(changes as GeneroEntity),
				[PUBLIC_API.externalIdField]: ctx.params.externalId,
			};
			const problem = store.problem(resource, merged, existing);
			if (problem) return sendJson(ctx.res, 400, { message: problem });
			sendJson(ctx.res, 200, store.upsert(resource, tenant, merged).stored);
		},
		delete: (ctx, resource, tenant) => {
			if (!store.collection(resource, tenant).delete(ctx.params.externalId))
				return notFound(ctx, resource);
			sendEmpty(ctx.res, 204);
		},
		import: (ctx, resource, tenant) => {
			const body = readBody(ctx);
			if (body === undefined) return;
			const field = PUBLIC_API.batch.bodyField;
			const entities = field ? (body as Record<string, unknown>)?.[field] : body;
			if (!Array.isArray(entities))
				return sendJson(ctx.res, 400, { message: 'The body must be a JSON array of entities' });
			const max = PUBLIC_API.batch.maxEntities;
			if (entities.length > max) {
				return sendJson(ctx.res, 413, {
					message: `A batch may hold at most ${max} entities; got ${entities.length}`,
				});
			}
			const { indexField, successField, errorField } = PUBLIC_API.batch;
			const results = entities.map((entity: unknown, index) => {
				const id = (entity as GeneroEntity | null)?.[PUBLIC_API.externalIdField];
				const existing =
					typeof id === 'string' ? store.collection(resource, tenant).get(id) : undefined;
				const problem = store.problem(resource, entity, existing);
				if (problem)
					return {
						[indexField]: index,
						[PUBLIC_API.externalIdField]: id ?? null,
						[successField]: false,
						[errorField]: problem,
					};
				const { stored, action } = store.upsert(resource, tenant, entity as GeneroEntity);
				return {
					[indexField]: index,
					[PUBLIC_API.externalIdField]: id,
					[successField]: true,
					id: stored.id,
					action,
				};
			});
			const failed = results.filter((result) => result[successField] === false).length;
			store.batchCalls.push({ resource, tenant, size: entities.length, failed, at: host.now() });
			sendJson(ctx.res, 200, { [PUBLIC_API.batch.resultsField]: results });
		},
	};
}
