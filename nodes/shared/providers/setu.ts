import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TokenProfile } from '../token/profile';
import { bearer, client, firstText, oneOf, url } from './fields';
import type { Provider } from './provider';

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
	const environment = oneOf(credentials, 'environment', 'Environment', ['sandbox', 'production', 'custom'], 'sandbox');
	return environment === 'custom' ? url(credentials, 'baseUrl', 'Base URL') : SETU_HOSTS[environment];
}

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
};
