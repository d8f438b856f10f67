import type { TokenProfile, TokenRequest } from '../../../../nodes/shared/token/profile';

/** The plain profile the engine tests start from: form body, client in the body, `access_token`. */
export function acmeProfile(over: Partial<TokenProfile> = {}): TokenProfile {
	return {
		provider: 'Acme',
		bodyFormat: 'form',
		clientAuthentication: 'body',
		tokenField: 'access_token',
		expiresInField: 'expires_in',
		...over,
	};
}

/** A token request of client `acme` for that profile. */
export function acmeRequest(
	tokenUrl: string,
	clientSecret: string,
	over: Partial<TokenRequest> = {},
	profileOver: Partial<TokenProfile> = {},
): TokenRequest {
	return { profile: acmeProfile(profileOver), tokenUrl, clientId: 'acme', clientSecret, ...over };
}
