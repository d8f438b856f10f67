import { exchangeToken } from '../../../nodes/shared/token/exchange';
import type { TokenProfile, TokenRequest } from '../../../nodes/shared/token/profile';
import { setClock } from '../../../nodes/shared/token/clock';
import { TokenError } from '../../../nodes/shared/token/token-error';
import { GenericSimulator, mintJwt, type GenericSimulatorOptions } from '../../simulators';
import { useManualClock } from './support/clock';
import { fetchRequester } from './support/fetch-requester';
import { acmeRequest } from './support/token-request';

const SECRET = 'sEcReT-value-42';

describe('exchangeToken', () => {
	let sim: GenericSimulator;
	let manual: ReturnType<typeof useManualClock>;

	async function start(options: GenericSimulatorOptions = {}) {
		manual = useManualClock();
		sim = new GenericSimulator({
			clock: manual.clock,
			clientId: 'acme',
			clientSecret: SECRET,
			...options,
		});
		await sim.start();
	}

	const request = (
		over: Partial<TokenRequest> = {},
		profileOver: Partial<TokenProfile> = {},
	): TokenRequest => acmeRequest(`${sim.url}/oauth/token`, SECRET, over, profileOver);

	async function failure(promise: Promise<unknown>): Promise<TokenError> {
		const error = await promise.then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(TokenError);
		expect((error as Error).message).not.toContain(SECRET);
		return error as TokenError;
	}

	afterEach(async () => {
		await sim?.close();
		setClock();
	});

	it('sends a form body with the client in the body and reads expires_in', async () => {
		await start({ clientAuth: 'body', bodyFormat: 'form' });
		const token = await exchangeToken(request({ scope: 'read write' }), fetchRequester());
		expect(token.expiresAt - token.obtainedAt).toBe(3600_000);
		const sent = sim.requests[0];
		expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(new URLSearchParams(sent.body).get('client_secret')).toBe(SECRET);
		expect(new URLSearchParams(sent.body).get('grant_type')).toBe('client_credentials');
	});

	it('sends JSON with HTTP Basic client authentication and no secret in the body', async () => {
		await start({ clientAuth: 'basic', bodyFormat: 'json', audience: 'https://api' });
		await exchangeToken(
			request({ audience: 'https://api' }, { bodyFormat: 'json', clientAuthentication: 'header' }),
			fetchRequester(),
		);
		const sent = sim.requests[0];
		expect(sent.headers.authorization).toMatch(/^Basic /);
		expect(JSON.parse(sent.body)).toEqual({
			grant_type: 'client_credentials',
			audience: 'https://api',
		});
	});

	it('reads a nested token and a lifetime given as a string', async () => {
		await start({ responseShape: 'nested', expiresInAsString: true, bodyFormat: 'json' });
		const token = await exchangeToken(
			request(
				{},
				{ bodyFormat: 'json', tokenField: 'data.token', expiresInField: 'data.expiresIn' },
			),
			fetchRequester(),
		);
		expect(token.accessToken.split('.')).toHaveLength(3);
		expect(token.expiresAt - token.obtainedAt).toBe(3600_000);
	});

	it("falls back to the JWT's exp claim, then to the profile's default lifetime", async () => {
		await start({ omitExpiresIn: true, tokenLifetimeSeconds: 600 });
		const fromJwt = await exchangeToken(request(), fetchRequester());
		expect(fromJwt.expiresAt).toBe(manual.clock.now() + 600_000);

		sim.injectTokenFault({ status: 200, body: { access_token: 'opaque-token' } });
		const fromDefault = await exchangeToken(
			request({}, { defaultLifetimeSeconds: 900 }),
			fetchRequester(),
		);
		expect(fromDefault.expiresAt - fromDefault.obtainedAt).toBe(900_000);
	});

	it('refuses a JWT whose exp is already past', async () => {
		await start();
		const past = mintJwt({ exp: Math.floor(manual.clock.now() / 1000) - 60 });
		sim.injectTokenFault({ status: 200, body: { access_token: past } });
		const error = await failure(exchangeToken(request(), fetchRequester()));
		expect(error.title).toMatch(/already expired/);
	});

	it('turns an RFC 6749 error into advice, even with HTTP 200 and a form-encoded body', async () => {
		await start();
		const wrong = await failure(
			exchangeToken(request({ clientSecret: 'not-the-secret' }), fetchRequester()),
		);
		expect(wrong.title).toBe('Acme refused the token request (invalid_client)');
		expect(wrong.advice).toMatch(/Check the Client ID and Client Secret/);

		sim.injectTokenFault({
			status: 200,
			body: { error: 'invalid_scope', error_description: 'scope nope is unknown' },
		});
		const scope = await failure(exchangeToken(request(), fetchRequester()));
		expect(scope.advice).toMatch(/Check the Scope field.*scope nope is unknown/);

		sim.injectTokenFault({
			status: 400,
			contentType: 'application/x-www-form-urlencoded',
			body: 'error=unauthorized_client&error_description=grant+not+enabled',
		});
		const form = await failure(exchangeToken(request(), fetchRequester()));
		expect(form.title).toMatch(/unauthorized_client/);
	});

	it('never repeats the client secret the provider echoes back', async () => {
		await start();
		sim.injectTokenFault({
			status: 401,
			body: { error: 'invalid_client', error_description: `bad secret ${SECRET}` },
		});
		const error = await failure(exchangeToken(request(), fetchRequester()));
		expect(error.advice).toContain('[redacted]');
	});

	it('explains HTML, empty and token-less answers', async () => {
		await start();
		sim.injectTokenFault({ status: 200, contentType: 'text/html', body: '<html>login</html>' });
		expect((await failure(exchangeToken(request(), fetchRequester()))).advice).toMatch(
			/An HTML page.*not a web page/,
		);
		sim.injectTokenFault({ status: 200, body: '' });
		expect((await failure(exchangeToken(request(), fetchRequester()))).advice).toMatch(
			/An empty body/,
		);
		sim.injectTokenFault({ status: 200, body: { token: 'x' } });
		expect((await failure(exchangeToken(request(), fetchRequester()))).advice).toMatch(
			/No text at "access_token".*fields: token/,
		);
		sim.injectTokenFault({ status: 404, contentType: 'text/html', body: '<h1>Not Found</h1>' });
		expect((await failure(exchangeToken(request(), fetchRequester()))).advice).toMatch(
			/Check the Token URL/,
		);
	});

	it('retries 503 and 429 with bounded waits that honour Retry-After', async () => {
		await start();
		sim.injectTokenFault({ status: 503, headers: { 'retry-after': '2' }, body: 'busy' });
		sim.injectTokenFault({
			status: 429,
			headers: { 'retry-after': '1' },
			body: { error: 'too_many_requests' },
		});
		const token = await exchangeToken(request(), fetchRequester());
		expect(token.accessToken).toBeTruthy();
		expect(manual.sleeps).toEqual([2000, 1000]);
		expect(sim.stats.tokenRequests).toBe(3);
	});

	it('gives up after the retries and when Retry-After is too long', async () => {
		await start();
		for (let i = 0; i < 3; i++) sim.injectTokenFault({ status: 500, body: { message: 'boom' } });
		const error = await failure(exchangeToken(request(), fetchRequester()));
		expect(error.kind).toBe('unavailable');
		expect(sim.stats.tokenRequests).toBe(3);

		sim.injectTokenFault({ status: 429, headers: { 'retry-after': '3600' }, body: '' });
		const throttled = await failure(exchangeToken(request(), fetchRequester()));
		expect(throttled.kind).toBe('throttled');
		expect(throttled.advice).toMatch(/Try again after 20\d\d-/);
	});

	it('says clearly when nothing answers', async () => {
		await start();
		const url = `${sim.url}/oauth/token`;
		await sim.close();
		const error = await failure(exchangeToken(request({ tokenUrl: url }), fetchRequester()));
		expect(error.kind).toBe('network');
		expect(error.advice).toMatch(/Nothing answers at 127\.0\.0\.1:\d+/);
	});
});
