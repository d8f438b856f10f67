import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TokenProfile } from '../token/profile';
import { bearer, client, firstText, guid, oneOf, text, url } from './fields';
import type { ProbeRequest, Provider } from './provider';

export const FENERGO_REGIONS = ['default', 'apac1', 'emea1b', 'nar1', 'custom'] as const;
type Region = (typeof FENERGO_REGIONS)[number];

/** Duende IdentityServer: form body, 900 s tokens, token endpoint throttled per IP. */
export const fenergoProfile: TokenProfile = {
	provider: 'Fenergo',
	bodyFormat: 'form',
	clientAuthentication: 'body',
	tokenField: 'access_token',
	expiresInField: 'expires_in',
	defaultLifetimeSeconds: 900,
	budgets: [{ limit: 100, windowSeconds: 60, label: 'minute' }],
};

function region(credentials: ICredentialDataDecryptedObject): Region {
	return oneOf(credentials, 'region', 'Region', FENERGO_REGIONS, 'default');
}

function regionHost(service: 'identity' | 'api', chosen: Region): string {
	return chosen === 'default'
		? `https://${service}.fenergox.com`
		: `https://${service}.${chosen}.fenergox.com`;
}

/** Cheap, read-only, allowed to any client with entity data access. */
export const FENERGO_PROBE: ProbeRequest = {
	method: 'GET',
	path: '/entitydataquery/api/v2/entity-index-configuration',
};

export const fenergoApi: Provider = {
	credentialType: 'fenergoApi',
	tokenRequest: (credentials) => {
		// Not needed for the token, but checked here so a bad tenant fails before any request.
		guid(credentials, 'tenantId', 'Tenant ID');
		const chosen = region(credentials);
		return {
			profile: fenergoProfile,
			tokenUrl:
				chosen === 'custom'
					? url(credentials, 'tokenUrl', 'Token URL')
					: `${regionHost('identity', chosen)}/connect/token`,
			...client(credentials),
			scope: text(credentials, 'scope') || 'fenx.all',
		};
	},
	baseUrl: (credentials) => {
		const chosen = region(credentials);
		return chosen === 'custom'
			? url(credentials, 'baseUrl', 'Base URL')
			: regionHost('api', chosen);
	},
	apiHeaders: (credentials, accessToken) => ({
		...bearer(accessToken),
		'x-tenant-id': guid(credentials, 'tenantId', 'Tenant ID'),
	}),
	errorText: (body) => {
		const messages = (body as { messages?: unknown })?.messages;
		if (Array.isArray(messages)) {
			const texts = messages
				.map((entry) => {
					const message = firstText(entry, [['message']]);
					const code = firstText(entry, [['errorCode']]);
					return message && code ? `${message} (${code})` : message;
				})
				.filter((entry): entry is string => entry !== undefined);
			if (texts.length > 0) return texts.join('; ');
		}
		return firstText(body, [['message'], ['ErrorCode'], ['title'], ['detail']]);
	},
	probe: () => FENERGO_PROBE,
	probeAdvice: (credentials) => ({
		404:
			region(credentials) === 'custom'
				? 'Check the Base URL: the API host without a path, e.g. https://api.fenergox.com'
				: 'Check the Region: it must be the one your Fenergo tenant lives in',
		403: "Check the Tenant ID (a tenant of this client, test or production) and the client's permissions for entity data in the Fenergo console",
		401: 'The token was issued, but the API does not accept it: check the Scope (e.g. fenx.all) and that the Token URL and Base URL belong to the same region',
	}),
};
