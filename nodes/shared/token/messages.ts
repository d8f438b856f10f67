/** What the user reads when a token endpoint could not be reached or gave no usable token. */

import type { ParsedBody } from './answer';
import type { TokenRequest } from './profile';
import { redact, TokenError } from './token-error';

/** What each RFC 6749 §5.2 error code asks the user to do. */
const OAUTH_ERROR_ADVICE: Record<string, string> = {
	invalid_client: 'Check the Client ID and Client Secret in the credential',
	access_denied:
		'Check the Client ID and Client Secret, and that this client is authorized for the requested audience and scope',
	unauthorized_client: 'Ask the provider to allow the client-credentials grant for this client',
	invalid_scope: 'Check the Scope field of the credential',
	invalid_request: 'Check the Token URL, audience, scope and extra parameters of the credential',
	invalid_grant: 'Check the Client ID, Client Secret and the grant the provider expects',
	unsupported_grant_type:
		'Check the Token URL: this endpoint does not offer the client-credentials grant',
	invalid_target: 'Check the Audience field of the credential',
};

/** Codes an OAuth2 token endpoint answers with (RFC 6749 §5.2 and the throttling/outage ones). */
const OAUTH_ERROR_CODES = new Set([
	...Object.keys(OAUTH_ERROR_ADVICE),
	'too_many_requests',
	'slow_down',
	'temporarily_unavailable',
	'server_error',
]);

/**
 * Whether a failed answer's error is the token endpoint's own OAuth error, rather than a JSON
 * error page of something else at the Token URL (e.g. `{"error": "not_found"}` from an API's 404).
 */
export function isOAuthError(error: { code: string; description?: string }): boolean {
	return OAUTH_ERROR_CODES.has(error.code) || error.description !== undefined;
}

export function oauthErrorAdvice(code: string): string {
	// Own keys only: an error code such as "constructor" must not pick up Object.prototype.
	return Object.hasOwn(OAUTH_ERROR_ADVICE, code)
		? OAUTH_ERROR_ADVICE[code]
		: 'Check the credential settings';
}

/** What a refusal without an OAuth error body asks the user to do. */
export function statusAdvice(status: number): string {
	if (status === 401 || status === 403)
		return 'Check the Client ID and Client Secret in the credential';
	if (status === 404 || status === 405) return 'Check the Token URL in the credential';
	return 'Check the credential settings';
}

