export type TokenErrorKind =
	| 'configuration'
	| 'rejected'
	| 'quota'
	| 'throttled'
	| 'unavailable'
	| 'network'
	| 'protocol';

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
