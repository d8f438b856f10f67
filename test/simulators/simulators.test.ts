import {
	FENERGO_SEED_ENTITIES,
	FENERGO_TENANTS,
	FenergoSimulator,
	GENERO_AUDIENCES,
	GeneroSimulator,
	GenericSimulator,
	KaisaSimulator,
	ManualClock,
	SetuSimulator,
	type Simulator,
	basicAuthHeader,
	decodeJwtPayload,
} from './index';

const DAY_MS = 86_400_000;
const running: Simulator[] = [];

async function started<T extends Simulator>(simulator: T): Promise<T> {
	running.push(simulator);
	await simulator.start();
	return simulator;
}

afterEach(async () => {
	await Promise.all(running.splice(0).map(async (simulator) => await simulator.close()));
});

const form = (
	fields: Record<string, string>,
	headers: Record<string, string> = {},
): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
	body: new URLSearchParams(fields).toString(),
});

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', ...headers },
	body: JSON.stringify(body),
});

const bearer = (token: string, headers: Record<string, string> = {}): RequestInit => ({
	headers: { authorization: `Bearer ${token}`, ...headers },
});

const clientFields = {
	grant_type: 'client_credentials',
	client_id: 'test-client',
	client_secret: 'test-secret',
};

describe('GeneroSimulator', () => {
	const publicApiRequest = {
		...clientFields,
		audience: GENERO_AUDIENCES.publicApi,
		scope: 'manage:customers',
	};

	it('issues 30-day tokens from JSON or form bodies and refuses them once expired', async () => {
		const clock = new ManualClock();
		const genero = await started(new GeneroSimulator({ clock }));

		const response = await fetch(`${genero.url}/oauth/token`, json(publicApiRequest));
		expect(response.status).toBe(200);
		const answer = (await response.json()) as { access_token: string; expires_in: number };
		expect(answer).toMatchObject({
			scope: 'manage:customers',
			expires_in: 2_592_000,
			token_type: 'Bearer',
		});
		const claims = decodeJwtPayload(answer.access_token);
		expect(claims).toMatchObject({ sub: 'test-client', aud: GENERO_AUDIENCES.publicApi });
		expect(Number(claims.exp) - Number(claims.iat)).toBe(2_592_000);

		expect((await fetch(`${genero.url}/oauth/token`, form(publicApiRequest))).status).toBe(200);

		const customers = await fetch(`${genero.url}/api/customers`, bearer(answer.access_token));
		expect(customers.status).toBe(200);
		expect(((await customers.json()) as unknown[]).length).toBeGreaterThan(0);
		expect(
			(await fetch(`${genero.url}/api/customers/1001`, bearer(answer.access_token))).status,
		).toBe(200);

		clock.advance(2_592_000_000);
		const expired = await fetch(`${genero.url}/api/customers`, bearer(answer.access_token));
		expect(expired.status).toBe(401);
		expect(await expired.json()).toEqual({ message: 'Unauthorized' });
		expect(genero.stats).toMatchObject({
			tokenRequests: 2,
			tokensIssued: 2,
			apiRequests: 3,
			api401: 1,
		});
	});

	it('answers Auth0 errors for bad client, audience, scope and grant type', async () => {
		const genero = await started(new GeneroSimulator());
		const post = async (body: object) => {
			const response = await fetch(`${genero.url}/oauth/token`, json(body));
			return { status: response.status, body: await response.json() };
		};

		expect(await post({ ...publicApiRequest, client_secret: 'wrong' })).toEqual({
			status: 401,
			body: { error: 'access_denied', error_description: 'Unauthorized' },
		});
		expect(await post({ ...publicApiRequest, audience: 'https://nowhere' })).toEqual({
			status: 403,
			body: { error: 'access_denied', error_description: 'Service not found: https://nowhere' },
		});
		expect(
			await post({ ...publicApiRequest, scope: 'manage:customers read:externalschema' }),
		).toEqual({
			status: 403,
			body: {
				error: 'access_denied',
				error_description: 'Client has not been granted scopes: read:externalschema',
			},
		});
		expect((await post({ ...publicApiRequest, grant_type: 'password' })).body).toMatchObject({
			error: 'unsupported_grant_type',
		});
		expect(genero.stats).toMatchObject({ tokenRequests: 4, tokensIssued: 0 });
	});

	it('keeps each audience to its own API', async () => {
		const genero = await started(
			new GeneroSimulator({ audiences: { dataWarehouse: 'https://dw.test' } }),
		);
		const response = await fetch(
			`${genero.url}/oauth/token`,
			json({ ...clientFields, audience: 'https://dw.test' }),
		);
		const { access_token: token, scope } = (await response.json()) as {
			access_token: string;
			scope: string;
		};
		expect(scope).toBe('read:externalschema');
		expect((await fetch(`${genero.url}/api/externalschema/ping`, bearer(token))).status).toBe(200);
		expect((await fetch(`${genero.url}/api/customers`, bearer(token))).status).toBe(401);
	});

	it('refuses the 6th token of a UTC day and the 151st of a month', async () => {
		const clock = new ManualClock(Date.UTC(2026, 2, 1, 23, 0, 0));
		const genero = await started(new GeneroSimulator({ clock }));
		const fetchToken = async () => await fetch(`${genero.url}/oauth/token`, json(publicApiRequest));

		for (let i = 0; i < 5; i++) expect((await fetchToken()).status).toBe(200);
		const refused = await fetchToken();
		expect(refused.status).toBe(429);
		expect(await refused.json()).toMatchObject({ error: 'too_many_requests' });

		clock.advance(60 * 60 * 1000); // past UTC midnight
		expect((await fetchToken()).status).toBe(200);
		expect(genero.quotaUsage('test-client')).toEqual({ today: 1, thisMonth: 6 });

		const monthly = await started(new GeneroSimulator({ clock, monthlyQuota: 7 }));
		const fetchMonthly = async () =>
			await fetch(`${monthly.url}/oauth/token`, json(publicApiRequest));
		for (let i = 0; i < 5; i++) expect((await fetchMonthly()).status).toBe(200);
		clock.advance(DAY_MS);
		for (let i = 0; i < 2; i++) expect((await fetchMonthly()).status).toBe(200);
		expect((await fetchMonthly()).status).toBe(429);
		clock.set(Date.UTC(2026, 3, 1, 0, 0, 1));
		expect((await fetchMonthly()).status).toBe(200);
	});
});

