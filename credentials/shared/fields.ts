import type { INodeProperties } from 'n8n-workflow';

/** Client ID and Client Secret, as every credential type asks for them. */
export function clientFields(clientIdHint: string): INodeProperties[] {
	return [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: clientIdHint,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];
}

/** The fields both Genero credentials share; they differ only in audience, scope and wording. */
export function generoFields(
	api: string,
	tokenUrl: string,
	audience: string,
	scope: string,
): INodeProperties[] {
	return [
		...clientFields(`The client ID of the ${api} client Genero created for your tenant`),
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: tokenUrl,
			description: "Genero's Auth0 token endpoint",
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: audience,
			description: 'The API the token is for',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: scope,
			description: 'Space-separated scopes granted to the client',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: audience,
		},
	];
}
