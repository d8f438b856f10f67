import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { generoFields } from './shared/fields';
import {
	authenticateWith,
	preAuthenticateWith,
	tokenFields,
} from '../nodes/shared/credential-hooks';
import { CREDENTIAL_TEST_HEADERS } from '../nodes/shared/credential-test';
import {
	GENERO_PUBLIC_API,
	GENERO_PUBLIC_PROBE,
	GENERO_TOKEN_URL,
	generoPublicApi,
} from '../nodes/shared/providers/genero';

export class GeneroPublicApi implements ICredentialType {
	name = 'generoPublicApi';

	displayName = 'Genero Public API';

	documentationUrl =
		'https://github.com/n8n-nodes-client-credentials/n8n-nodes-client-credentials/blob/main/docs/genero.md#credentials-and-tokens';

	icon: Icon = { light: 'file:icons/genero.svg', dark: 'file:icons/genero.dark.svg' };

	httpRequestNode = {
		name: 'Genero Public API',
		docsUrl: 'https://genero-api-doc.generosales.online',
		apiBaseUrl: GENERO_PUBLIC_API,
	};

	properties: INodeProperties[] = [
		...generoFields('Public API', GENERO_TOKEN_URL, GENERO_PUBLIC_API, 'manage:customers'),
		...tokenFields,
	];

	preAuthentication = preAuthenticateWith(generoPublicApi);

	authenticate = authenticateWith(generoPublicApi);

	test: ICredentialTestRequest = {
		request: {
			headers: CREDENTIAL_TEST_HEADERS,
			baseURL: '={{$credentials.baseUrl}}',
			url: GENERO_PUBLIC_PROBE.path,
			qs: GENERO_PUBLIC_PROBE.qs,
		},
	};
}
