import { type RequestContext, Simulator, type SimulatorOptions, readParams, sendEmpty, sendJson } from './base';

export const KAISA_PATHS = {
	token: '/oauth2/token',
	/** Resource paths, relative to `/<version>`. */
	ping: '/miscellaneous/ping',
	customers: '/customers',
} as const;

export const KAISA_TOKEN_LIFETIME_SECONDS = 300;
export const KAISA_MAX_PAGE_SIZE = 1000;

export interface KaisaCustomer {
	customer_id: string;
	name: string;
	custnr: string;
	[field: string]: unknown;
}

export interface KaisaSimulatorOptions extends SimulatorOptions {
	/** API version prefix, e.g. `2.4.9` → `/2.4.9/customers`. */
	version?: string;
	customers?: KaisaCustomer[];
}

function seedCustomers(count: number): KaisaCustomer[] {
	return Array.from({ length: count }, (_, i) => ({
		customer_id: String(5000 + i),
		name: `Customer ${i + 1}`,
		custnr: `K-${String(i + 1).padStart(4, '0')}`,
	}));
}

/** Freespee OAuth2 token endpoint plus the v2 REST API under a version prefix. */
export class KaisaSimulator extends Simulator {
	readonly version: string;
	readonly customers: KaisaCustomer[];

	constructor(options: KaisaSimulatorOptions = {}) {
		super(options);
		this.version = options.version ?? '2.4.9';
		this.customers = options.customers ? options.customers.map((c) => ({ ...c })) : seedCustomers(25);

		this.addRoute('token', 'POST', KAISA_PATHS.token, (ctx) => this.handleToken(ctx));
		this.addResourceRoute('GET', KAISA_PATHS.ping, (ctx) => sendJson(ctx.res, 200, { ping: 'ok' }));
		this.addResourceRoute('GET', KAISA_PATHS.customers, (ctx) => this.listCustomers(ctx));
	}

	/** An authenticated route under `/<version>`; a bad or expired token gets 401 with an empty body. */
	addResourceRoute(method: string, resourcePath: string, handler: (ctx: RequestContext) => void | Promise<void>): void {
		this.addRoute('api', method, `/${this.version}${resourcePath}`, async (ctx) => {
			if (!this.validToken(ctx.req)) return sendEmpty(ctx.res, 401);
			await handler(ctx);
		});
	}

	private handleToken(ctx: RequestContext): void {
		const params = readParams(ctx, ['json', 'form']);
		if (!params) return sendJson(ctx.res, 400, { error: 'invalid_request' });
		if (params.grant_type !== 'client_credentials') return sendJson(ctx.res, 400, { error: 'unsupported_grant_type' });
		const client = this.findClient(params.client_id, params.client_secret);
		if (!client) return sendJson(ctx.res, 401, { error: 'invalid_client' });
		const record = this.issueToken({
			clientId: client.clientId,
			lifetimeSeconds: this.tokenLifetime(KAISA_TOKEN_LIFETIME_SECONDS),
		});
		sendJson(ctx.res, 200, {
			access_token: record.token,
			token_type: 'Bearer',
			expires_in: Math.round((record.exp - record.issuedAt) / 1000),
		});
	}

	private listCustomers(ctx: RequestContext): void {
		const paging = readPaging(ctx.query);
		if ('error' in paging) return sendJson(ctx.res, 400, { errors: [{ message: paging.error }] });
		const { page, pagesize } = paging;
		const total = this.customers.length;
		sendJson(ctx.res, 200, {
			customers: this.customers.slice(page * pagesize, (page + 1) * pagesize),
			total,
			page,
			pagesize,
			numpages: Math.ceil(total / pagesize),
		});
	}
}

/** `page` counts from 0; `pagesize` defaults to and is capped at 1000. */
export function readPaging(query: URLSearchParams): { page: number; pagesize: number } | { error: string } {
	const page = Number(query.get('page') ?? '0');
	const pagesize = Number(query.get('pagesize') ?? String(KAISA_MAX_PAGE_SIZE));
	if (!Number.isInteger(page) || page < 0) return { error: 'page must be an integer >= 0' };
	if (!Number.isInteger(pagesize) || pagesize < 1) return { error: 'pagesize must be an integer >= 1' };
	return { page, pagesize: Math.min(pagesize, KAISA_MAX_PAGE_SIZE) };
}
