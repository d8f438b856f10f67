import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TokenProfile } from '../token/profile';
import { bearer, client, firstText, text, url } from './fields';
import type { ProbeRequest, Provider } from './provider';

export const GENERO_TOKEN_URL = 'https://generosales.eu.auth0.com/oauth/token';
export const GENERO_PUBLIC_API = 'https://prod.generosales.com/api';
export const GENERO_WAREHOUSE_API = 'https://prod.generosales.com/api/externalschema';

/** Auth0: JSON body, 30-day tokens, and a hard quota of 5 token fetches a day and 150 a month. */
export const generoProfile: TokenProfile = {
	provider: 'Genero',
	bodyFormat: 'json',
	clientAuthentication: 'body',
	tokenField: 'access_token',
	expiresInField: 'expires_in',
	defaultLifetimeSeconds: 30 * 24 * 3600,
	budgets: [
		// One kept back: two workers that see the same count at once both fetch, and stay within 5.
		{ limit: 5, windowSeconds: 24 * 3600, label: 'day', keptBack: 1 },
		// A rolling 31 days keeps every calendar month within 150.
		{ limit: 150, windowSeconds: 31 * 24 * 3600, label: 'month', keptBack: 1 },
	],
	// n8n's HTTP Request node reports every failed request; a 30-day token it still considers valid
	// is replaced at most once a day that way (our own nodes replace it at once on a 401).
	unconfirmedRefreshIntervalSeconds: 24 * 3600,
	// Auth0 counts every token request, refused ones too: a retry would only spend more.
	quotaRefusalIsFinal: true,
};

export const GENERO_PUBLIC_PROBE: ProbeRequest = {
	method: 'GET',
	path: '/customers',
	qs: { limit: 1 },
};
export const GENERO_WAREHOUSE_PROBE: ProbeRequest = { method: 'GET', path: '/ping' };

function generoProvider(
	credentialType: string,
	defaultAudience: string,
	defaultScope: string,
	probe: ProbeRequest,
): Provider {
	return {
		credentialType,
		tokenRequest: (credentials: ICredentialDataDecryptedObject) => ({
			profile: generoProfile,
			tokenUrl: text(credentials, 'tokenUrl')
				? url(credentials, 'tokenUrl', 'Token URL')
				: GENERO_TOKEN_URL,
			...client(credentials),
			audience: text(credentials, 'audience') || defaultAudience,
			scope: text(credentials, 'scope') || defaultScope,
		}),
		baseUrl: (credentials) =>
			text(credentials, 'baseUrl') ? url(credentials, 'baseUrl', 'Base URL') : defaultAudience,
		apiHeaders: (_credentials, accessToken) => bearer(accessToken),
		errorText: (body) =>
			firstText(body, [
				['message'],
				['error_description'],
				['error', 'message'],
				['error'],
				['title'],
				['detail'],
			]),
		probe: () => probe,
		probeAdvice: () => ({
			404: `Check the Base URL, e.g. ${defaultAudience}`,
			403: `Check the Scope (${defaultScope}) and that Genero granted this client access to your tenant`,
			401: `The token was issued, but the API does not accept it: check the Audience (${defaultAudience}) and the Scope (${defaultScope})`,
		}),
	};
}

export const generoPublicApi = generoProvider(
	'generoPublicApi',
	GENERO_PUBLIC_API,
	'manage:customers',
	GENERO_PUBLIC_PROBE,
);
export const generoDataWarehouseApi = generoProvider(
	'generoDataWarehouseApi',
	GENERO_WAREHOUSE_API,
	'read:externalschema',
	GENERO_WAREHOUSE_PROBE,
);
