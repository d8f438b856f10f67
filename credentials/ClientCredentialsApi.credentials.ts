import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { clientFields } from './shared/fields';
import {
	authenticateWith,
	preAuthenticateWith,
	tokenFields,
} from '../nodes/shared/credential-hooks';
import { CREDENTIAL_TEST_HEADERS } from '../nodes/shared/credential-test';
import { clientCredentialsApi } from '../nodes/shared/providers/generic';

export class ClientCredentialsApi implements ICredentialType {
	name = 'clientCredentialsApi';

	displayName = 'Client Credentials Grant (Cached Token) API';

	documentationUrl =
		'https://github.com/n8n-nodes-client-credentials/n8n-nodes-client-credentials#credentials';

	icon: Icon = {
		light: 'file:icons/clientCredentials.svg',
		dark: 'file:icons/clientCredentials.dark.svg',
	};

	httpRequestNode = {
		name: 'Client Credentials Grant (Cached Token)',
		docsUrl: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.4',
		apiBaseUrlPlaceholder: 'https://api.example.com/',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://auth.example.com/oauth2/token',
		},
		...clientFields('The client ID the provider issued'),
		{
			displayName: 'Client Authentication',
			name: 'clientAuthentication',
			type: 'options',
			options: [
				{ name: 'Send in Body', value: 'body' },
				{ name: 'Send as Basic Auth Header', value: 'header' },
			],
			default: 'body',
		},
		{
			displayName: 'Body Format',
			name: 'bodyFormat',
			type: 'options',
			options: [
				{ name: 'Form (URL-Encoded)', value: 'form' },
				{ name: 'JSON', value: 'json' },
			],
			default: 'form',
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: '',
			description: 'Sent as "audience" when set (Auth0 and similar)',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			description: 'Space-separated scopes, sent when set',
		},
		// Non-secret request fields (resource, audience variants); a secret belongs in Client Secret.
		{
			displayName: 'Extra Token Parameters',
			name: 'extraGrantParameters',
			type: 'json',
			default: '{}',
			description:
				'More fields for the token request body, e.g. {"resource": "https://api.example.com"}',
		},
		// A field path such as "access_token", not a token.
		{
			displayName: 'Token Field',
			name: 'accessField',
			type: 'string',
			default: 'access_token',
			description: 'Where the token is in the answer; dots for nested fields, e.g. data.token',
		},
		{
			displayName: 'Expires In Field',
			name: 'expiresInField',
			type: 'string',
			default: 'expires_in',
			description: 'Where the lifetime in seconds is in the answer, e.g. data.expiresIn',
		},
		{
			displayName: 'Default Lifetime (Seconds)',
			name: 'defaultLifetime',
			type: 'number',
			default: 0,
			description:
				'Used when the answer has no lifetime and the token is not a JWT with an exp claim; 0 means one hour',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'Authorization',
			description: 'The header API calls carry the token in',
		},
		{
			displayName: 'Header Prefix',
			name: 'headerPrefix',
			type: 'string',
			default: 'Bearer',
			description: 'Put before the token in the header; empty sends the token alone',
		},
		{
			displayName: 'Extra Headers',
			name: 'extraHeaders',
			type: 'json',
			default: '{}',
			description: 'More headers for every API call, e.g. {"x-tenant-id": "..."}',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com',
		},
		{
			displayName: 'Test Path',
			name: 'testPath',
			type: 'string',
			default: '',
			placeholder: '/me',
			description:
				'A GET path under the Base URL that answers 2xx with a valid token; used by "Test credential"',
		},
		...tokenFields,
	];

	preAuthentication = preAuthenticateWith(clientCredentialsApi);

	authenticate = authenticateWith(clientCredentialsApi);

	test: ICredentialTestRequest = {
		request: {
			headers: CREDENTIAL_TEST_HEADERS,
			baseURL: '={{$credentials.baseUrl}}',
			url: '={{$credentials.testPath}}',
		},
	};
}
