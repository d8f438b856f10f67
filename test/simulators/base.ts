import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';

export interface SimClock {
	now(): number;
}

/** A clock tests move by hand; `advance` never sleeps. */
export class ManualClock implements SimClock {
	constructor(private current = Date.UTC(2026, 0, 15, 12, 0, 0)) {}

	now(): number {
		return this.current;
	}

	advance(ms: number): void {
		this.current += ms;
	}

	set(ms: number): void {
		this.current = ms;
	}
}

export interface ClientConfig {
	clientId: string;
	clientSecret: string;
}

export interface SimulatorOptions {
	clock?: SimClock;
	/** The single default client (ignored when `clients` is given). */
	clientId?: string;
	clientSecret?: string;
	clients?: ClientConfig[];
	/** Overrides the provider's token lifetime. */
	tokenLifetimeSeconds?: number;
	/** How many requests `requests` keeps (oldest dropped first). */
	maxLoggedRequests?: number;
}

/** A one-shot fault consumed by the next matching request. With only `delayMs`, the normal answer is just late. */
export interface Fault {
	status?: number;
	body?: string | object;
	headers?: Record<string, string>;
	delayMs?: number;
	contentType?: string;
	/** Drop the socket without answering. */
	destroy?: boolean;
	/** Only a request whose path equals this string or matches this RegExp consumes the fault. */
	path?: string | RegExp;
}

export interface LoggedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
	at: number;
}

export interface SimulatorStats {
	/** Every call to a token route, refused ones included. */
	tokenRequests: number;
	tokensIssued: number;
	/** Every other call, unknown paths included. */
	apiRequests: number;
	api401: number;
}

export interface TokenRecord {
	token: string;
	clientId: string;
	audience?: string;
	scope?: string;
	issuedAt: number;
	/** Expiry in ms on the simulator's clock. */
	exp: number;
	revoked: boolean;
	claims: Record<string, unknown>;
}

export interface IssueTokenOptions {
	clientId: string;
	lifetimeSeconds: number;
	audience?: string;
	scope?: string;
	extraClaims?: Record<string, unknown>;
}

export interface RequestContext {
	req: IncomingMessage;
	res: ServerResponse;
	method: string;
	path: string;
	query: URLSearchParams;
	/** Values of `:name` segments of the matched route. */
	params: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: string;
	ip: string;
}

export type RouteKind = 'token' | 'api';
export type RouteHandler = (ctx: RequestContext) => void | Promise<void>;

interface Route {
	kind: RouteKind;
	method: string;
	regex: RegExp;
	keys: string[];
	handler: RouteHandler;
}

export const DEFAULT_CLIENT: ClientConfig = {
	clientId: 'test-client',
	clientSecret: 'test-secret',
};

/**
 * One local HTTP server for one provider. Subclasses register routes in their constructor with
 * `addRoute('token' | 'api', method, '/path/:param', handler)`; the base does logging, counting,
 * fault injection, delays and the token store.
 */
export class Simulator {
	readonly clock: SimClock;
	readonly clients: ClientConfig[];
	readonly stats: SimulatorStats = { tokenRequests: 0, tokensIssued: 0, apiRequests: 0, api401: 0 };
	readonly requests: LoggedRequest[] = [];
	readonly tokens = new Map<string, TokenRecord>();
	/** Real-time delay (not the clock) before every token answer. */
	tokenDelayMs = 0;
	/** Real-time delay (not the clock) before every API answer. */
	apiDelayMs = 0;

	protected readonly tokenLifetimeOverride?: number;
	private readonly maxLoggedRequests: number;
	private readonly routes: Route[] = [];
	private readonly tokenFaults: Fault[] = [];
	private readonly apiFaults: Fault[] = [];
	private readonly pendingTimers = new Set<NodeJS.Timeout>();
	private server?: Server;
	private baseUrl?: string;

	constructor(options: SimulatorOptions = {}) {
		this.clock = options.clock ?? { now: () => Date.now() };
		this.clients = options.clients
			? options.clients.map((client) => ({ ...client }))
			: [
					{
						clientId: options.clientId ?? DEFAULT_CLIENT.clientId,
						clientSecret: options.clientSecret ?? DEFAULT_CLIENT.clientSecret,
					},
				];
		this.tokenLifetimeOverride = options.tokenLifetimeSeconds;
		this.maxLoggedRequests = options.maxLoggedRequests ?? 2000;
	}

	get url(): string {
		if (!this.baseUrl) throw new Error('Simulator not started');
		return this.baseUrl;
	}

