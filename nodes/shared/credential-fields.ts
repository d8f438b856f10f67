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
