/**
 * Throwaway fixtures for proving the harness: a token server + bearer-checking API server,
 * a credential type using n8n's preAuthentication/expirable mechanism against them, a
 * declarative API-key type, and small nodes for static and binary data.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestHelper,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { startLocalServer } from './local-server';
import type { LocalRequest, LocalResponse, LocalServer } from './local-server';

export const CLIENT_SECRET = 'client-secret-value';
export const API_KEY = 'api-key-value';

export class TokenApiFixture {
	issued: string[] = [];
	revoked = new Set<string>();
	/** Delays before the servers answer, to make concurrent callers overlap. */
	tokenDelayMs = 0;
	apiDelayMs = 0;
	/** When true the credential's preAuthentication returns no access token. */
	preAuthReturnsNothing = false;
	/** `Object.keys(this.helpers)` seen by each preAuthentication call. */
	preAuthHelperKeys: string[][] = [];
	private forced: Array<{ status: number }> = [];

	private constructor(
		readonly tokenServer: LocalServer,
		readonly apiServer: LocalServer,
	) {}

	static async start(): Promise<TokenApiFixture> {
		let fixture: TokenApiFixture | undefined;
		const tokenServer = await startLocalServer(async (request) => await fixture!.token(request));
		const apiServer = await startLocalServer(async (request) => await fixture!.api(request));
		fixture = new TokenApiFixture(tokenServer, apiServer);
		return fixture;
	}

	/** The next `times` API calls answer `status` regardless of the token. */
	failApiNext(status: number, times = 1): void {
		for (let i = 0; i < times; i++) this.forced.push({ status });
	}

	reset(): void {
		this.issued = [];
		this.revoked.clear();
		this.tokenDelayMs = 0;
		this.apiDelayMs = 0;
		this.preAuthReturnsNothing = false;
		this.preAuthHelperKeys = [];
		this.forced = [];
		this.tokenServer.resetStats();
		this.apiServer.resetStats();
	}

	apiRequestsWith(token: string): number {
		return this.apiServer.requests.filter((r) => r.headers.authorization === `Bearer ${token}`)
			.length;
	}

	async close(): Promise<void> {
		await this.tokenServer.close();
		await this.apiServer.close();
	}

	private async token(request: LocalRequest): Promise<LocalResponse> {
		const body = JSON.parse(request.body || '{}') as { client_secret?: string };
		if (body.client_secret !== CLIENT_SECRET)
			return { status: 401, body: { error: 'invalid_client' } };
		if (this.tokenDelayMs > 0) await new Promise((r) => setTimeout(r, this.tokenDelayMs));
		const accessToken = `token-${this.issued.length + 1}`;
		this.issued.push(accessToken);
		return { body: { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 } };
	}

	private async api(request: LocalRequest): Promise<LocalResponse> {
		if (this.apiDelayMs > 0) await new Promise((r) => setTimeout(r, this.apiDelayMs));
		const forced = this.forced.shift();
		if (forced) return { status: forced.status, body: { message: `forced ${forced.status}` } };
		if (request.path.startsWith('/key')) {
			return request.headers['x-api-key'] === API_KEY
				? { body: { ok: true, via: 'api-key' } }
				: { status: 401, body: { message: 'bad api key' } };
		}
		const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
		if (!this.issued.includes(token) || this.revoked.has(token)) {
			return { status: 401, body: { message: 'invalid token' } };
		}
		return { body: { ok: true, path: request.path, token } };
	}
}

/** Client-credentials style type: hidden expirable token filled by preAuthentication. */
export function tokenCredentialType(fixture: TokenApiFixture): ICredentialType {
	return {
		name: 'testTokenApi',
		displayName: 'Test Token API',
		properties: [
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
		],
		async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
			fixture.preAuthHelperKeys.push(Object.keys(this.helpers));
			const response = (await this.helpers.httpRequest({
				method: 'POST',
				url: credentials.tokenUrl as string,
				body: { client_id: credentials.clientId, client_secret: credentials.clientSecret },
				json: true,
			})) as { access_token: string };
			return fixture.preAuthReturnsNothing ? {} : { accessToken: response.access_token };
		},
		authenticate: async (credentials, requestOptions) => ({
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${credentials.accessToken}` },
		}),
	};
}

/** Declarative (generic) authenticate resolved through n8n's expression engine. */
export const apiKeyCredentialType: ICredentialType = {
	name: 'testApiKey',
	displayName: 'Test API Key',
	properties: [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	],
	authenticate: {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
	},
};

const plainNode = (name: string, displayName: string): INodeTypeDescription => ({
	displayName,
	name,
	group: ['transform'],
	version: 1,
	description: displayName,
	defaults: { name: displayName },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [],
});

/** Increments `runs` in the workflow's global static data; outputs the new value. */
export class StaticCounter implements INodeType {
	description = plainNode('testStaticCounter', 'Static Counter');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const staticData = this.getWorkflowStaticData('global');
		staticData.runs = ((staticData.runs as number | undefined) ?? 0) + 1;
		return [[{ json: { runs: staticData.runs } }]];
	}
}

/** Attaches `hello <index>` as binary property `data` to each item. */
export class BinaryWriter implements INodeType {
	description = plainNode('testBinaryWrite', 'Binary Writer');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const data = await this.helpers.prepareBinaryData(
				Buffer.from(`hello ${i}`),
				'hello.txt',
				'text/plain',
			);
			out.push({ json: {}, binary: { data }, pairedItem: { item: i } });
		}
		return [out];
	}
}

/** Reads binary property `data` back as text. */
export class BinaryReader implements INodeType {
	description = plainNode('testBinaryRead', 'Binary Reader');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const buffer = await this.helpers.getBinaryDataBuffer(i, 'data');
			out.push({ json: { text: buffer.toString('utf8') }, pairedItem: { item: i } });
		}
		return [out];
	}
}