export function describeShape(body: ParsedBody): string {
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

/** `code` is the Node.js error code of the failed connection ('' when there is none). */
export function unreachable(request: TokenRequest, code: string, timeoutMs: number): TokenError {
	const host = safeHost(request.tokenUrl);
	const what =
		code === 'ECONNREFUSED'
			? `nothing answers at ${host}`
			: code === 'ENOTFOUND' || code === 'EAI_AGAIN'
				? `the host ${host} could not be resolved`
				: code === 'ECONNABORTED' || code === 'ETIMEDOUT'
					? `${host} did not answer within ${timeoutMs / 1000} s`
					: `the connection to ${host} failed${code ? ` (${code})` : ''}`;
	return new TokenError(
		`Could not reach the ${request.profile.provider} token endpoint`,
		'network',
		`${capitalize(what)}. Check the Token URL in the credential and that n8n can reach it.`,
	);
}

/** An RFC 6749 §5.2 error (or its Setu-style variant); `retryAt` is when the provider allows the next try. */
export function oauthError(
	request: TokenRequest,
	status: number,
	error: { code: string; description?: string },
	retryAt?: number,
): TokenError {
	const { provider } = request.profile;
	const said = error.description
		? ` ${provider} says: "${redact(error.description, [request.clientSecret])}".`
		: '';
	if (status === 429 || error.code === 'too_many_requests' || error.code === 'slow_down') {
		return throttled(request, status, retryAt, said);
	}
	if (error.code === 'temporarily_unavailable' || error.code === 'server_error') {
		return new TokenError(
			`The ${provider} token endpoint is unavailable (${error.code})`,
			'unavailable',
			`Try again later.${said}`,
			status,
		);
	}
	return new TokenError(
		`${provider} refused the token request (${error.code})`,
		'rejected',
		`${oauthErrorAdvice(error.code)}.${said}`,
		status,
	);
}

/** A non-2xx answer without an OAuth error body. */
export function statusError(
	request: TokenRequest,
	status: number,
	body: ParsedBody,
	retryAt?: number,
): TokenError {
	const { provider } = request.profile;
	if (status === 429) return throttled(request, status, retryAt);
	if (status >= 500) {
		return new TokenError(
			`The ${provider} token endpoint failed (HTTP ${status})`,
			'unavailable',
			`The provider had a problem; try again later. ${describeShape(body)} came back.`,
			status,
		);
	}
	return new TokenError(
		`${provider} refused the token request (HTTP ${status})`,
		'rejected',
		body.kind === 'object'
			? `${statusAdvice(status)}. The Token URL answered HTTP ${status} with ${summarize(body.value, [request.clientSecret])}.`
			: `${statusAdvice(status)}. ${describeShape(body)} came back.`,
		status,
	);
}

/** A 2xx answer that is not a JSON object (an HTML page, an empty body, plain text). */
export function notAnAnswer(request: TokenRequest, status: number, body: ParsedBody): TokenError {
	return new TokenError(
		`The ${request.profile.provider} token endpoint answered without a token`,
		'protocol',
		`${describeShape(body)} came back with HTTP ${status}. Check the Token URL: it should be the OAuth2 token endpoint, not a web page.`,
		status,
	);
}

/** A 2xx JSON answer with no text at the profile's token field; names (never values) of its fields help. */
export function noTokenField(
	request: TokenRequest,
	status: number,
	answer: Record<string, unknown>,
): TokenError {
	const { profile } = request;
	const fields = Object.keys(answer).slice(0, 10).join(', ') || 'none';
	return new TokenError(
		`The ${profile.provider} token endpoint answered without a token`,
		'protocol',
		`No text at "${profile.tokenField}" in the answer (fields: ${redact(fields, [request.clientSecret])}). Check the token field setting.`,
		status,
	);
}

export function alreadyExpired(request: TokenRequest): TokenError {
	return new TokenError(
		`The ${request.profile.provider} token endpoint issued a token that has already expired`,
		'protocol',
		"The token's exp claim is in the past. Check the clock of the n8n host and of the provider.",
	);
}

/**
 * The provider refused a token request because the client's quota is spent (final: not retried,
 * remembered until `until`).
 */
export function quotaRefused(
	request: TokenRequest,
	status: number,
	until: number,
	said?: string,
): TokenError {
	const { provider } = request.profile;
	const quoted = said ? ` ${provider} says: "${redact(said, [request.clientSecret])}".` : '';
	return new TokenError(
		`${provider} refused the token request: this client's token quota is used up`,
		'quota',
		`The token endpoint answered HTTP ${status}.${quoted} No token request will be sent before ${new Date(until).toISOString()}, when ${provider}'s window allows another; the cached token is reused automatically while it is valid. Check that other workflows or n8n instances sharing the Client ID do not fetch tokens of their own.`,
		status,
		undefined,
		until,
	);
}

function throttled(
	request: TokenRequest,
	status: number,
	retryAt: number | undefined,
	said = '',
): TokenError {
	const when = retryAt === undefined ? 'later' : `after ${new Date(retryAt).toISOString()}`;
	return new TokenError(
		`${request.profile.provider} is limiting token requests`,
		'throttled',
		`Too many token requests for this client or address. Try again ${when}.${said}`,
		status,
	);
}

const SUMMARY_FIELDS = 4;
const SUMMARY_TEXT = 80;
/** Field names whose values are never quoted back. */
const SECRET_NAME = /token|secret|password|key|assertion|credential/i;

/** A JSON body in a few words: its first text and number fields (no secrets), else its field names. */
export function summarize(
	answer: Record<string, unknown>,
	secrets: Array<string | undefined>,
): string {
	const shown: string[] = [];
	for (const [name, value] of Object.entries(answer)) {
		if (shown.length >= SUMMARY_FIELDS) break;
		if (SECRET_NAME.test(name)) continue;
		if (typeof value === 'number' || typeof value === 'boolean') shown.push(`${name} ${value}`);
		else if (typeof value === 'string' && value.trim() !== '') {
			const text = value.trim();
			const cut = text.length > SUMMARY_TEXT ? `${text.slice(0, SUMMARY_TEXT)}…` : text;
			shown.push(`${name} "${cut}"`);
		}
	}
	if (shown.length > 0) return `a JSON body: ${redact(shown.join(', '), secrets)}`;
	const names = Object.keys(answer).slice(0, 10).join(', ');
	return names ? `a JSON body with the fields ${redact(names, secrets)}` : 'an empty JSON object';
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
