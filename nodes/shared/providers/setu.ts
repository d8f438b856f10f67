import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TokenProfile } from '../token/profile';
import { bearer, client, firstText, oneOf, url } from './fields';
import type { ProbeRequest, Provider } from './provider';

export const SETU_HOSTS = {
	sandbox: 'https://fd-mock-backend.setu.co',
	production: 'https://fd-prod-backend.setu.co',
} as const;

/** Setu partner token: form body, camelCase answer without a lifetime (15 minutes, JWT `exp`). */
export const setuProfile: TokenProfile = {
	provider: 'Setu',
	bodyFormat: 'form',
	clientAuthentication: 'body',
	tokenField: 'accessToken',
	expiresInField: 'expiresIn',
	defaultLifetimeSeconds: 15 * 60,
};

function baseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = oneOf(
		credentials,
		'environment',
		'Environment',
		['sandbox', 'production', 'custom'],
		'sandbox',
	);
	return environment === 'custom'
		? url(credentials, 'baseUrl', 'Base URL')
		: SETU_HOSTS[environment];
}

/** Setu has no read call for partners; an SDK token for a fixed test user is harmless. */
export const SETU_PROBE: ProbeRequest = {
	method: 'POST',
	path: '/auth/sdk/token',
	body: {
		email: 'n8n-credential-test@example.com',
		userId: 'n8n-credential-test',
		userName: 'n8n credential test',
	},
};

export const setuPartnerApi: Provider = {
	credentialType: 'setuPartnerApi',
	tokenRequest: (credentials) => ({
		profile: setuProfile,
		tokenUrl: `${baseUrl(credentials)}/auth/token`,
		...client(credentials),
	}),
	baseUrl,
	apiHeaders: (_credentials, accessToken) => bearer(accessToken),
	errorText: (body) => firstText(body, [['error', 'message'], ['message'], ['error']]),
	probe: () => SETU_PROBE,
	probeAdvice: () => ({
		404: 'Check the Environment (and, for Custom, the Base URL: the API host without a path)',
		403: 'Check with Setu that this partner client is enabled for the FD API in this environment',
		401: 'The token was issued, but the API does not accept it: check the Environment, since sandbox and production clients differ',
	}),
};