describe('FenergoSimulator', () => {
	const tenant = FENERGO_TENANTS[0];
	const entityId = FENERGO_SEED_ENTITIES[0].id;

	async function tokenFor(fenergo: FenergoSimulator, scope = 'fenx.all'): Promise<string> {
		const response = await fetch(`${fenergo.url}/connect/token`, form({ ...clientFields, scope }));
		expect(response.status).toBe(200);
		const answer = (await response.json()) as { access_token: string };
		expect(answer).toMatchObject({ expires_in: 900, token_type: 'Bearer', scope });
		return answer.access_token;
	}

	it('accepts only well-formed form token requests without a tenant header', async () => {
		const fenergo = await started(new FenergoSimulator());
		const tokenUrl = `${fenergo.url}/connect/token`;

		const asJson = await fetch(tokenUrl, json({ ...clientFields, scope: 'fenx.all' }));
		expect([asJson.status, await asJson.json()]).toEqual([400, { error: 'invalid_request' }]);

		const withTenant = await fetch(
			tokenUrl,
			form({ ...clientFields, scope: 'fenx.all' }, { 'x-tenant-id': tenant }),
		);
		expect(withTenant.status).toBe(400);
		expect(await withTenant.json()).toEqual({
			error: 'invalid_request',
			error_description: 'x-tenant-id must not be sent to the token endpoint',
		});

		const badClient = await fetch(
			tokenUrl,
			form({ ...clientFields, client_secret: 'nope', scope: 'fenx.all' }),
		);
		expect([badClient.status, await badClient.json()]).toEqual([400, { error: 'invalid_client' }]);

		const badScope = await fetch(tokenUrl, form({ ...clientFields, scope: 'fenx.all fenx.bogus' }));
		expect([badScope.status, await badScope.json()]).toEqual([400, { error: 'invalid_scope' }]);

		await tokenFor(fenergo, 'fenx.entitydata.read');
	});

	it('enforces bearer token, tenant header and the response envelope on the entity API', async () => {
		const clock = new ManualClock();
		const fenergo = await started(new FenergoSimulator({ clock }));
		const token = await tokenFor(fenergo);
		const entityUrl = (id: string) => `${fenergo.url}/entitydataquery/api/v2/entity/${id}`;

		const noToken = await fetch(entityUrl(entityId), { headers: { 'x-tenant-id': tenant } });
		expect([noToken.status, await noToken.json()]).toEqual([401, { message: 'Unauthorized' }]);

		const noTenant = await fetch(entityUrl(entityId), bearer(token));
		expect([noTenant.status, await noTenant.json()]).toEqual([
			400,
			{ ErrorCode: 'MissingTenantHeader' },
		]);

		const otherTenant = await fetch(
			entityUrl(entityId),
			bearer(token, { 'x-tenant-id': '00000000-0000-0000-0000-000000000000' }),
		);
		expect(otherTenant.status).toBe(403);
		expect(await otherTenant.json()).toMatchObject({
			data: null,
			messages: [{ type: 'Forbidden' }],
		});

		const found = await fetch(entityUrl(entityId), bearer(token, { 'x-tenant-id': tenant }));
		expect(found.status).toBe(200);
		expect(await found.json()).toEqual({ data: FENERGO_SEED_ENTITIES[0], messages: [] });

		const missing = await fetch(
			entityUrl('11111111-1111-1111-1111-111111111111'),
			bearer(token, { 'x-tenant-id': tenant }),
		);
		expect(missing.status).toBe(404);
		expect(await missing.json()).toEqual({
			data: null,
			messages: [{ message: 'Entity not found', type: 'Error', errorCode: 'NotFound' }],
		});

		clock.advance(900_000);
		expect(
			(await fetch(entityUrl(entityId), bearer(token, { 'x-tenant-id': tenant }))).status,
		).toBe(401);
		expect(fenergo.stats.api401).toBe(2);
	});

	it('throttles the token endpoint to 100 calls per rolling minute per IP', async () => {
		const clock = new ManualClock();
		const fenergo = await started(new FenergoSimulator({ clock }));
		const call = async () =>
			await fetch(
				`${fenergo.url}/connect/token`,
				form({ ...clientFields, client_secret: 'wrong' }),
			);

		for (let i = 0; i < 100; i++) {
			expect((await call()).status).toBe(400);
			clock.advance(100);
		}
		const throttled = await call();
		expect(throttled.status).toBe(429);
		expect(Number(throttled.headers.get('retry-after'))).toBe(50);
		expect(fenergo.stats.tokenRequests).toBe(101);

		clock.advance(50_000);
		expect((await call()).status).toBe(400);
	});
});

