import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { authenticateWith, preAuthenticateWith, tokenFields } from '../nodes/shared/credential-hooks';
import {
	GENERO_PUBLIC_API,
	GENERO_PUBLIC_PROBE,
	GENERO_TOKEN_URL,
	generoPublicApi,
} from '../nodes/shared/providers/genero';
import { clientFields } from '../nodes/shared/credential-fields';

export class GeneroPublicApi implements ICredentialType {
	name = 'generoPublicApi';

	displayName = 'Genero Public API';

	documentationUrl = 'https://genero-api-doc.generosales.online';

	icon: Icon = 'file:icons/genero.svg';

	httpRequestNode = {
		name: 'Genero Public API',
		docsUrl: 'https://genero-api-doc.generosales.online',
		apiBaseUrl: GENERO_PUBLIC_API,
	};

	properties: INodeProperties[] = [
		...clientFields('The client ID of the API client Genero created for your tenant'),
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: GENERO_TOKEN_URL,
			description: "Genero's Auth0 token endpoint",
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: GENERO_PUBLIC_API,
			description: 'The API the token is for',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'manage:customers',
			description: 'Space-separated scopes granted to the client',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: GENERO_PUBLIC_API,
		},
		...tokenFields,
	];

	preAuthentication = preAuthenticateWith(generoPublicApi);

	authenticate = authenticateWith(generoPublicApi);

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: GENERO_PUBLIC_PROBE.path, qs: GENERO_PUBLIC_PROBE.qs },
	};
}
