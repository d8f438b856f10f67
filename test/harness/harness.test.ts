import {
	apiKeyCredentialType,
	API_KEY,
	BinaryReader,
	BinaryWriter,
	CLIENT_SECRET,
	StaticCounter,
	TokenApiFixture,
	tokenCredentialType,
} from './fixtures';
import { linearWorkflow } from './linear-workflow';
import type { NodeSpec } from './linear-workflow';
import { createHarness } from './n8n';
import type { Harness } from './n8n';
import { HttpRequestLike } from './nodes/HttpRequestLike.node';
import { Items } from './nodes/Items.node';

const CREDENTIAL = { id: 'cred-1', name: 'Token API account' };

let fixture: TokenApiFixture;
let harness: Harness;

beforeAll(async () => {
	fixture = await TokenApiFixture.start();
	harness = await createHarness({
		nodeTypes: {
			testItems: new Items(),
			testHttpRequest: new HttpRequestLike(),
			testStaticCounter: new StaticCounter(),
			testBinaryWrite: new BinaryWriter(),
			testBinaryRead: new BinaryReader(),
		},
		credentialTypes: {
			testTokenApi: tokenCredentialType(fixture),
			testApiKey: apiKeyCredentialType,
		},
	});
});

afterAll(async () => {
	await harness.close();
	await fixture.close();
});

beforeEach(async () => {
	harness.reset();
	fixture.reset();
	await harness.credentials.add({
		...CREDENTIAL,
		type: 'testTokenApi',
		data: {
			tokenUrl: `${fixture.tokenServer.url}/token`,
			clientId: 'client',
			clientSecret: CLIENT_SECRET,
		},
	});
});

function httpNode(helper: string, extra: Partial<NodeSpec> = {}): NodeSpec {
	return {
		name: 'HTTP Request',
		type: 'testHttpRequest',
		parameters: {
			credentialType: 'testTokenApi',
			method: 'GET',
			url: `${fixture.apiServer.url}/data`,
			helper,
		},
		credentials: { testTokenApi: CREDENTIAL },
		...extra,
	};
}

function saveHttpWorkflow(helper: string, count = 1, extra: Partial<NodeSpec> = {}): void {
	harness.saveWorkflow(
		linearWorkflow('wf-http', [
			{ name: 'Items', type: 'testItems', parameters: { count } },
			httpNode(helper, extra),
		]),
	);
}

describe.each(['legacy', 'modern'])('token lifecycle through the %s request helper', (helper) => {
	test('(a) first run pre-authenticates once and persists; the second reuses the token', async () => {
		saveHttpWorkflow(helper);

		const first = await harness.execute('wf-http');
		expect(first.status).toBe('success');
		expect(first.outputs['HTTP Request'][0].json).toMatchObject({ ok: true, token: 'token-1' });
		expect(harness.credentials.preAuthenticationCount('testTokenApi')).toBe(1);
		expect(harness.credentials.persistCount(CREDENTIAL.id)).toBe(1);
		expect(await harness.credentials.get(CREDENTIAL.id)).toEqual({
			tokenUrl: `${fixture.tokenServer.url}/token`,
			clientId: 'client',
			clientSecret: CLIENT_SECRET,
			accessToken: 'token-1',
		});
		// Stored as n8n ciphertext, not in clear.
		expect(harness.credentials.ciphertext(CREDENTIAL.id)).toMatch(/^U2FsdGVkX1/);
		expect(harness.credentials.ciphertext(CREDENTIAL.id)).not.toContain('token-1');
		// preAuthentication only ever sees { helpers: { httpRequest } } (n8n 2.x).
		expect(fixture.preAuthHelperKeys).toEqual([['httpRequest']]);

		harness.credentials.resetCounters();
		const second = await harness.execute('wf-http');
		expect(second.status).toBe('success');
		expect(harness.credentials.preAuthenticationCount()).toBe(0);
		expect(harness.credentials.persistCount()).toBe(0);
		expect(fixture.tokenServer.requests).toHaveLength(1);
		expect(fixture.apiRequestsWith('token-1')).toBe(2);
	});

	test('(b) a 401 for the stored token re-runs preAuthentication and retries', async () => {
		saveHttpWorkflow(helper);
		await harness.execute('wf-http');
		fixture.revoked.add('token-1');
		harness.credentials.resetCounters();

		const result = await harness.execute('wf-http');

		expect(result.status).toBe('success');
		expect(result.outputs['HTTP Request'][0].json).toMatchObject({ ok: true, token: 'token-2' });
		expect(harness.credentials.preAuthenticationCount('testTokenApi')).toBe(1);
		expect(harness.credentials.persistCount(CREDENTIAL.id)).toBe(1);
		expect((await harness.credentials.get(CREDENTIAL.id)).accessToken).toBe('token-2');
	});
});