describe('KaisaSimulator', () => {
	it('issues 300 s tokens from JSON or form and answers 401 with an empty body once expired', async () => {
		const clock = new ManualClock();
		const kaisa = await started(new KaisaSimulator({ clock }));

		const fromJson = await fetch(`${kaisa.url}/oauth2/token`, json(clientFields));
		const { access_token: token, expires_in: expiresIn } = (await fromJson.json()) as {
			access_token: string;
			expires_in: number;
		};
		expect(expiresIn).toBe(300);
		expect((await fetch(`${kaisa.url}/oauth2/token`, form(clientFields))).status).toBe(200);

		const badClient = await fetch(
			`${kaisa.url}/oauth2/token`,
			form({ ...clientFields, client_id: 'other' }),
		);
		expect([badClient.status, await badClient.json()]).toEqual([401, { error: 'invalid_client' }]);

		const ping = await fetch(`${kaisa.url}/2.4.9/miscellaneous/ping`, bearer(token));
		expect(await ping.json()).toEqual({ ping: 'ok' });

		clock.advance(300_000);
		const expired = await fetch(`${kaisa.url}/2.4.9/miscellaneous/ping`, bearer(token));
		expect(expired.status).toBe(401);
		expect(await expired.text()).toBe('');
	});

	it('pages customers under the configured version', async () => {
		const kaisa = await started(new KaisaSimulator({ version: '3.0.0' }));
		const response = await fetch(`${kaisa.url}/oauth2/token`, json(clientFields));
		const { access_token: token } = (await response.json()) as { access_token: string };

		const page = await fetch(`${kaisa.url}/3.0.0/customers?page=2&pagesize=10`, bearer(token));
		const body = (await page.json()) as { customers: unknown[] };
		expect(body).toMatchObject({ total: 25, page: 2, pagesize: 10, numpages: 3 });
		expect(body.customers).toHaveLength(5);
		expect((await fetch(`${kaisa.url}/2.4.9/customers`, bearer(token))).status).toBe(404);
	});
});

