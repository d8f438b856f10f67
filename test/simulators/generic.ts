import {
	type BodyFormat,
	type ClientConfig,
	type RequestContext,
	Simulator,
	type SimulatorOptions,
	firstHeader,
	parseBasicAuth,
	readParams,
	sendJson,
} from './base';

export const GENERIC_PATHS = {
	token: '/oauth/token',
	me: '/api/me',
} as const;

export interface GenericSimulatorOptions extends SimulatorOptions {
	tokenPath?: string;
	/** RFC 6749 §2.3.1: HTTP Basic, body fields, or either (never both at once). */
	clientAuth?: 'body' | 'basic' | 'either';
	bodyFormat?: BodyFormat | 'either';
	/** `standard`: `{access_token, expires_in, token_type}`; `nested`: `{data: {token, expiresIn}}`. */
	responseShape?: 'standard' | 'nested';
	expiresInAsString?: boolean;
	omitExpiresIn?: boolean;
	/** When set, the token request must carry exactly this audience. */
	audience?: string;
	/** When set, the token request must carry a scope, all of it from this list. */
	scopes?: string[];
	/** Default true: grant_type=client_credentials is required. */
	requireGrantType?: boolean;
	/** Body field names, for providers like `{clientID, secret}`. */
	fieldNames?: Partial<Record<'clientId' | 'clientSecret' | 'audience' | 'scope', string>>;
	/** Headers the token call must carry with these exact values (e.g. `client: bridge`). */
	requiredTokenHeaders?: Record<string, string>;
	/** Header carrying the API token; default `authorization`. */
	apiAuthHeader?: string;
	/** Prefix before the token; default `Bearer`, empty string for the bare token. */
	apiAuthPrefix?: string;
	/** Headers each API call must carry with these exact values. */
	requiredApiHeaders?: Record<string, string>;
}

type ResolvedOptions = Required<
	Omit<GenericSimulatorOptions, keyof SimulatorOptions | 'audience' | 'scopes' | 'fieldNames'>
> &
	Pick<GenericSimulatorOptions, 'audience' | 'scopes'> & {
		fieldNames: Record<'clientId' | 'clientSecret' | 'audience' | 'scope', string>;
	};

type ClientAuthResult =
	| { client: ClientConfig }
	| { status: number; error: string; description: string; basicTried: boolean };

/** A configurable OAuth2 client-credentials server answering RFC 6749 §5.2 errors. */
export class GenericSimulator extends Simulator {
	readonly config: ResolvedOptions;

	constructor(options: GenericSimulatorOptions = {}) {
		super(options);
		this.config = {
			tokenPath: options.tokenPath ?? GENERIC_PATHS.token,
			clientAuth: options.clientAuth ?? 'either',
			bodyFormat: options.bodyFormat ?? 'form',
			responseShape: options.responseShape ?? 'standard',
			expiresInAsString: options.expiresInAsString ?? false,
			omitExpiresIn: options.omitExpiresIn ?? false,
			audience: options.audience,
			scopes: options.scopes,
			requireGrantType: options.requireGrantType ?? true,
			fieldNames: {
				clientId: 'client_id',
				clientSecret: 'client_secret',
				audience: 'audience',
				scope: 'scope',
				...options.fieldNames,
			},
			requiredTokenHeaders: options.requiredTokenHeaders ?? {},
			apiAuthHeader: options.apiAuthHeader ?? 'authorization',
			apiAuthPrefix: options.apiAuthPrefix ?? 'Bearer',
			requiredApiHeaders: options.requiredApiHeaders ?? {},
		};
		this.addRoute('token', 'POST', this.config.tokenPath, (ctx) => this.handleToken(ctx));
		this.addRoute('api', 'GET', GENERIC_PATHS.me, (ctx) => {
			const record = this.validToken(ctx.req, this.config.apiAuthHeader, this.config.apiAuthPrefix);
			if (!record) return sendJson(ctx.res, 401, { error: 'invalid_token' });
			const wrongHeader = missingHeader(ctx, this.config.requiredApiHeaders);
			if (wrongHeader)
				return sendJson(ctx.res, 400, { error: 'missing_header', header: wrongHeader });
			sendJson(ctx.res, 200, { ok: true, client: record.clientId });
		});
	}

