import { setClock } from '../../../nodes/shared/token/clock';
import { generatedEntityId, type FenergoSimulator } from '../../simulators';
import { jsonOf, useFenergoRig } from './setup';

const rig = useFenergoRig();
const COUNT = 30;
const ENTITY_PATH = '/entitydataquery/api/v2/entity/';

/** A GUID no tenant of the simulator holds (the generated entities number 300). */
const missingId = (index: number) => generatedEntityId(5000 + index);
const wait = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));
const pairing = (count: number) => Array.from({ length: count }, (_, item) => ({ item }));

/** One `get` item per id, sent Parallel Requests at a time (the node's default when not given). */
async function getAll(
	ids: string[],
	options: { continueOnFail?: boolean; parallelRequests?: number } = {},
) {
	const { parallelRequests } = options;
	return await rig.run(
		{
			resource: 'entity',
			operation: 'get',
			entityId: '={{ $json.id }}',
			...(parallelRequests && { options: { parallelRequests } }),
		},
		{ items: ids.map((id) => ({ id })), continueOnFail: options.continueOnFail },
	);
}

/** Holds each entity read for `delayOf(id)` real milliseconds, so answers come back out of input order. */
function holdReads(sim: FenergoSimulator, delayOf: (id: string) => number): void {
	sim.beforeApi = async (ctx) => await wait(delayOf(ctx.path.slice(ENTITY_PATH.length)));
}

/** Milliseconds for the item of each generated id: later items are answered sooner. */
const shuffled = (id: string) => 2 + ((COUNT - Number(id.slice(-12))) % 7) * 3;

describe('Parallel Requests on get', () => {
	it('sends up to 10 at once and keeps input order and pairing, with one token fetch', async () => {
		const ids = Array.from({ length: COUNT }, (_, index) => generatedEntityId(index));
		holdReads(rig.sim, shuffled);

		const result = await getAll(ids, { parallelRequests: 10 });

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs.Fenergo).map((json) => json.id)).toEqual(ids);
		expect(result.outputs.Fenergo.map((item) => item.pairedItem)).toEqual(pairing(COUNT));
		expect(rig.sim.stats.tokenRequests).toBe(1);
		expect(rig.sim.stats.apiRequests).toBe(COUNT);
		expect(rig.sim.maxApiInFlight).toBeGreaterThan(1);
		expect(rig.sim.maxApiInFlight).toBeLessThanOrEqual(10);
	});

	it('with Parallel Requests 1 sends one at a time', async () => {
		holdReads(rig.sim, () => 2);

		const result = await getAll([0, 1, 2, 3].map(generatedEntityId), { parallelRequests: 1 });

		expect(result.outputs.Fenergo).toHaveLength(4);
		expect(rig.sim.maxApiInFlight).toBe(1);
	});

	it('by default too (10), with Continue On Fail every item is accounted for once, in order, missing ones as errors', async () => {
		const ids = Array.from({ length: COUNT }, (_, index) =>
			index % 7 === 3 ? missingId(index) : generatedEntityId(index),
		);
		holdReads(rig.sim, shuffled);

		const result = await getAll(ids, { continueOnFail: true });

		expect(result.status).toBe('success');
		expect(result.outputs.Fenergo.map((item) => item.pairedItem)).toEqual(pairing(COUNT));
		expect(jsonOf(result.outputs.Fenergo)).toEqual(
			ids.map((id, index) =>
				index % 7 === 3
					? {
							error: `Entity ${id} was not found in this Fenergo tenant (HTTP 404)`,
							description: expect.stringContaining('Entity not found'),
						}
					: expect.objectContaining({ id }),
			),
		);
		expect(rig.sim.stats.apiRequests).toBe(COUNT);
		expect(rig.sim.maxApiInFlight).toBeGreaterThan(1);
	});

	it('without Continue On Fail fails naming the first failing item in input order, starting no item after a failure', async () => {
		const ids = Array.from({ length: COUNT }, (_, index) =>
			index === 3 || index === 7 ? missingId(index) : generatedEntityId(index),
		);
		// Item 7 fails first; item 3, earlier in the input, fails later.
		holdReads(rig.sim, (id) => (id === missingId(3) ? 60 : id === missingId(7) ? 0 : 30));

		const result = await getAll(ids);

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			httpCode: '404',
			message: `Entity ${missingId(3)} was not found in this Fenergo tenant (HTTP 404)`,
		});
		expect(result.run.data.resultData.error).toMatchObject({ context: { itemIndex: 3 } });
		// The first ten were under way when item 7 failed; none started after it.
		expect(rig.sim.stats.apiRequests).toBe(10);
	});

	it('a 429 with X-Rate-Limit-Reset makes the other items wait too, then every item succeeds', async () => {
		const ids = Array.from({ length: COUNT }, (_, index) => generatedEntityId(index));
		rig.sim.injectApiFault({
			status: 429,
			path: `${ENTITY_PATH}${ids[4]}`,
			headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '5' },
			body: {
				data: null,
				messages: [{ message: 'Too many requests', type: 'Error', errorCode: 'TOO_MANY_REQUESTS' }],
			},
		});
		// The refused read is answered at once, the others a little later (long enough for the 429 to
		// be handled first on a busy machine), so they pick their next item while the pause is on; a
		// pause takes real time, longer than that, before the clock moves to its end.
		holdReads(rig.sim, () => 100);
		setClock({
			now: () => rig.clock.now(),
			sleep: async (ms) => {
				rig.sleeps.push(ms);
				const until = rig.clock.now() + ms;
				await wait(500);
				if (rig.clock.now() < until) rig.clock.set(until);
			},
		});
		const start = rig.clock.now();

		const result = await getAll(ids);

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs.Fenergo).map((json) => json.id)).toEqual(ids);
		expect(result.outputs.Fenergo.map((item) => item.pairedItem)).toEqual(pairing(COUNT));
		const arrivals = rig.sim.requests
			.filter((request) => request.path.startsWith(ENTITY_PATH))
			.map((request) => request.at - start);
		expect(arrivals).toHaveLength(COUNT + 1);
		// The first ten went out together; nothing was sent during the announced 5 s.
		expect(arrivals.slice(0, 10)).toEqual(Array(10).fill(0));
		expect(arrivals.slice(10).every((at) => at >= 5000)).toBe(true);
		// The refused item and the nine that moved on to new items all waited.
		expect(rig.sleeps.length).toBeGreaterThan(1);
		expect(Math.max(...rig.sleeps)).toBeLessThanOrEqual(5000);
	});
});
