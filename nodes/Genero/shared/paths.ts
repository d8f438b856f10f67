import type { IHttpRequestMethods } from 'n8n-workflow';

/**
 * Every Genero endpoint both nodes call, in one place.
 *
 * ASSUMPTIONS: Genero documents its entities, call styles and limits, but not its endpoint paths,
 * verbs, bodies, paging or error format (see docs/genero.md). Everything below is a best guess;
 * when the truth is known, fix the line here (both nodes and the test simulator read this table),
 * or override a single call with the "Path" option of the operation.
 *
 * Paths are relative to the credential's Base URL (default: the audience URL,
 * https://prod.generosales.com/api and https://prod.generosales.com/api/externalschema).
 * Placeholders: {externalId} (the external ID), {entity}, {from}, {to}.
 */
export interface GeneroEndpoint {
	method: IHttpRequestMethods;
	path: string;
	/** Query parameters; values may hold placeholders. */
	qs?: Record<string, string>;
}

/** How a multi-tenant client names the tenant on each call. */
export type TenantPlacement =
	| { in: 'query'; name: string }
	| { in: 'header'; name: string }
	/** Prepended to the path, `{tenant}` replaced, e.g. `/tenants/{tenant}`. */
	| { in: 'pathPrefix'; template: string };

export const GENERO_RESOURCES = [
	'customer',
	'customerContact',
	'chain',
	'block',
	'wholesaler',
] as const;
export type GeneroResource = (typeof GENERO_RESOURCES)[number];

export const GENERO_OPERATIONS = ['create', 'get', 'update', 'delete', 'import'] as const;
export type GeneroOperation = (typeof GENERO_OPERATIONS)[number];

const entityPaths = (collection: string): Record<GeneroOperation, GeneroEndpoint> => ({
	create: { method: 'POST', path: `/${collection}` },
	get: { method: 'GET', path: `/${collection}/{externalId}` },
	update: { method: 'PUT', path: `/${collection}/{externalId}` },
	delete: { method: 'DELETE', path: `/${collection}/{externalId}` },
	// Batch: up to 5,000 entities a call (documented); the path is not.
	import: { method: 'POST', path: `/${collection}/batch` },
});

/** Public API (credential `generoPublicApi`). Its credential test calls `GET /customers?limit=1`. */
export const PUBLIC_API = {
	paths: {
		customer: entityPaths('customers'),
		customerContact: entityPaths('customercontacts'),
		chain: entityPaths('chains'),
		block: entityPaths('blocks'),
		wholesaler: entityPaths('wholesalers'),
	} satisfies Record<GeneroResource, Record<GeneroOperation, GeneroEndpoint>>,

	tenant: { in: 'query', name: 'tenant' } as TenantPlacement,

	/** The field that carries the tenant's own ID of an entity (imports upsert on it). */
	externalIdField: 'externalId',

	batch: {
		/** Documented: at most 5,000 entities per batch call. */
		maxEntities: 5000,
		/** Undefined: the body is the JSON array itself; else `{ [bodyField]: [...] }`. */
		bodyField: undefined as string | undefined,
		/** Where the per-entity results are in the answer (an array answer is the list itself). */
		resultsField: 'results',
		/** Position of the entity in the sent array; results without it are matched by order. */
		indexField: 'index',
		successField: 'success',
		/** Genero's words for a failed row: a string, or a list of `{ message }`. */
		errorField: 'error',
		errorsField: 'errors',
	},
} as const;

export type WarehouseMode = 'all' | 'createdSince' | 'modifiedSince' | 'createdBetween';

/** Data Warehouse API (credential `generoDataWarehouseApi`). Its credential test calls `GET /ping`. */
export const WAREHOUSE_API = {
	ping: { method: 'GET', path: '/ping' } as GeneroEndpoint,

	/** Documented: per entity, all rows, by created date, by modified date, or a created-date interval. */
	getMany: {
		all: { method: 'GET', path: '/{entity}' },
		createdSince: { method: 'GET', path: '/{entity}', qs: { createdFrom: '{from}' } },
		modifiedSince: { method: 'GET', path: '/{entity}', qs: { modifiedFrom: '{from}' } },
		createdBetween: {
			method: 'GET',
			path: '/{entity}',
			qs: { createdFrom: '{from}', createdTo: '{to}' },
		},
	} satisfies Record<WarehouseMode, GeneroEndpoint>,

	/** Dates are sent as ISO 8601 UTC (`2026-01-15T12:00:00.000Z`); "since" is taken as inclusive. */
	paging: {
		pageParam: 'page',
		pageSizeParam: 'pageSize',
		firstPage: 1,
		pageSize: 1000,
		/** Where the rows are in a page (an array answer is the rows itself). */
		rowsField: 'data',
		/** Optional: stops paging without asking for an empty page. */
		totalPagesField: 'totalPages',
	},

	/** Fields every flattened row is assumed to carry, for "since last run". */
	rowFields: { id: 'id', created: 'created', modified: 'modified' },

	tenant: { in: 'query', name: 'tenant' } as TenantPlacement,

	/** A few entity names offered as suggestions; any other name can be typed. */
	knownEntities: [
		'Customer',
		'CustomerContact',
		'Chain',
		'Block',
		'Wholesaler',
		'Order',
		'OrderRow',
		'Product',
		'Manufacturer',
		'Assortment',
	],

	/** Documented limits per client. */
	limits: { requestsPerMinute: 60, requestsPerDay: 3000 },
} as const;

/** `{name}` placeholders replaced by URL-encoded values; unknown ones are left as they are. */
export function fillPath(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		values[name] === undefined ? whole : encodeURIComponent(values[name]),
	);
}

/** The same for query values (the HTTP client encodes them). */
export function fillQuery(
	qs: Record<string, string> | undefined,
	values: Record<string, string>,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, template] of Object.entries(qs ?? {})) {
		out[key] = template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
	}
	return out;
}
