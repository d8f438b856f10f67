import type { IDataObject } from 'n8n-workflow';

import {
	credentialStateFor,
	fetchLog,
	getToken,
	isFresh,
	replaceRejectedToken,
	resetTokenCache,
	type TokenContext,
} from '../../../nodes/shared/token/cache';
import { setClock } from '../../../nodes/shared/token/clock';
import type { TokenProfile, TokenRequest } from '../../../nodes/shared/token/profile';
import { TokenError } from '../../../nodes/shared/token/token-error';
import { GenericSimulator } from '../../simulators';
import { useManualClock } from './support/clock';
import { fetchRequester } from './support/fetch-requester';
import { acmeRequest } from './support/token-request';

const SECRET = 'cache-secret-123';
const HOUR = 3600_000;

describe('token cache', () => {
	let sim: GenericSimulator;
	let manual: ReturnType<typeof useManualClock>;
	const http = fetchRequester();

	const request = (
		over: Partial<TokenRequest> = {},
		profileOver: Partial<TokenProfile> = {},
	): TokenRequest => acmeRequest(`${sim.url}/oauth/token`, SECRET, over, profileOver);

	beforeEach(async () => {
		resetTokenCache();
		manual = useManualClock();
		sim = new GenericSimulator({ clock: manual.clock, clientId: 'acme', clientSecret: SECRET });
		await sim.start();
	});

	afterEach(async () => {
		await sim.close();
		setClock();
	});

	async function failure(promise: Promise<unknown>): Promise<TokenError> {
		const error = await promise.then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(TokenError);
		return error as TokenError;
	}

	it('counts a token fresh until 10 % of its lifetime (at most 5 minutes) before it expires', () => {
		const now = 1_000_000;
		expect(isFresh({ obtainedAt: now, expiresAt: now + 300_000 }, now + 269_999)).toBe(true);
		expect(isFresh({ obtainedAt: now, expiresAt: now + 300_000 }, now + 270_000)).toBe(false);
		expect(
			isFresh({ obtainedAt: now, expiresAt: now + 30 * 24 * HOUR }, now + 30 * 24 * HOUR - 300_001),
		).toBe(true);
		expect(
			isFresh({ obtainedAt: now, expiresAt: now + 30 * 24 * HOUR }, now + 30 * 24 * HOUR - 300_000),
		).toBe(false);
	});

	it('makes one fetch for 100 concurrent callers and reuses it until it is stale', async () => {
		sim.tokenDelayMs = 150;
		const tokens = await Promise.all(
			Array.from({ length: 100 }, async () => await getToken(request(), { http })),
		);
		expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
		expect(sim.stats.tokenRequests).toBe(1);

		manual.clock.advance(HOUR - 300_001);
		await getToken(request(), { http });
		expect(sim.stats.tokenRequests).toBe(1);
		manual.clock.advance(1);
		const next = await getToken(request(), { http });
		expect(sim.stats.tokenRequests).toBe(2);
		expect(next.accessToken).not.toBe(tokens[0].accessToken);
	});

	it('keys tokens by every request-shaping field', async () => {
		await getToken(request(), { http });
		await getToken(request({ scope: 'a' }), { http });
		await getToken(request({ extraParameters: { resource: 'x' } }), { http });
		await getToken(request({ scope: 'a' }), { http });
		expect(sim.stats.tokenRequests).toBe(3);
	});

	it('keeps tokens sealed in static data, reusable after a restart', async () => {
		const staticData: IDataObject = {};
		const first = await getToken(request(), { http, staticData });
		const stored = JSON.stringify(staticData);
		expect(stored).not.toContain(first.accessToken);
		expect(stored).not.toContain(SECRET);

		resetTokenCache();
		const again = await getToken(request(), { http, staticData });
		expect(again.accessToken).toBe(first.accessToken);
		expect(sim.stats.tokenRequests).toBe(1);
		expect(JSON.stringify(staticData)).toBe(stored);
	});

	it('ignores and replaces an entry that was tampered with or sealed under a rotated secret', async () => {
		const staticData: IDataObject = {};
		await getToken(request(), { http, staticData });
		const store = staticData.clientCredentialsTokens as {
			tokens: Record<string, { sealed: { data: string } }>;
		};
		const entry = Object.values(store.tokens)[0];
		entry.sealed.data = Buffer.from('forged-token').toString('base64');
		resetTokenCache();
		await getToken(request(), { http, staticData });
		expect(sim.stats.tokenRequests).toBe(2);

		sim.clients.push({ clientId: 'acme', clientSecret: 'rotated-secret' });
		resetTokenCache();
		const rotated = request({ clientSecret: 'rotated-secret' });
		await getToken(rotated, { http, staticData });
		expect(sim.stats.tokenRequests).toBe(3);
		expect(
			Object.keys((staticData.clientCredentialsTokens as { tokens: object }).tokens),
		).toHaveLength(1);
	});

	it('after a 401 replaces exactly the rejected token, once, for every caller that held it', async () => {
		const old = await getToken(request(), { http });
		sim.tokenDelayMs = 100;
		const [a, b] = await Promise.all([
			replaceRejectedToken(request(), old.accessToken, { http }, 'confirmed'),
			replaceRejectedToken(request(), old.accessToken, { http }, 'confirmed'),
		]);
		expect(a?.accessToken).toBe(b?.accessToken);
		expect(a?.accessToken).not.toBe(old.accessToken);
		expect(sim.stats.tokenRequests).toBe(2);

		// A late report about the old token does not evict the new one.
		const late = await replaceRejectedToken(request(), old.accessToken, { http }, 'confirmed');
		expect(late?.accessToken).toBe(a?.accessToken);
		expect(sim.stats.tokenRequests).toBe(2);
	});

	it('replaces a token on an unconfirmed failure at most once a minute per client, however young', async () => {
		const token = await getToken(request(), { http });
		const first = await replaceRejectedToken(request(), token.accessToken, { http }, {});
		expect(first?.accessToken).not.toBe(token.accessToken);
		expect(sim.stats.tokenRequests).toBe(2);
		// A storm of reports within the minute costs nothing more.
		for (let i = 0; i < 5; i++) {
			expect(
				await replaceRejectedToken(request(), first!.accessToken, { http }, {}),
			).toBeUndefined();
		}
		manual.clock.advance(61_000);
		const second = await replaceRejectedToken(request(), first!.accessToken, { http }, {});
		expect(second?.accessToken).not.toBe(first?.accessToken);
		expect(sim.stats.tokenRequests).toBe(3);
	});

	it('remembers the last unconfirmed refresh in the credential, for other processes', async () => {
		const token = await getToken(request(), { http });
		const replaced = (await replaceRejectedToken(request(), token.accessToken, { http }, {}))!;
		const state = credentialStateFor(request(), replaced, {});
		expect(state.unconfirmedAt).toBe(manual.clock.now());
		resetTokenCache();
		const credential = { ...state, accessToken: replaced.accessToken };
		expect(
			await replaceRejectedToken(request(), replaced.accessToken, { http, credential }, {}),
		).toBeUndefined();
		expect(sim.stats.tokenRequests).toBe(2);
	});

	describe('a quota refusal from the provider', () => {
		const final = {
			quotaRefusalIsFinal: true,
			budgets: [
				{ limit: 5, windowSeconds: 24 * 3600, label: 'day' },
				{ limit: 150, windowSeconds: 31 * 24 * 3600, label: 'month' },
			],
		};
		const refusal = {
			status: 429,
			body: { error: 'too_many_requests', error_description: 'Global limit has been reached' },
		};

		it('is never retried and is remembered in memory, static data and the credential', async () => {
			const staticData: IDataObject = {};
			const startedAt = manual.clock.now();
			const first = await getToken(request({}, final), { http, staticData });
			manual.clock.advance(600_000);
			sim.injectTokenFault(refusal);
			const error = await failure(
				replaceRejectedToken(
					request({}, final),
					first.accessToken,
					{ http, staticData },
					'confirmed',
				),
			);
			expect(error.kind).toBe('quota');
			expect(manual.sleeps).toEqual([]);
			expect(sim.stats.tokenRequests).toBe(2);
			// The provider's day counts from the oldest fetch we know of.
			const until = startedAt + 24 * HOUR;
			expect(error.fetchPossibleAt).toBe(until);
			expect(error.advice).toContain(new Date(until).toISOString());
			expect(error.advice).toContain('Global limit has been reached');

			// Later executions of this process, a fresh process with the static data, and one that only
			// has the credential all refuse without asking.
			const again = await failure(getToken(request({}, final), { http, staticData }));
			expect(again.advice).toContain(new Date(until).toISOString());
			const state = credentialStateFor(request({}, final), undefined, { staticData });
			expect(state.spentUntil).toBe(until);
			resetTokenCache();
			await failure(getToken(request({}, final), { http, staticData: { ...staticData } }));
			resetTokenCache();
			await failure(getToken(request({}, final), { http, credential: state }));
			expect(sim.stats.tokenRequests).toBe(2);

			// When the window allows, one fetch goes out again.
			manual.clock.advance(until - manual.clock.now() + 1);
			resetTokenCache();
			await getToken(request({}, final), { http, staticData, credential: state });
			expect(sim.stats.tokenRequests).toBe(3);
		});

		it('waits the announced Retry-After instead, and a month when the provider names it', async () => {
			sim.injectTokenFault({ ...refusal, headers: { 'retry-after': '7200' } });
			const announced = await failure(getToken(request({}, final), { http }));
			expect(announced.fetchPossibleAt).toBe(manual.clock.now() + 2 * HOUR);
			resetTokenCache();
			sim.injectTokenFault({
				status: 429,
				body: { error: 'too_many_requests', error_description: 'Monthly quota exceeded' },
			});
			const monthly = await failure(getToken(request({}, final), { http }));
			expect(monthly.fetchPossibleAt).toBe(manual.clock.now() + 31 * 24 * HOUR);
			expect(sim.stats.tokenRequests).toBe(2);
		});
	});

	describe('quota guard', () => {
		const budgeted = { budgets: [{ limit: 5, windowSeconds: 24 * 3600, label: 'day' }] };

		it('refuses the sixth fetch of the day without calling the provider and says when it resets', async () => {
			const startedAt = manual.clock.now();
			for (let i = 0; i < 5; i++) {
				await getToken(request({}, budgeted), { http });
				manual.clock.advance(HOUR);
			}
			expect(sim.stats.tokenRequests).toBe(5);
			const error = await getToken(request({}, budgeted), { http }).catch((e: TokenError) => e);
			expect(error).toBeInstanceOf(TokenError);
			expect((error as TokenError).kind).toBe('quota');
			expect((error as TokenError).advice).toContain(new Date(startedAt + 24 * HOUR).toISOString());
			expect(sim.stats.tokenRequests).toBe(5);
		});

		it('counts fetches across restarts through static data and the credential', async () => {
			const staticData: IDataObject = {};
			for (let i = 0; i < 5; i++) {
				resetTokenCache();
				await getToken(request({}, budgeted), { http, staticData });
				manual.clock.advance(HOUR);
			}
			const log = fetchLog(request({}, budgeted), { staticData });
			expect(log).toHaveLength(5);

			resetTokenCache();
			const viaCredential: TokenContext = { http, credential: { fetches: log } };
			await expect(getToken(request({}, budgeted), viaCredential)).rejects.toThrow(
				/budget used up/,
			);
			expect(sim.stats.tokenRequests).toBe(5);
		});

		it('keeps the last fetch of a budget for expiry when n8n only reports a failure', async () => {
			const shortLived = { ...budgeted, unconfirmedRefreshIntervalSeconds: 0 };
			let token = await getToken(request({}, shortLived), { http });
			for (let i = 0; i < 3; i++) {
				token = (await replaceRejectedToken(
					request({}, shortLived),
					token.accessToken,
					{ http },
					{},
				))!;
			}
			expect(sim.stats.tokenRequests).toBe(4);
			expect(
				await replaceRejectedToken(request({}, shortLived), token.accessToken, { http }, {}),
			).toBeUndefined();
			const confirmed = await replaceRejectedToken(
				request({}, shortLived),
				token.accessToken,
				{ http },
				'confirmed',
			);
			expect(confirmed?.accessToken).not.toBe(token.accessToken);
			expect(sim.stats.tokenRequests).toBe(5);
		});
	});
});