describe('(c) static data follows the CLI rule', () => {
	beforeEach(() => {
		harness.saveWorkflow(
			linearWorkflow('wf-static', [
				{ name: 'Items', type: 'testItems', parameters: {} },
				{ name: 'Counter', type: 'testStaticCounter', parameters: {} },
			]),
		);
	});

	test('persists across trigger executions', async () => {
		expect((await harness.execute('wf-static')).outputs.Counter[0].json.runs).toBe(1);
		expect(
			(await harness.execute('wf-static', { mode: 'webhook' })).outputs.Counter[0].json.runs,
		).toBe(2);
		const third = await harness.execute('wf-static');
		expect(third.outputs.Counter[0].json.runs).toBe(3);
		expect(third.staticData).toEqual({ global: { runs: 3 } });
		expect(harness.staticData('wf-static')).toEqual({ global: { runs: 3 } });
	});

	test('is not persisted by manual executions', async () => {
		await harness.execute('wf-static');
		const manual = await harness.execute('wf-static', { mode: 'manual' });
		expect(manual.outputs.Counter[0].json.runs).toBe(2);
		expect(manual.staticData).toEqual({ global: { runs: 2 } });
		expect(harness.staticData('wf-static')).toEqual({ global: { runs: 1 } });
		expect((await harness.execute('wf-static')).outputs.Counter[0].json.runs).toBe(2);
	});

	test('can be seeded, and survives re-saving the workflow', async () => {
		harness.setStaticData('wf-static', { global: { runs: 41 } });
		harness.saveWorkflow(
			linearWorkflow('wf-static', [
				{ name: 'Items', type: 'testItems', parameters: { count: 1 } },
				{ name: 'Counter', type: 'testStaticCounter', parameters: {} },
			]),
		);
		expect((await harness.execute('wf-static')).outputs.Counter[0].json.runs).toBe(42);
	});
});

describe('(d) 100 items in parallel', () => {
	test.each(['legacy', 'modern'])(
		'with a warm token (%s): concurrent, no token calls',
		async (helper) => {
			saveHttpWorkflow(helper, 1);
			await harness.execute('wf-http');
			saveHttpWorkflow(helper, 100);
			harness.credentials.resetCounters();
			fixture.apiServer.resetStats();
			fixture.apiDelayMs = 20;

			const result = await harness.execute('wf-http');

			expect(result.status).toBe('success');
			expect(result.outputs['HTTP Request']).toHaveLength(100);
			expect(result.outputs['HTTP Request'].every((item) => item.json.ok === true)).toBe(true);
			expect(result.outputs['HTTP Request'].map((item) => item.pairedItem)).toEqual(
				Array.from({ length: 100 }, (_, item) => ({ item })),
			);
			expect(harness.credentials.preAuthenticationCount()).toBe(0);
			expect(fixture.apiServer.requests).toHaveLength(100);
			expect(fixture.apiServer.maxInFlight).toBeGreaterThan(10);
		},
	);

	test('cold start: stock n8n pre-authenticates once per item (no single-flight)', async () => {
		fixture.tokenDelayMs = 50;
		saveHttpWorkflow('legacy', 100);

		const result = await harness.execute('wf-http');

		expect(result.status).toBe('success');
		expect(harness.credentials.preAuthenticationCount('testTokenApi')).toBe(100);
		expect(harness.credentials.persistCount(CREDENTIAL.id)).toBe(100);
		expect(fixture.tokenServer.requests).toHaveLength(100);
	});
});

