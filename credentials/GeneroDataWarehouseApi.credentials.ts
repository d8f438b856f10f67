import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { clientFields } from '../nodes/shared/credential-fields';
import { authenticateWith, preAuthenticateWith, tokenFields } from '../nodes/shared/credential-hooks';
import {
	GENERO_TOKEN_URL,
	GENERO_WAREHOUSE_API,
	GENERO_WAREHOUSE_PROBE,
	generoDataWarehouseApi,
} from '../nodes/shared/providers/genero';

export class GeneroDataWarehouseApi implements ICredentialType {
	name = 'generoDataWarehouseApi';

	displayName = 'Genero Data Warehouse API';

	documentationUrl = 'https://genero-api-doc.generosales.online';

	icon: Icon = 'file:icons/genero.svg';

	httpRequestNode = {
		name: 'Genero Data Warehouse API',
		docsUrl: 'https://genero-api-doc.generosales.online',
		apiBaseUrl: GENERO_WAREHOUSE_API,
	};

	properties: INodeProperties[] = [
		...clientFields('The client ID of the Data Warehouse API client Genero created for your tenant'),
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
			default: GENERO_WAREHOUSE_API,
			description: 'The API the token is for',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'read:externalschema',
			description: 'Space-separated scopes granted to the client',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: GENERO_WAREHOUSE_API,
		},
		...tokenFields,
	];

	preAuthentication = preAuthenticateWith(generoDataWarehouseApi);

	authenticate = authenticateWith(generoDataWarehouseApi);

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: GENERO_WAREHOUSE_PROBE.path },
	};
}