	private handleToken(ctx: RequestContext): void {
		const { config } = this;
		const deny = (
			status: number,
			error: string,
			description: string,
			headers?: Record<string, string>,
		) => sendJson(ctx.res, status, { error, error_description: description }, headers);

		const wrongHeader = missingHeader(ctx, config.requiredTokenHeaders);
		if (wrongHeader) return deny(400, 'invalid_request', `Missing or wrong header: ${wrongHeader}`);
		const accepted: BodyFormat[] =
			config.bodyFormat === 'either' ? ['form', 'json'] : [config.bodyFormat];
		const params = readParams(ctx, accepted);
		if (!params) return deny(400, 'invalid_request', `Body must be ${accepted.join(' or ')}`);
		if (config.requireGrantType) {
			if (!params.grant_type) return deny(400, 'invalid_request', 'grant_type is missing');
			if (params.grant_type !== 'client_credentials') {
				return deny(400, 'unsupported_grant_type', `Unsupported grant type: ${params.grant_type}`);
			}
		}

		const auth = this.authenticateClient(ctx, params);
		if (!('client' in auth)) {
			const challenge =
				auth.basicTried && auth.status === 401
					? { 'www-authenticate': 'Basic realm="simulator"' }
					: undefined;
			return deny(auth.status, auth.error, auth.description, challenge);
		}

		const audience = params[config.fieldNames.audience];
		if (config.audience !== undefined && audience !== config.audience) {
			return deny(
				400,
				'invalid_request',
				audience ? `Unknown audience: ${audience}` : 'audience is missing',
			);
		}
		const requested = (params[config.fieldNames.scope] ?? '').split(' ').filter(Boolean);
		if (config.scopes) {
			if (requested.length === 0) return deny(400, 'invalid_scope', 'scope is missing');
			const unknown = requested.filter((scope) => !config.scopes?.includes(scope));
			if (unknown.length > 0)
				return deny(400, 'invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
		}

		const record = this.issueToken({
			clientId: auth.client.clientId,
			audience,
			scope: requested.length > 0 ? requested.join(' ') : undefined,
			lifetimeSeconds: this.tokenLifetime(3600),
		});
		const seconds = Math.round((record.exp - record.issuedAt) / 1000);
		const expiresIn = config.omitExpiresIn
			? undefined
			: config.expiresInAsString
				? String(seconds)
				: seconds;
		const body =
			config.responseShape === 'nested'
				? { data: { token: record.token, expiresIn } }
				: {
						access_token: record.token,
						expires_in: expiresIn,
						token_type: 'Bearer',
						scope: record.scope,
					};
		sendJson(ctx.res, 200, body, { 'cache-control': 'no-store' });
	}

	private authenticateClient(
		ctx: RequestContext,
		params: Record<string, string>,
	): ClientAuthResult {
		const { clientAuth, fieldNames } = this.config;
		const authorization = firstHeader(ctx.headers, 'authorization');
		const basicTried = /^Basic\s/i.test(authorization ?? '');
		const basic = basicTried ? parseBasicAuth(authorization) : null;
		const bodyId = params[fieldNames.clientId];
		const bodySecret = params[fieldNames.clientSecret];
		const fail = (status: number, error: string, description: string): ClientAuthResult => ({
			status,
			error,
			description,
			basicTried,
		});

		if (basicTried && bodySecret !== undefined) {
			return fail(400, 'invalid_request', 'Use only one client authentication method');
		}
		if (basicTried) {
			if (clientAuth === 'body')
				return fail(401, 'invalid_client', 'HTTP Basic client authentication is not supported');
			if (!basic) return fail(401, 'invalid_client', 'Malformed Basic credentials');
			if (bodyId !== undefined && bodyId !== basic.clientId)
				return fail(400, 'invalid_request', 'client_id does not match');
			const client = this.findClient(basic.clientId, basic.clientSecret);
			return client ? { client } : fail(401, 'invalid_client', 'Client authentication failed');
		}
		if (clientAuth === 'basic')
			return fail(401, 'invalid_client', 'HTTP Basic client authentication is required');
		if (bodyId === undefined)
			return fail(401, 'invalid_client', 'Client authentication is missing');
		const client = this.findClient(bodyId, bodySecret);
		return client ? { client } : fail(401, 'invalid_client', 'Client authentication failed');
	}
}

/** Name of the first required header that is absent or has another value. */
function missingHeader(ctx: RequestContext, required: Record<string, string>): string | undefined {
	return Object.keys(required).find((name) => firstHeader(ctx.headers, name) !== required[name]);
}