	async start(): Promise<void> {
		if (this.server) return;
		// A client that hangs up mid-body makes dispatch reject; drop that response instead of crashing the test run.
		const server = createServer(
			(req, res) => void this.dispatch(req, res).catch(() => res.destroy()),
		);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		const { port } = server.address() as AddressInfo;
		this.server = server;
		this.baseUrl = `http://127.0.0.1:${port}`;
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		for (const timer of this.pendingTimers) clearTimeout(timer);
		this.pendingTimers.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		await closed;
	}

	addRoute(kind: RouteKind, method: string, pattern: string, handler: RouteHandler): void {
		const keys: string[] = [];
		const source = pattern
			.split('/')
			.map((segment) => {
				if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				keys.push(segment.slice(1));
				return '([^/]+)';
			})
			.join('/');
		this.routes.push({
			kind,
			method: method.toUpperCase(),
			regex: new RegExp(`^${source}/?$`),
			keys,
			handler,
		});
	}

	injectTokenFault(fault: Fault): void {
		this.tokenFaults.push(fault);
	}

	injectApiFault(fault: Fault): void {
		this.apiFaults.push(fault);
	}

	resetStats(): void {
		Object.assign(this.stats, { tokenRequests: 0, tokensIssued: 0, apiRequests: 0, api401: 0 });
		this.requests.length = 0;
	}

	findClient(clientId: string | undefined, clientSecret: string | undefined): ClientConfig | null {
		return (
			this.clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret) ?? null
		);
	}

	/** Stores and counts a new token. */
	issueToken(options: IssueTokenOptions): TokenRecord {
		const issuedAt = this.clock.now();
		const exp = issuedAt + options.lifetimeSeconds * 1000;
		const claims: Record<string, unknown> = {
			sub: options.clientId,
			iat: Math.floor(issuedAt / 1000),
			exp: Math.floor(exp / 1000),
			jti: randomUUID(),
			...(options.audience !== undefined && { aud: options.audience }),
			...(options.scope !== undefined && { scope: options.scope }),
			...options.extraClaims,
		};
		const record: TokenRecord = {
			token: mintJwt(claims),
			clientId: options.clientId,
			audience: options.audience,
			scope: options.scope,
			issuedAt,
			exp,
			revoked: false,
			claims,
		};
		this.tokens.set(record.token, record);
		this.stats.tokensIssued++;
		return record;
	}

	revoke(token: string): boolean {
		const record = this.tokens.get(token);
		if (record) record.revoked = true;
		return record !== undefined;
	}

	revokeAll(): void {
		for (const record of this.tokens.values()) record.revoked = true;
	}

	/** Checks `Authorization: Bearer <t>` (or another header / prefix; an empty prefix means the bare token). */
	validToken(
		req: IncomingMessage,
		headerName = 'authorization',
		prefix = 'Bearer',
	): TokenRecord | null {
		const token = tokenFromHeader(firstHeader(req.headers, headerName), prefix);
		if (!token) return null;
		const record = this.tokens.get(token);
		if (!record || record.revoked || this.clock.now() >= record.exp) return null;
		return record;
	}

	protected tokenLifetime(defaultSeconds: number): number {
		return this.tokenLifetimeOverride ?? defaultSeconds;
	}

	protected sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.pendingTimers.delete(timer);
				resolve();
			}, ms);
			this.pendingTimers.add(timer);
		});
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		const parsedUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = parsedUrl.pathname;
		this.log({ method, path, headers: req.headers, body, at: this.clock.now() });

		const samePath = this.routes.filter((route) => route.regex.test(path));
		const route = samePath.find((candidate) => candidate.method === method);
		const kind: RouteKind = (route ?? samePath[0])?.kind ?? 'api';
		if (kind === 'token') this.stats.tokenRequests++;
		else this.stats.apiRequests++;

		try {
			const fault = takeFault(kind === 'token' ? this.tokenFaults : this.apiFaults, path);
			if (fault?.delayMs) await this.sleep(fault.delayMs);
			const persistentDelay = kind === 'token' ? this.tokenDelayMs : this.apiDelayMs;
			if (persistentDelay > 0) await this.sleep(persistentDelay);

			if (fault?.destroy) {
				req.socket.destroy();
				return;
			}
			if (fault && (fault.status !== undefined || fault.body !== undefined)) {
				sendFault(res, fault);
			} else if (!route) {
				if (samePath.length > 0) sendJson(res, 405, { error: 'method_not_allowed' });
				else sendJson(res, 404, { error: 'not_found', path });
			} else {
				const match = route.regex.exec(path) as RegExpExecArray;
				const params = Object.fromEntries(
					route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1])]),
				);
				const ip = req.socket.remoteAddress ?? 'unknown';
				await route.handler({
					req,
					res,
					method,
					path,
					query: parsedUrl.searchParams,
					params,
					headers: req.headers,
					body,
					ip,
				});
			}
		} catch (error) {
			if (!res.headersSent)
				sendJson(res, 500, { error: 'simulator_error', message: String(error) });
			else res.end();
		}
		if (kind === 'api' && res.statusCode === 401) this.stats.api401++;
	}

	private log(entry: LoggedRequest): void {
		this.requests.push(entry);
		if (this.requests.length > this.maxLoggedRequests)
			this.requests.splice(0, this.requests.length - this.maxLoggedRequests);
	}
}

