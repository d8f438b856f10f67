import type { TokenProfile } from '../token/profile';
import { bearer, client, firstText, oneOf, text, url } from './fields';
import type { ProbeRequest, Provider } from './provider';

export const KAISA_TOKEN_URL = 'https://auth.freespee.com/oauth2/token';
export const KAISA_BASE_URL = 'https://api.analytics.freespee.com/2.4.9';

/** Kaisa (formerly Freespee): 300 s tokens; the token endpoint takes JSON or form. */
export const kaisaProfile = (bodyFormat: 'json' | 'form'): TokenProfile => ({
	provider: 'Kaisa',
	bodyFormat,
	clientAuthentication: 'body',
	tokenField: 'access_token',
	expiresInField: 'expires_in',
	defaultLifetimeSeconds: 300,
});

export const KAISA_PROBE: ProbeRequest = { method: 'GET', path: '/miscellaneous/ping' };

export const kaisaApi: Provider = {
	credentialType: 'kaisaApi',
	tokenRequest: (credentials) => ({
		profile: kaisaProfile(
			oneOf(credentials, 'bodyFormat', 'Body Format', ['json', 'form'], 'json'),
		),
		tokenUrl: text(credentials, 'tokenUrl')
			? url(credentials, 'tokenUrl', 'Token URL')
			: KAISA_TOKEN_URL,
		...client(credentials),
	}),
	baseUrl: (credentials) =>
		text(credentials, 'baseUrl') ? url(credentials, 'baseUrl', 'Base URL') : KAISA_BASE_URL,
	apiHeaders: (_credentials, accessToken) => bearer(accessToken),
	errorText: (body) => {
		const errors = (body as { errors?: unknown })?.errors;
		if (Array.isArray(errors)) {
			const texts = errors
				.map((entry) =>
					typeof entry === 'string'
						? entry
						: firstText(entry, [['message'], ['error'], ['description']]),
				)
				.filter((entry): entry is string => !!entry);
			if (texts.length > 0) return texts.join('; ');
		}
		if (errors && typeof errors === 'object') {
			const texts = Object.entries(errors as Record<string, unknown>).map(
				([key, value]) => `${key}: ${String(value)}`,
			);
			if (texts.length > 0) return texts.join('; ');
		}
		return firstText(body, [['errors'], ['error'], ['message']]);
	},
	probe: () => KAISA_PROBE,
	probeAdvice: () => ({
		404: `Check the Base URL: it is the API host followed by the API version Kaisa gave you, e.g. ${KAISA_BASE_URL}`,
		403: 'Check with Kaisa that this client may use the API at this Base URL',
		401: 'The token was issued, but the API does not accept it: check that the Token URL and the Base URL belong to the same Kaisa environment',
	}),
};
