import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	bearer,
	client,
	firstText,
	headerName,
	jsonObject,
	oneOf,
	positiveNumber,
	text,
	url,
} from './fields';
import type { Provider } from './provider';

function apiHeaders(
	credentials: ICredentialDataDecryptedObject,
	accessToken: string,
): Record<string, string> {
	const name = headerName(credentials, 'headerName', 'Header Name') || 'Authorization';
	const prefix =
		credentials.headerPrefix === undefined ? 'Bearer' : text(credentials, 'headerPrefix');
	const auth =
		name === 'Authorization' && prefix === 'Bearer'
			? bearer(accessToken)
			: { [name]: prefix ? `${prefix} ${accessToken}` : accessToken };
	return { ...jsonObject(credentials, 'extraHeaders', 'Extra Headers'), ...auth };
}

/** Any other provider: the profile is built from the credential's own fields. */
export const clientCredentialsApi: Provider = {
	credentialType: 'clientCredentialsApi',
	tokenRequest: (credentials) => {
		// Not needed for the token, but checked first so a bad header fails before any request.
		apiHeaders(credentials, '');
		const tokenUrl = url(credentials, 'tokenUrl', 'Token URL');
		return {
			profile: {
				provider: new URL(tokenUrl).host,
				bodyFormat: oneOf(credentials, 'bodyFormat', 'Body Format', ['form', 'json'], 'form'),
				clientAuthentication: oneOf(
					credentials,
					'clientAuthentication',
					'Client Authentication',
					['body', 'header'],
					'body',
				),
				tokenField: text(credentials, 'accessField') || 'access_token',
				expiresInField: text(credentials, 'expiresInField') || 'expires_in',
				defaultLifetimeSeconds: positiveNumber(credentials, 'defaultLifetime', 'Default Lifetime'),
			},
			tokenUrl,
			...client(credentials),
			audience: text(credentials, 'audience') || undefined,
			scope: text(credentials, 'scope') || undefined,
			extraParameters: jsonObject(credentials, 'extraGrantParameters', 'Extra Token Parameters'),
		};
	},
	baseUrl: (credentials) =>
		text(credentials, 'baseUrl') ? url(credentials, 'baseUrl', 'Base URL') : '',
	apiHeaders,
	errorText: (body) =>
		firstText(body, [
			['error_description'],
			['message'],
			['error', 'message'],
			['error'],
			['detail'],
			['title'],
		]),
	probe: (credentials) => {
		const path = text(credentials, 'testPath');
		return path && text(credentials, 'baseUrl') ? { method: 'GET', path } : undefined;
	},
	probeAdvice: () => ({
		404: 'Check the Base URL (including any API version in it) and the Test Path',
		403: "Check the client's permissions at the provider and the Scope",
		401: 'The token was issued, but the API does not accept it: check the Scope and Audience, and the Header Name and Header Prefix the API expects the token in',
	}),
};
