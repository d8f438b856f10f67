import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { jwtExpiry, parseBody, readPath, readSeconds, type ParsedBody } from './answer';
import { clock } from './clock';
import { FALLBACK_LIFETIME_SECONDS, type TokenRequest } from './profile';
import { redact, TokenError } from './token-error';

/** n8n's `helpers.httpRequest`, so proxy, SSL and cancellation settings apply to token calls too. */
export type HttpRequester = (options: IHttpRequestOptions) => Promise<unknown>;

export interface IssuedToken {
	accessToken: string;
	obtainedAt: number;
	expiresAt: number;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

const TOKEN_TIMEOUT_MS = 30_000;
const RETRIES = 2;
const MAX_RETRY_WAIT_MS = 30_000;
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN']);

/** What each RFC 6749 §5.2 error code asks the user to do. */
const ADVICE: Record<string, string> = {
	invalid_client: 'Check the Client ID and Client Secret in the credential',
	access_denied:
		'Check the Client ID and Client Secret, and that this client is authorized for the requested audience and scope',
	unauthorized_client: 'Ask the provider to allow the client-credentials grant for this client',
	invalid_scope: 'Check the Scope field of the credential',
	invalid_request: 'Check the Token URL, audience, scope and extra parameters of the credential',
	invalid_grant: 'Check the Client ID, Client Secret and the grant the provider expects',
	unsupported_grant_type: 'Check the Token URL: this endpoint does not offer the client-credentials grant',
	invalid_target: 'Check the Audience field of the credential',
};

export function buildTokenRequest(request: TokenRequest): IHttpRequestOptions {
	const { profile } = request;
	const params: Record<string, string> = { grant_type: 'client_credentials' };
	const headers: IDataObject = { Accept: 'application/json' };
	if (profile.clientAuthentication === 'header') {
		const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
		const basic = Buffer.from(`${encode(request.clientId)}:${encode(request.clientSecret)}`);
		headers.Authorization = `Basic ${basic.toString('base64')}`;
	} else {
		params.client_id = request.clientId;
		params.client_secret = request.clientSecret;
	}
	if (request.audience) params.audience = request.audience;
	if (request.scope) params.scope = request.scope;
	Object.assign(params, request.extraParameters);

	const json = profile.bodyFormat === 'json';
	headers['Content-Type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
	return {
		method: 'POST',
		url: request.tokenUrl,
		headers,
		body: json ? JSON.stringify(params) : new URLSearchParams(params).toString(),
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: TOKEN_TIMEOUT_MS,
	};
}

/** One token from the provider, with bounded retries for throttling and passing faults. */
export async function exchangeToken(request: TokenRequest, http: HttpRequester): Promise<IssuedToken> {
	for (let attempt = 0; ; attempt++) {
		const startedAt = clock.now();
		let response: FullResponse;
		try {
			response = (await http(buildTokenRequest(request))) as FullResponse;
		} catch (error) {
			const failure = networkFailure(request, error);
			if (attempt < RETRIES && RETRYABLE_NETWORK.has(failure.code)) {
				await clock.sleep(backoff(attempt));
				continue;
			}
			throw failure.error;
		}
		const wait = retryWait(response, attempt);
		if (wait !== undefined) {
			await clock.sleep(wait);
			continue;
		}
		return readToken(request, response, startedAt);
	}
}

function backoff(attempt: number): number {
	return 1000 * 2 ** attempt;
}

function header(response: FullResponse, name: string): string {
	const value = response.headers?.[name] ?? response.headers?.[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? '' : String(value);
}

/** Milliseconds to wait before trying again, or undefined when this answer is final. */
function retryWait(response: FullResponse, attempt: number): number | undefined {
	if (!RETRYABLE_STATUS.has(response.statusCode) || attempt >= RETRIES) return undefined;
	const announced = retryAfterMs(header(response, 'retry-after'));
	if (announced === undefined) return backoff(attempt);
	return announced <= MAX_RETRY_WAIT_MS ? announced : undefined;
}

export function retryAfterMs(value: string): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - clock.now());
}

function errorCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code.startsWith('E')) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return '';
}