describe('node errors', () => {
	test('without continueOnFail the execution fails with the node error', async () => {
		saveHttpWorkflow('modern');
		fixture.failApiNext(403);

		const result = await harness.execute('wf-http');

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ node: 'HTTP Request', httpCode: '403' });
		expect(result.error?.message).toMatch(/403|forbidden|permission/i);
	});

	test('with continueOnFail each failed item carries its error, paired to its input', async () => {
		saveHttpWorkflow('modern', 2, { onError: 'continueRegularOutput' });
		fixture.failApiNext(403, 2);

		const result = await harness.execute('wf-http');

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.itemErrors['HTTP Request']).toEqual([
			expect.objectContaining({ httpCode: '403', itemIndex: 0 }),
			expect.objectContaining({ httpCode: '403', itemIndex: 1 }),
		]);
		expect(result.outputs['HTTP Request'].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
	});

	test('a 500 makes the legacy helper re-run preAuthentication, the modern one does not', async () => {
		saveHttpWorkflow('legacy');
		await harness.execute('wf-http');
		harness.credentials.resetCounters();
		fixture.failApiNext(500);
		expect((await harness.execute('wf-http')).status).toBe('success');
		expect(harness.credentials.preAuthenticationCount()).toBe(1);

		saveHttpWorkflow('modern');
		harness.credentials.resetCounters();
		fixture.failApiNext(500);
		const modern = await harness.execute('wf-http');
		expect(modern.status).toBe('error');
		expect(modern.error?.httpCode).toBe('500');
		expect(harness.credentials.preAuthenticationCount()).toBe(0);
	});

	test('preAuthentication output without the expirable field is not persisted', async () => {
		fixture.preAuthReturnsNothing = true;
		saveHttpWorkflow('modern');

		const result = await harness.execute('wf-http');

		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('401');
		// Once up front ('' token), once more after the 401 (credentialsExpired).
		expect(harness.credentials.preAuthenticationCount()).toBe(2);
		expect(harness.credentials.persistCount()).toBe(0);
		expect((await harness.credentials.get(CREDENTIAL.id)).accessToken).toBeUndefined();
	});
});

describe('credentials helper details', () => {
	test('declarative generic authenticate resolves $credentials expressions', async () => {
		await harness.credentials.add({
			id: 'key-1',
			name: 'Key',
			type: 'testApiKey',
			data: { apiKey: API_KEY },
		});
		harness.saveWorkflow(
			linearWorkflow('wf-key', [
				{ name: 'Items', type: 'testItems', parameters: {} },
				httpNode('modern', {
					parameters: {
						credentialType: 'testApiKey',
						method: 'GET',
						url: `${fixture.apiServer.url}/key`,
						helper: 'modern',
					},
					credentials: { testApiKey: { id: 'key-1', name: 'Key' } },
				}),
			]),
		);

		const result = await harness.execute('wf-key');

		expect(result.status).toBe('success');
		expect(result.outputs['HTTP Request'][0].json).toEqual({ ok: true, via: 'api-key' });
	});

	test('reads decrypt a fresh copy: no object identity leaks out of the store', async () => {
		const first = await harness.credentials.get(CREDENTIAL.id);
		first.clientSecret = 'mutated';
		const second = await harness.credentials.get(CREDENTIAL.id);
		expect(second).not.toBe(first);
		expect(second.clientSecret).toBe(CLIENT_SECRET);
	});

	test('a node without the credential fails like n8n', async () => {
		saveHttpWorkflow('modern', 1, { credentials: {} });
		const result = await harness.execute('wf-http');
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/credentials/i);
	});
});

test('binary data round-trips through the BinaryDataService', async () => {
	harness.saveWorkflow(
		linearWorkflow('wf-binary', [
			{ name: 'Items', type: 'testItems', parameters: { count: 2 } },
			{ name: 'Write', type: 'testBinaryWrite', parameters: {} },
			{ name: 'Read', type: 'testBinaryRead', parameters: {} },
		]),
	);

	const result = await harness.execute('wf-binary');

	expect(result.status).toBe('success');
	expect(result.outputs.Write[0].binary?.data).toMatchObject({
		mimeType: 'text/plain',
		fileName: 'hello.txt',
	});
	expect(result.outputs.Read.map((item) => item.json.text)).toEqual(['hello 0', 'hello 1']);
});
