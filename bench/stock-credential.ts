import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
} from 'n8n-workflow';

/**
 * The pattern n8n's own client-credentials-style credentials use: a hidden expirable token that
 * `preAuthentication` fills by always asking the token endpoint, and a generic Bearer header.
 * n8n calls preAuthentication when the stored token is empty or after a failed request.
 */
export class StockClientCredentialsApi implements ICredentialType {
	name = 'stockClientCredentialsApi';

	displayName = 'Stock preAuthentication pattern';

	properties: ICredentialType['properties'] = [
		{ displayName: 'Token URL', name: 'tokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const answer = (await this.helpers.httpRequest({
			method: 'POST',
			url: credentials.tokenUrl as string,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: credentials.clientId as string,
				client_secret: credentials.clientSecret as string,
			}).toString(),
			json: true,
		})) as { access_token: string };
		return { accessToken: answer.access_token };
	}

	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
}
