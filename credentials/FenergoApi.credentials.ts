import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { clientFields } from './shared/fields';
import {
	authenticateWith,
	preAuthenticateWith,
	tokenFields,
} from '../nodes/shared/credential-hooks';
import { CREDENTIAL_TEST_HEADERS } from '../nodes/shared/credential-test';
import { FENERGO_PROBE, fenergoApi } from '../nodes/shared/providers/fenergo';

export class FenergoApi implements ICredentialType {
	name = 'fenergoApi';

	displayName = 'Fenergo API';

	documentationUrl =
		'https://github.com/n8n-nodes-client-credentials/n8n-nodes-client-credentials/blob/main/docs/fenergo.md#credential';

	icon: Icon = { light: 'file:icons/fenergo.svg', dark: 'file:icons/fenergo.dark.svg' };

	httpRequestNode = {
		name: 'Fenergo',
		docsUrl: 'https://docs.fenergox.com',
		apiBaseUrlPlaceholder: 'https://api.fenergox.com/entitydataquery/api/v2/entity/',
	};

	properties: INodeProperties[] = [
		...clientFields('The client ID of the API client created in the Fenergo console'),
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Default (fenergox.com)', value: 'default' },
				{ name: 'APAC 1', value: 'apac1' },
				{ name: 'EMEA 1B', value: 'emea1b' },
				{ name: 'NAR 1', value: 'nar1' },
				{ name: 'Custom URLs', value: 'custom' },
			],
			default: 'default',
			description: 'The Fenergo SaaS region your tenant lives in',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://identity.fenergox.com/connect/token',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.fenergox.com',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
			description:
				'The tenant GUID sent as x-tenant-id on every API call (each client has test and production tenants)',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'fenx.all',
			description: 'Space-separated Fenergo scopes, e.g. fenx.all or fenx.entitydata.read',
		},
		...tokenFields,
	];

	preAuthentication = preAuthenticateWith(fenergoApi);

	authenticate = authenticateWith(fenergoApi);

	test: ICredentialTestRequest = {
		request: {
			headers: CREDENTIAL_TEST_HEADERS,
			baseURL:
				'={{$credentials.region === "custom" ? $credentials.baseUrl : ($credentials.region === "default" ? "https://api.fenergox.com" : "https://api." + $credentials.region + ".fenergox.com")}}',
			url: FENERGO_PROBE.path,
		},
	};
}