describe('SetuSimulator', () => {
	it('answers camelCase tokens without expires_in and Setu-shaped errors', async () => {
		const setu = await started(new SetuSimulator());

		const response = await fetch(`${setu.url}/auth/token`, form(clientFields));
		const answer = (await response.json()) as { accessToken: string; refreshToken: string };
		expect(Object.keys(answer).sort()).toEqual(['accessToken', 'refreshToken']);
		const claims = decodeJwtPayload(answer.accessToken);
		expect(Number(claims.exp) - Number(claims.iat)).toBe(900);

		const badClient = await fetch(
			`${setu.url}/auth/token`,
			form({ ...clientFields, client_secret: 'x' }),
		);
		expect(badClient.status).toBe(401);
		expect(await badClient.json()).toMatchObject({ success: false, error: { code: 'SETU0902' } });
		expect((await fetch(`${setu.url}/auth/token`, json(clientFields))).status).toBe(400);

		const user = { email: 'a@b.in', userId: 'u-1', userName: 'Asha' };
		const sdk = await fetch(
			`${setu.url}/auth/sdk/token`,
			json(user, { authorization: `Bearer ${answer.accessToken}` }),
		);
		const sdkBody = (await sdk.json()) as { data: { token: string } };
		expect(decodeJwtPayload(sdkBody.data.token)).toMatchObject({ sub: 'u-1', email: 'a@b.in' });

		const withRefresh = await fetch(
			`${setu.url}/auth/sdk/token`,
			json(user, { authorization: `Bearer ${answer.refreshToken}` }),
		);
		expect(withRefresh.status).toBe(401);
		expect(await withRefresh.json()).toMatchObject({ success: false, error: { code: 'SETU0902' } });
	});
});

