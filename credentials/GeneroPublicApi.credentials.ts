import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { generoFields } from './shared/fields';
import {
	authenticateWith,
	preAuthenticateWith,
	tokenFields,
} from '../nodes/shared/credential-hooks';
import {
	GENERO_PUBLIC_API,
	GENERO_PUBLIC_PROBE,
	GENERO_TOKEN_URL,
	generoPublicApi,
} from '../nodes/shared/providers/genero';

export class GeneroPublicApi implements ICredentialType {
	name = 'generoPublicApi';

	displayName = 'Genero Public API';

	documentationUrl = 'https://genero-api-doc.generosales.online';

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
			baseURL: '={{$credentials.baseUrl}}',
			url: GENERO_PUBLIC_PROBE.path,
			qs: GENERO_PUBLIC_PROBE.qs,
		},
	};
}
