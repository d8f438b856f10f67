/**
 * Why no token could be obtained, one constant per kind. `tokenError` (nodes/shared/errors.ts)
 * shows `configuration` as a NodeOperationError and every other kind as a NodeApiError; the
 * texts themselves come from token/messages.ts, token/quota.ts and providers/fields.ts.
 */
export const TOKEN_ERROR_KINDS = {
	/**
	 * A credential field is empty or malformed: a Token URL or Base URL that is not https (plain
	 * http only for localhost), Extra Parameters that are not a flat JSON object, a header name
	 * or tenant GUID in the wrong format, an option outside its list. Raised before any request
	 * is sent; `field` names the field.
	 *
	 * Check the field the message names.
	 */
	configuration: 'configuration',
	/**
	 * The token endpoint refused the request: an RFC 6749 §5.2 error (`invalid_client`,
	 * `invalid_scope`, `unauthorized_client`, ...) or an HTTP 4xx without one. Not retried.
	 *
	 * Check what the advice for that code or status says: Client ID and Client Secret for
	 * `invalid_client` and 401/403, the Token URL for 404/405 and `unsupported_grant_type`,
	 * Scope, Audience or Extra Parameters for `invalid_scope`, `invalid_target`, `invalid_request`.
	 */
	rejected: 'rejected',
	/**
	 * The provider's token budget for this client (e.g. Genero: 5 a day and 150 a month,
	 * Fenergo: 100 a minute) is used up by the fetches this n8n instance counted. Raised without
	 * calling the provider, since going past the budget gets the client refused or locked out.
	 * Also raised when the provider itself refused a token request for its quota (a 429 with
	 * `too_many_requests` or a message about a limit, for profiles whose refusals are final): that
	 * refusal is never retried, and is remembered (memory, static data, the credential) until the
	 * time the message gives, so no execution in any process asks again before then.
	 *
	 * Wait until the time the message gives; check that other workflows or instances sharing
	 * the Client ID do not fetch tokens of their own, and that the credential settings do not
	 * change between runs (each change needs a new token).
	 */
	quota: 'quota',
	/**
	 * The token endpoint limits requests: HTTP 429 (still, after two retries, or asking for a wait
	 * longer than 30 s), or a `too_many_requests` / `slow_down` error body.
	 *
	 * Try again after the time the message gives (from Retry-After); check what else uses the
	 * same client or address.
	 */
	throttled: 'throttled',
	/**
	 * The token endpoint had a fault of its own: HTTP 5xx (502, 503, 504 and 500 still, after two
	 * retries), or a `server_error` / `temporarily_unavailable` error body.
	 *
	 * Try again later; check the provider's status page if it persists.
	 */
	unavailable: 'unavailable',
	/**
	 * No answer at all: connection refused, host not resolved, no answer within 30 s, connection
	 * reset. Passing faults (reset, timeout) are retried before this is raised.
	 *
	 * Check the host of the Token URL, and that n8n can reach it (proxy, firewall, DNS).
	 */
	network: 'network',
	/**
	 * A 2xx answer without a usable token: an HTML page, an empty body or plain text, a JSON
	 * body with no text at the token field, or a JWT whose `exp` is already past.
	 *
	 * Check that the Token URL is the OAuth2 token endpoint (not a login page), the token field
	 * setting, and the clocks of the n8n host and of the provider.
	 */
	protocol: 'protocol',
} as const;

export type TokenErrorKind = keyof typeof TOKEN_ERROR_KINDS;

/**
 * A failure to obtain a token. A plain Error so credential code (which has no node) can throw it;
 * node code turns it into a NodeApiError or NodeOperationError. Never carries a secret or token.
 *
 * Field names avoid `description`, `httpCode`, `status` and `code`: n8n wraps errors from
 * preAuthentication in NodeApiError, which would pick those up and replace our message with a
 * generic one ("Authorization failed - please check your credentials").
 */
export class TokenError extends Error {
	constructor(
		readonly title: string,
		readonly kind: TokenErrorKind,
		readonly advice: string,
		readonly providerStatus?: number,
		/** For configuration errors: the credential field to fix. */
		readonly field?: string,
		/** For quota errors: when a token request is possible again (ms). */
		readonly fetchPossibleAt?: number,
	) {
		super(advice ? `${title}. ${advice}` : title);
		this.name = 'TokenError';
	}
}

/** Removes every occurrence of each secret from a text. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
	}
	return out;
}
