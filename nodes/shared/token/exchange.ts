import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { headerValue } from '../http-headers';
import { jwtExpiry, parseBody, readPath, readSeconds } from './answer';
import { clock } from './clock';
import {
	alreadyExpired,
	isOAuthError,
	noTokenField,
	notAnAnswer,
	oauthError,
	quotaRefused,
	statusError,
	unreachable,
} from './messages';
import { FALLBACK_LIFETIME_SECONDS, type TokenRequest } from './profile';
import { quotaWindowEnd, type FetchLog } from './quota';
import type { TokenError } from './token-error';

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
const RETRYABLE_NETWORK = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
]);

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

/**
 * One token from the provider, with bounded retries for throttling and passing faults. A 429 of a
 * profile whose quota refusals are final is not retried; `log` (the client's known fetches) says
 * when the provider's window allows the next fetch if the answer has no Retry-After.
 */
export async function exchangeToken(
	request: TokenRequest,
	http: HttpRequester,
	log: FetchLog = [],
): Promise<IssuedToken> {
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
		const final = request.profile.quotaRefusalIsFinal === true && response.statusCode === 429;
		const wait = final ? undefined : retryWait(response, attempt);
		if (wait !== undefined) {
			await clock.sleep(wait);
			continue;
		}
		return readToken(request, response, startedAt, log);
	}
}

function backoff(attempt: number): number {
	return 1000 * 2 ** attempt;
}

/** Milliseconds to wait before trying again, or undefined when this answer is final. */
function retryWait(response: FullResponse, attempt: number): number | undefined {
	if (!RETRYABLE_STATUS.has(response.statusCode) || attempt >= RETRIES) return undefined;
	const announced = retryAfterMs(headerValue(response.headers, 'retry-after'));
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

function networkFailure(
	request: TokenRequest,
	error: unknown,
): { code: string; error: TokenError } {
	const code = errorCode(error);
	return { code, error: unreachable(request, code, TOKEN_TIMEOUT_MS) };
}

const LIMIT_WORDS = /limit|quota/i;

function readToken(
	request: TokenRequest,
	response: FullResponse,
	startedAt: number,
	log: FetchLog,
): IssuedToken {
	const { profile } = request;
	const status = response.statusCode;
	const body = parseBody(response.body, headerValue(response.headers, 'content-type'));

	const failure = body.kind === 'object' ? readOAuthError(body.value) : undefined;
	if (status === 429 && profile.quotaRefusalIsFinal) {
		const message = body.kind === 'object' ? body.value.message : undefined;
		const said =
			failure?.description ??
			(typeof message === 'string' ? message : body.kind === 'text' ? body.text : undefined);
		if (failure?.code === 'too_many_requests' || LIMIT_WORDS.test(said ?? '')) {
			const until = retryAt(response) ?? quotaWindowEnd(profile, log, said ?? '');
			throw quotaRefused(request, status, until, said);
		}
	}
	if (failure && (isOAuthError(failure) || status < 300))
		throw oauthError(request, status, failure, retryAt(response));
	if (status < 200 || status >= 300) throw statusError(request, status, body, retryAt(response));

	if (body.kind !== 'object') throw notAnAnswer(request, status, body);
	const accessToken = readPath(body.value, profile.tokenField);
	if (typeof accessToken !== 'string' || accessToken.trim() === '')
		throw noTokenField(request, status, body.value);
	const expiresAt = lifetimeEnd(request, body.value, accessToken, startedAt);
	return { accessToken, obtainedAt: startedAt, expiresAt };
}

/** When the provider's Retry-After allows the next try, for the message of a final refusal. */
function retryAt(response: FullResponse): number | undefined {
	const wait = retryAfterMs(headerValue(response.headers, 'retry-after'));
	return wait === undefined ? undefined : clock.now() + wait;
}

function lifetimeEnd(
	request: TokenRequest,
	answer: Record<string, unknown>,
	token: string,
	startedAt: number,
): number {
	const { profile } = request;
	const expiresIn = readSeconds(readPath(answer, profile.expiresInField));
	// Lifetimes count from when we asked, so network time only makes us refresh earlier.
	if (expiresIn !== undefined) return startedAt + expiresIn * 1000;
	const exp = jwtExpiry(token);
	if (exp !== undefined) {
		if (exp * 1000 <= clock.now()) throw alreadyExpired(request);
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
