import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { generoFields } from './shared/fields';
import {
	authenticateWith,
	preAuthenticateWith,
	tokenFields,
} from '../nodes/shared/credential-hooks';
import { CREDENTIAL_TEST_HEADERS } from '../nodes/shared/credential-test';
import {
	GENERO_TOKEN_URL,
	GENERO_WAREHOUSE_API,
	GENERO_WAREHOUSE_PROBE,
	generoDataWarehouseApi,
} from '../nodes/shared/providers/genero';

export class GeneroDataWarehouseApi implements ICredentialType {
	name = 'generoDataWarehouseApi';

	displayName = 'Genero Data Warehouse API';

	documentationUrl =
		'https://github.com/n8n-nodes-client-credentials/n8n-nodes-client-credentials/blob/main/docs/genero.md#credentials-and-tokens';

	icon: Icon = {
		light: 'file:icons/generoDataWarehouse.svg',
		dark: 'file:icons/generoDataWarehouse.dark.svg',
	};

	httpRequestNode = {
		name: 'Genero Data Warehouse API',
		docsUrl: 'https://genero-api-doc.generosales.online',
		apiBaseUrl: GENERO_WAREHOUSE_API,
	};

	properties: INodeProperties[] = [
		...generoFields(
			'Data Warehouse API',
			GENERO_TOKEN_URL,
			GENERO_WAREHOUSE_API,
			'read:externalschema',
		),
		...tokenFields,
	];

	preAuthentication = preAuthenticateWith(generoDataWarehouseApi);

	authenticate = authenticateWith(generoDataWarehouseApi);

	test: ICredentialTestRequest = {
		request: {
			headers: CREDENTIAL_TEST_HEADERS,
			baseURL: '={{$credentials.baseUrl}}',
			url: GENERO_WAREHOUSE_PROBE.path,
		},
	};
}
