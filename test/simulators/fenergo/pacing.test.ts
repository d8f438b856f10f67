import { performance } from 'node:perf_hooks';

import {
	FENERGO_SEED_ENTITIES,
	FENERGO_TENANTS,
	FenergoSimulator,
	type FenergoSimulatorOptions,
} from '../index';

const tenant = FENERGO_TENANTS[0];
const entityPath = `/entitydataquery/api/v2/entity/${FENERGO_SEED_ENTITIES[0].id}`;
const running: FenergoSimulator[] = [];

afterEach(async () => {
	await Promise.all(running.splice(0).map(async (simulator) => await simulator.close()));
});

/** A started simulator and a function that GETs the seed entity with a valid token. */
async function rig(options: FenergoSimulatorOptions) {
	const sim = new FenergoSimulator({ generatedEntities: 0, ...options });
	running.push(sim);
	await sim.start();
	const answer = await fetch(`${sim.url}/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: 'test-client',
			client_secret: 'test-secret',
		}).toString(),
	});
	const { access_token: token } = (await answer.json()) as { access_token: string };
	const get = async () =>
		await fetch(`${sim.url}${entityPath}`, {
			headers: { authorization: `Bearer ${token}`, 'x-tenant-id': tenant },
		});
	return { sim, get };
}

async function statuses(get: () => Promise<Response>, calls: number): Promise<number[]> {
	const seen: number[] = [];
	for (let call = 0; call < calls; call++) seen.push((await get()).status);
	return seen;
}

describe('FenergoSimulator pacing options', () => {
	it('answers every API call after apiLatencyMs and counts the calls in flight at once', async () => {
		const { sim, get } = await rig({ apiLatencyMs: 80 });

		const started = performance.now();
		const answers = await Promise.all(Array.from({ length: 5 }, get));
		const elapsed = performance.now() - started;

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
		expect(elapsed).toBeGreaterThanOrEqual(75);
		// Side by side, not one after the other.
		expect(elapsed).toBeLessThan(5 * 80);
		expect(sim.maxApiInFlight).toBe(5);
		expect(sim.pacing.stats).toEqual({ calls: 5, rateLimited: 0 });
	});

	it('refuses every n-th API call with 429 and X-Rate-Limit-Reset in a Fenergo envelope', async () => {
		const { sim, get } = await rig({ rateLimitEvery: { every: 3 } });

		expect(await statuses(get, 9)).toEqual([200, 200, 429, 200, 200, 429, 200, 200, 429]);
		const refused = (await Promise.all([get(), get(), get()]))[2];
		expect(refused.status).toBe(429);
		expect(refused.headers.get('x-rate-limit-reset')).toBe('1');
		expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
		expect(refused.headers.get('retry-after')).toBeNull();
		expect(await refused.json()).toEqual({
			data: null,
			messages: [expect.objectContaining({ type: 'Error', errorCode: 'TOO_MANY_REQUESTS' })],
		});
		expect(sim.pacing.stats).toEqual({ calls: 12, rateLimited: 4 });
	});

	it('sends Retry-After instead when asked, and no more 429s than max', async () => {
		const { sim, get } = await rig({
			rateLimitEvery: { every: 2, max: 2, header: 'retry-after', resetSeconds: 3 },
		});

		const answers: Response[] = [];
		for (let call = 0; call < 8; call++) answers.push(await get());

		expect(answers.map((answer) => answer.status)).toEqual([
			200, 429, 200, 429, 200, 200, 200, 200,
		]);
		expect(answers[1].headers.get('retry-after')).toBe('3');
		expect(answers[1].headers.get('x-rate-limit-reset')).toBeNull();
		expect(sim.pacing.stats.rateLimited).toBe(2);
		sim.pacing.resetStats();
		expect(sim.pacing.stats).toEqual({ calls: 0, rateLimited: 0 });
	});

	it('leaves the token endpoint alone', async () => {
		const { sim } = await rig({ apiLatencyMs: 1000, rateLimitEvery: { every: 2 } });
		expect(sim.stats.tokensIssued).toBe(1);
		expect(sim.pacing.stats.calls).toBe(0);
	});

	it('refuses an every below 2 (a retry could be refused forever)', () => {
		expect(() => new FenergoSimulator({ rateLimitEvery: { every: 1 } })).toThrow(
			'rateLimitEvery.every must be a whole number ≥ 2',
		);
	});
});
