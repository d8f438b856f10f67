import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { clientFields } from './shared/fields';
import {
	authenticateWith,
	preAuthenticateWith,
	tokenFields,
} from '../nodes/shared/credential-hooks';
import { CREDENTIAL_TEST_HEADERS } from '../nodes/shared/credential-test';
import {
	KAISA_BASE_URL,
	KAISA_PROBE,
	KAISA_TOKEN_URL,
	kaisaApi,
} from '../nodes/shared/providers/kaisa';

export class KaisaApi implements ICredentialType {
	name = 'kaisaApi';

	displayName = 'Kaisa (Freespee) API';

	documentationUrl =
		'https://github.com/n8n-nodes-client-credentials/n8n-nodes-client-credentials/blob/main/docs/kaisa.md#credential';

	icon: Icon = { light: 'file:icons/kaisa.svg', dark: 'file:icons/kaisa.dark.svg' };

	httpRequestNode = {
		name: 'Kaisa',
		docsUrl: 'https://support.kaisa.io',
		apiBaseUrl: KAISA_BASE_URL,
	};

	properties: INodeProperties[] = [
		...clientFields('The OAuth2 client ID Kaisa handed to you as a partner'),
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: KAISA_TOKEN_URL,
		},
		{
			displayName: 'Body Format',
			name: 'bodyFormat',
			type: 'options',
			options: [
				{ name: 'JSON', value: 'json' },
				{ name: 'Form (URL-Encoded)', value: 'form' },
			],
			default: 'json',
			description: 'How the token request body is encoded; Kaisa accepts both',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: KAISA_BASE_URL,
			description:
				'API host and version Kaisa handed to you, e.g. https://api.analytics.freespee.com/2.4.9',
		},
		...tokenFields,
	];

	preAuthentication = preAuthenticateWith(kaisaApi);

	authenticate = authenticateWith(kaisaApi);

	test: ICredentialTestRequest = {
		request: {
			headers: CREDENTIAL_TEST_HEADERS,
			baseURL: '={{$credentials.baseUrl}}',
			url: KAISA_PROBE.path,
		},
	};
}