describe('GenericSimulator', () => {
	it('tells HTTP Basic from body client authentication (RFC 6749 §2.3.1)', async () => {
		const clients = [{ clientId: 'id with space', clientSecret: 'p@ss:wörd+/' }];
		const basicOnly = await started(new GenericSimulator({ clients, clientAuth: 'basic' }));
		const grant = { grant_type: 'client_credentials' };
		const basic = basicAuthHeader('id with space', 'p@ss:wörd+/');

		expect(
			(await fetch(`${basicOnly.url}/oauth/token`, form(grant, { authorization: basic }))).status,
		).toBe(200);
		const inBody = await fetch(
			`${basicOnly.url}/oauth/token`,
			form({ ...grant, client_id: 'id with space', client_secret: 'p@ss:wörd+/' }),
		);
		expect([inBody.status, ((await inBody.json()) as { error: string }).error]).toEqual([
			401,
			'invalid_client',
		]);
		const rawBasic = `Basic ${Buffer.from('id with space:p@ss:wörd+/').toString('base64')}`;
		expect(
			(await fetch(`${basicOnly.url}/oauth/token`, form(grant, { authorization: rawBasic })))
				.status,
		).toBe(401);

		const bodyOnly = await started(new GenericSimulator({ clientAuth: 'body' }));
		const refusedBasic = await fetch(
			`${bodyOnly.url}/oauth/token`,
			form(grant, { authorization: basicAuthHeader('test-client', 'test-secret') }),
		);
		expect(refusedBasic.status).toBe(401);
		expect(refusedBasic.headers.get('www-authenticate')).toContain('Basic');
		expect((await fetch(`${bodyOnly.url}/oauth/token`, form(clientFields))).status).toBe(200);

		const both = await fetch(
			`${bodyOnly.url}/oauth/token`,
			form(clientFields, { authorization: basicAuthHeader('test-client', 'test-secret') }),
		);
		expect([both.status, ((await both.json()) as { error: string }).error]).toEqual([
			400,
			'invalid_request',
		]);
	});

	it('requires the configured audience and scopes', async () => {
		const generic = await started(
			new GenericSimulator({ audience: 'https://api.test', scopes: ['read', 'write'] }),
		);
		const post = async (extra: Record<string, string>) => {
			const response = await fetch(
				`${generic.url}/oauth/token`,
				form({ ...clientFields, ...extra }),
			);
			return [response.status, ((await response.json()) as { error?: string }).error];
		};
		expect(await post({ scope: 'read' })).toEqual([400, 'invalid_request']);
		expect(await post({ audience: 'https://api.test' })).toEqual([400, 'invalid_scope']);
		expect(await post({ audience: 'https://api.test', scope: 'read admin' })).toEqual([
			400,
			'invalid_scope',
		]);
		expect(await post({ audience: 'https://api.test', scope: 'read write' })).toEqual([
			200,
			undefined,
		]);
	});

	it('answers the nested shape with string expiry and checks a custom API header', async () => {
		const clock = new ManualClock();
		const generic = await started(
			new GenericSimulator({
				clock,
				bodyFormat: 'json',
				responseShape: 'nested',
				expiresInAsString: true,
				requireGrantType: false,
				fieldNames: { clientId: 'clientID', clientSecret: 'secret' },
				tokenLifetimeSeconds: 1800,
				apiAuthHeader: 'X-Api-Token',
				apiAuthPrefix: 'Token',
				requiredApiHeaders: { 'x-product-instance-id': 'pi-1' },
			}),
		);
		const response = await fetch(
			`${generic.url}/oauth/token`,
			json({ clientID: 'test-client', secret: 'test-secret' }),
		);
		const { data } = (await response.json()) as { data: { token: string; expiresIn: string } };
		expect(data.expiresIn).toBe('1800');

		const me = `${generic.url}/api/me`;
		expect(
			(
				await fetch(me, {
					headers: { 'x-api-token': `Token ${data.token}`, 'x-product-instance-id': 'pi-1' },
				})
			).status,
		).toBe(200);
		expect((await fetch(me, { headers: { 'x-api-token': `Token ${data.token}` } })).status).toBe(
			400,
		);
		expect((await fetch(me, bearer(data.token, { 'x-product-instance-id': 'pi-1' }))).status).toBe(
			401,
		);

		clock.advance(1_800_000);
		expect(
			(
				await fetch(me, {
					headers: { 'x-api-token': `Token ${data.token}`, 'x-product-instance-id': 'pi-1' },
				})
			).status,
		).toBe(401);

		const omitted = await started(new GenericSimulator({ omitExpiresIn: true }));
		const plain = await (await fetch(`${omitted.url}/oauth/token`, form(clientFields))).json();
		expect(plain).not.toHaveProperty('expires_in');
		expect(plain).toMatchObject({ token_type: 'Bearer' });
	});

	it('injects faults, delays, revokes tokens and logs requests', async () => {
		const generic = await started(new GenericSimulator());
		const tokenUrl = `${generic.url}/oauth/token`;
		const getToken = async () =>
			((await (await fetch(tokenUrl, form(clientFields))).json()) as { access_token: string })
				.access_token;

		generic.injectTokenFault({
			status: 503,
			body: '<html>maintenance</html>',
			contentType: 'text/html',
			headers: { 'retry-after': '7' },
		});
		const faulted = await fetch(tokenUrl, form(clientFields));
		expect([
			faulted.status,
			faulted.headers.get('content-type'),
			faulted.headers.get('retry-after'),
		]).toEqual([503, 'text/html', '7']);
		expect(await faulted.text()).toBe('<html>maintenance</html>');

		generic.injectTokenFault({ destroy: true });
		await expect(fetch(tokenUrl, form(clientFields))).rejects.toThrow();

		const token = await getToken();
		expect(token).not.toBe(await getToken());
		generic.injectApiFault({ status: 500, body: { error: 'boom' }, path: '/api/me' });
		expect((await fetch(`${generic.url}/api/me`, bearer(token))).status).toBe(500);
		expect(await (await fetch(`${generic.url}/api/me`, bearer(token))).json()).toEqual({
			ok: true,
			client: 'test-client',
		});

		generic.injectApiFault({ delayMs: 50 });
		const slowStart = Date.now();
		expect((await fetch(`${generic.url}/api/me`, bearer(token))).status).toBe(200);
		expect(Date.now() - slowStart).toBeGreaterThanOrEqual(45);

		generic.revoke(token);
		expect((await fetch(`${generic.url}/api/me`, bearer(token))).status).toBe(401);
		const another = await getToken();
		generic.revokeAll();
		expect((await fetch(`${generic.url}/api/me`, bearer(another))).status).toBe(401);

		generic.tokenDelayMs = 100;
		const concurrentStart = Date.now();
		await Promise.all(Array.from({ length: 10 }, getToken));
		const elapsed = Date.now() - concurrentStart;
		expect(elapsed).toBeGreaterThanOrEqual(95);
		expect(elapsed).toBeLessThan(1000);

		expect(generic.stats).toEqual({
			tokenRequests: 15,
			tokensIssued: 13,
			apiRequests: 5,
			api401: 2,
		});
		expect(generic.requests.at(-1)).toMatchObject({ method: 'POST', path: '/oauth/token' });
		expect(generic.requests[0].body).toContain('client_id=test-client');
	});

	it('closes with a request still waiting on a delay', async () => {
		const generic = await started(new GenericSimulator());
		generic.tokenDelayMs = 60_000;
		// fetch's TypeError comes from another realm than jest's, so compare by name.
		const pending = fetch(`${generic.url}/oauth/token`, form(clientFields)).then(
			() => 'answered',
			(error: Error) => error.name,
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		await generic.close();
		expect(await pending).toBe('TypeError');
	});
});
