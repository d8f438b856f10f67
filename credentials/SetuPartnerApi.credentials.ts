import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { clientFields } from './shared/fields';
import {
	authenticateWith,
	preAuthenticateWith,
	tokenFields,
} from '../nodes/shared/credential-hooks';
import { CREDENTIAL_TEST_HEADERS } from '../nodes/shared/credential-test';
import { SETU_HOSTS, SETU_PROBE, setuPartnerApi } from '../nodes/shared/providers/setu';

export class SetuPartnerApi implements ICredentialType {
	name = 'setuPartnerApi';

	displayName = 'Setu Partner API';

	documentationUrl =
		'https://github.com/n8n-nodes-client-credentials/n8n-nodes-client-credentials#credentials';

	icon: Icon = { light: 'file:icons/setu.svg', dark: 'file:icons/setu.dark.svg' };

	httpRequestNode = {
		name: 'Setu Partner',
		docsUrl: 'https://docs.setu.co',
		apiBaseUrl: SETU_HOSTS.sandbox,
	};

	properties: INodeProperties[] = [
		...clientFields('The partner client ID Setu issued to you'),
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Production', value: 'production' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'sandbox',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://fd-mock-backend.setu.co',
			displayOptions: { show: { environment: ['custom'] } },
			description: 'The partner token is fetched from {Base URL}/auth/token',
		},
		...tokenFields,
	];

	preAuthentication = preAuthenticateWith(setuPartnerApi);

	authenticate = authenticateWith(setuPartnerApi);

	test: ICredentialTestRequest = {
		request: {
			headers: CREDENTIAL_TEST_HEADERS,
			baseURL:
				'={{$credentials.environment === "custom" ? $credentials.baseUrl : ($credentials.environment === "production" ? "https://fd-prod-backend.setu.co" : "https://fd-mock-backend.setu.co")}}',
			url: SETU_PROBE.path,
			method: SETU_PROBE.method,
			body: SETU_PROBE.body,
		},
	};
}