function takeFault(queue: Fault[], path: string): Fault | undefined {
	const index = queue.findIndex(
		(fault) =>
			fault.path === undefined ||
			(typeof fault.path === 'string' ? fault.path === path : fault.path.test(path)),
	);
	return index >= 0 ? queue.splice(index, 1)[0] : undefined;
}

function sendFault(res: ServerResponse, fault: Fault): void {
	const status = fault.status ?? 500;
	let payload = '';
	let contentType: string | undefined = fault.contentType;
	if (typeof fault.body === 'string') {
		payload = fault.body;
		contentType ??= 'text/plain';
	} else if (fault.body !== undefined) {
		payload = JSON.stringify(fault.body);
		contentType ??= 'application/json';
	}
	res.writeHead(status, { ...(contentType && { 'content-type': contentType }), ...fault.headers });
	res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

// ---- token helpers ----

function base64url(value: string | Buffer): string {
	return Buffer.from(value).toString('base64url');
}

/** A JWT-shaped string; the signature is random bytes, nobody verifies it. */
export function mintJwt(claims: Record<string, unknown>): string {
	const header = { alg: 'RS256', typ: 'JWT', kid: 'simulator' };
	return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${base64url(randomBytes(32))}`;
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
		string,
		unknown
	>;
}

// ---- request helpers ----

export function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function tokenFromHeader(value: string | undefined, prefix: string): string | null {
	if (!value) return null;
	if (prefix === '') return value.trim() || null;
	const [scheme, token, ...rest] = value.trim().split(/\s+/);
	if (rest.length > 0 || !token || scheme.toLowerCase() !== prefix.toLowerCase()) return null;
	return token;
}

export type BodyFormat = 'form' | 'json';

export function bodyFormat(headers: IncomingHttpHeaders): BodyFormat | 'other' {
	const contentType = (firstHeader(headers, 'content-type') ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (contentType === 'application/json' || contentType.endsWith('+json')) return 'json';
	if (contentType === 'application/x-www-form-urlencoded') return 'form';
	return 'other';
}

export function parseForm(body: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(body));
}

/** undefined when the body is not JSON. */
export function parseJson(body: string): unknown {
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * The body as flat string fields, or null when its content type is not among `accepted` or it does not parse
 * to an object. Non-string JSON primitives are stringified; nested values are dropped.
 */
export function readParams(
	ctx: RequestContext,
	accepted: BodyFormat[],
): Record<string, string> | null {
	const format = bodyFormat(ctx.headers);
	if (format === 'other' || !accepted.includes(format)) return null;
	if (format === 'form') return parseForm(ctx.body);
	const json = parseJson(ctx.body);
	if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
	const fields: Record<string, string> = {};
	for (const [key, value] of Object.entries(json)) {
		if (['string', 'number', 'boolean'].includes(typeof value)) fields[key] = String(value);
	}
	return fields;
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded, joined by ':', then base64-encoded. */
export function parseBasicAuth(value: string | undefined): ClientConfig | null {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value ?? '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
	try {
		return {
			clientId: formDecode(decoded.slice(0, colon)),
			clientSecret: formDecode(decoded.slice(colon + 1)),
		};
	} catch {
		return null;
	}
}

export function basicAuthHeader(clientId: string, clientSecret: string): string {
	const formEncode = (part: string) => encodeURIComponent(part).replace(/%20/g, '+');
	return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
}

// ---- reply helpers ----

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
	res.end(JSON.stringify(body));
}

export function sendEmpty(
	res: ServerResponse,
	status: number,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, headers);
	res.end();
}
