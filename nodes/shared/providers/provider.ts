import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TokenRequest } from '../token/profile';

/** A provider, as the credential type and the transport see it. */
export interface Provider {
	/** The credential type's `name`. */
	credentialType: string;
	/** Validated token request from the credential's fields (throws TokenError naming the field). */
	tokenRequest(credentials: ICredentialDataDecryptedObject): TokenRequest;
	/** Where API paths are resolved from. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Headers every API call carries, including the token. */
	apiHeaders(
		credentials: ICredentialDataDecryptedObject,
		accessToken: string,
	): Record<string, string>;
	/** The provider's own words from an API error body, if it has any. */
	errorText(body: unknown): string | undefined;
	/**
	 * A cheap call that answers 2xx for any valid token and 401 for a bad one; it tells a revoked
	 * token from a failed request when n8n's HTTP Request node reports "some error" (and it is
	 * the credential's test request).
	 */
	probe(credentials: ICredentialDataDecryptedObject): ProbeRequest | undefined;
	/**
	 * What to check when the credential test's probe call is refused after a good token: the
	 * fields of this credential type by name (nodes/shared/credential-test.ts has the defaults).
	 */
	probeAdvice?(credentials: ICredentialDataDecryptedObject): ProbeAdvice;
}

/** Advice per HTTP status of a refused probe call, without a final period. */
export type ProbeAdvice = Partial<Record<401 | 403 | 404, string>>;

export interface ProbeRequest {
	method: 'GET' | 'POST';
	/** Under the base URL. */
	path: string;
	qs?: Record<string, string | number>;
	body?: Record<string, string>;
}