function networkFailure(request: TokenRequest, error: unknown): { code: string; error: TokenError } {
	const { provider } = request.profile;
	const code = errorCode(error);
	const host = safeHost(request.tokenUrl);
	const what =
		code === 'ECONNREFUSED'
			? `nothing answers at ${host}`
			: code === 'ENOTFOUND' || code === 'EAI_AGAIN'
				? `the host ${host} could not be resolved`
				: code === 'ECONNABORTED' || code === 'ETIMEDOUT'
					? `${host} did not answer within ${TOKEN_TIMEOUT_MS / 1000} s`
					: `the connection to ${host} failed${code ? ` (${code})` : ''}`;
	return {
		code,
		error: new TokenError(
			`Could not reach the ${provider} token endpoint`,
			'network',
			`${capitalize(what)}. Check the Token URL in the credential and that n8n can reach it.`,
		),
	};
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'the token URL';
	}
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function readToken(request: TokenRequest, response: FullResponse, startedAt: number): IssuedToken {
	const { profile } = request;
	const status = response.statusCode;
	const body = parseBody(response.body, header(response, 'content-type'));
	const secrets = [request.clientSecret];

	const oauthError = body.kind === 'object' ? readOAuthError(body.value) : undefined;
	if (oauthError) throw describeOAuthError(request, status, oauthError, header(response, 'retry-after'));
	if (status < 200 || status >= 300) throw describeStatus(request, status, body, header(response, 'retry-after'));

	if (body.kind !== 'object') {
		throw new TokenError(
			`The ${profile.provider} token endpoint answered without a token`,
			'protocol',
			`${describeShape(body)} came back with HTTP ${status}. Check the Token URL: it should be the OAuth2 token endpoint, not a web page.`,
			status,
		);
	}
	const accessToken = readPath(body.value, profile.tokenField);
	if (typeof accessToken !== 'string' || accessToken.trim() === '') {
		const fields = Object.keys(body.value).slice(0, 10).join(', ') || 'none';
		throw new TokenError(
			`The ${profile.provider} token endpoint answered without a token`,
			'protocol',
			`No text at "${profile.tokenField}" in the answer (fields: ${redact(fields, secrets)}). Check the token field setting.`,
			status,
		);
	}
	const expiresAt = lifetimeEnd(request, body.value, accessToken, startedAt);
	return { accessToken, obtainedAt: startedAt, expiresAt };
}

function lifetimeEnd(request: TokenRequest, answer: Record<string, unknown>, token: string, startedAt: number): number {
	const { profile } = request;
	const expiresIn = readSeconds(readPath(answer, profile.expiresInField));
	// Lifetimes count from when we asked, so network time only makes us refresh earlier.
	if (expiresIn !== undefined) return startedAt + expiresIn * 1000;
	const exp = jwtExpiry(token);
	if (exp !== undefined) {
		if (exp * 1000 <= clock.now()) {
			throw new TokenError(
				`The ${profile.provider} token endpoint issued a token that has already expired`,
				'protocol',
				"The token's exp claim is in the past. Check the clock of the n8n host and of the provider.",
			);
		}
		return exp * 1000;
	}
	return startedAt + (profile.defaultLifetimeSeconds ?? FALLBACK_LIFETIME_SECONDS) * 1000;
}

interface OAuthError {
	code: string;
	description?: string;
}

function readOAuthError(value: Record<string, unknown>): OAuthError | undefined {
	const code = value.error;
	if (typeof code === 'string' && code !== '') {
		const description = value.error_description;
		return { code, description: typeof description === 'string' ? description : undefined };
	}
	// Setu-style errors: {"success": false, "error": {"code", "message"}}
	if (code && typeof code === 'object') {
		const nested = code as Record<string, unknown>;
		const nestedCode = nested.code ?? nested.error;
		if (typeof nestedCode === 'string') {
			const message = nested.message;
			return { code: nestedCode, description: typeof message === 'string' ? message : undefined };
		}
	}
	return undefined;
}

function describeOAuthError(request: TokenRequest, status: number, error: OAuthError, retryAfter: string): TokenError {
	const { provider } = request.profile;
	const said = error.description
		? ` ${provider} says: "${redact(error.description, [request.clientSecret])}".`
		: '';
	if (status === 429 || error.code === 'too_many_requests' || error.code === 'slow_down') {
		return throttled(request, status, retryAfter, said);
	}
	if (error.code === 'temporarily_unavailable' || error.code === 'server_error') {
		return new TokenError(
			`The ${provider} token endpoint is unavailable (${error.code})`,
			'unavailable',
			`Try again later.${said}`,
			status,
		);
	}
	const advice = ADVICE[error.code] ?? 'Check the credential settings';
	return new TokenError(
		`${provider} refused the token request (${error.code})`,
		'rejected',
		`${advice}.${said}`,
		status,
	);
}

function throttled(request: TokenRequest, status: number, retryAfter: string, said = ''): TokenError {
	const wait = retryAfterMs(retryAfter);
	const when = wait === undefined ? 'later' : `after ${new Date(clock.now() + wait).toISOString()}`;
	return new TokenError(
		`${request.profile.provider} is limiting token requests`,
		'throttled',
		`Too many token requests for this client or address. Try again ${when}.${said}`,
		status,
	);
}

function describeStatus(request: TokenRequest, status: number, body: ParsedBody, retryAfter: string): TokenError {
	const { provider } = request.profile;
	if (status === 429) return throttled(request, status, retryAfter);
	if (status >= 500) {
		return new TokenError(
			`The ${provider} token endpoint failed (HTTP ${status})`,
			'unavailable',
			`The provider had a problem; try again later. ${describeShape(body)} came back.`,
			status,
		);
	}
	const advice =
		status === 401 || status === 403
			? 'Check the Client ID and Client Secret in the credential'
			: status === 404 || status === 405
				? 'Check the Token URL in the credential'
				: 'Check the credential settings';
	return new TokenError(
		`${provider} refused the token request (HTTP ${status})`,
		'rejected',
		`${advice}. ${describeShape(body)} came back.`,
		status,
	);
}

function describeShape(body: ParsedBody): string {
	switch (body.kind) {
		case 'empty':
			return 'An empty body';
		case 'html':
			return 'An HTML page';
		case 'text':
			return 'Plain text';
		default:
			return 'A JSON body';
	}
}
