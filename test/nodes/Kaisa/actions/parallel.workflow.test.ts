import { KAISA_PATHS, type KaisaLoggedCall } from '../../../simulators';
import { jsonOf, pairingOf, useKaisaTestbed } from '../testbed';

const bed = useKaisaTestbed();

const customer = (index: number) => ({
	customer_id: String(5000 + index),
	name: `Customer ${index + 1}`,
	custnr: `K-${String(index + 1).padStart(4, '0')}`,
});

/**
 * The most customer requests Kaisa had at once: each answer counts the requests that had arrived
 * but not been answered yet, itself included. Every answer waits a little (real time), so requests
 * sent side by side overlap.
 */
function watchInFlight(): { max: () => number } {
	let max = 0;
	const path = `/${bed.sim.version}${KAISA_PATHS.customers}`;
	bed.sim.apiDelayMs = 30;
	bed.sim.afterApiCall = (call: KaisaLoggedCall) => {
		if (call.path !== KAISA_PATHS.customers) return;
		const arrived = bed.sim.requests.filter((request) => request.path === path).length;
		max = Math.max(max, arrived - bed.sim.callsTo(KAISA_PATHS.customers).length + 1);
	};
	return { max: () => max };
}

afterEach(() => {
	bed.sim.apiDelayMs = 0;
});

describe('Parallel Requests', () => {
	test.each([
		{ count: 20, parallelRequests: 5, least: 2 },
		{ count: 4, parallelRequests: 1, least: 1 },
	])(
		'$count customer gets, $parallelRequests at a time: input order and pairing kept, one token, at most $parallelRequests in flight',
		async ({ count, parallelRequests, least }) => {
			const inFlight = watchInFlight();

			const result = await bed.run(
				{
					resource: 'customer',
					operation: 'get',
					customerId: '={{ 5000 + $json.index }}',
					options: { parallelRequests },
				},
				{ count },
			);

			expect(result.status).toBe('success');
			expect(jsonOf(result.outputs.Kaisa)).toEqual(
				Array.from({ length: count }, (_, index) => customer(index)),
			);
			expect(pairingOf(result.outputs.Kaisa)).toEqual(
				Array.from({ length: count }, (_, item) => ({ item })),
			);
			expect(bed.sim.stats.tokenRequests).toBe(1);
			expect(bed.sim.callsTo(KAISA_PATHS.customers)).toHaveLength(count);
			expect(inFlight.max()).toBeGreaterThanOrEqual(least);
			expect(inFlight.max()).toBeLessThanOrEqual(parallelRequests);
		},
	);

	test('with Continue On Fail, unknown and empty IDs give one error item each, every item once and in order', async () => {
		const ids = [
			'5000',
			'424242',
			'5002',
			'',
			'5004',
			'5005',
			'424243',
			'5007',
			'5008',
			'424244',
			'5010',
			'5011',
		];
		const failed = new Set([1, 3, 6, 9]);

		const result = await bed.run(
			{
				resource: 'customer',
				operation: 'get',
				customerId: `={{ ${JSON.stringify(ids)}[$json.index] }}`,
				options: { parallelRequests: 5 },
			},
			{ count: ids.length, onError: 'continueRegularOutput' },
		);

		expect(result.status).toBe('success');
		expect(pairingOf(result.outputs.Kaisa)).toEqual(ids.map((_, item) => ({ item })));
		expect(jsonOf(result.outputs.Kaisa)).toEqual(
			ids.map((id, index) => {
				if (!failed.has(index)) return customer(Number(id) - 5000);
				if (id === '')
					return {
						error: "The 'Customer ID' field is empty",
						description: expect.stringContaining("'Customer ID'"),
					};
				return {
					error: `No customer with ID ${id}`,
					description: expect.stringContaining("'Customer ID'"),
				};
			}),
		);
		// The empty ID was refused before any request; every other item was sent once.
		expect(
			bed.sim
				.callsTo(KAISA_PATHS.customers)
				.map((call) => call.query.customer_id)
				.sort(),
		).toEqual(ids.filter((id) => id !== '').sort());
		expect(bed.sim.stats.tokenRequests).toBe(1);
	});

	test('without Continue On Fail, the first failing item in input order fails the node', async () => {
		const ids = ['5000', '5001', '5002', '424242', '5004', '5005', '5006', '424243'];

		const result = await bed.run(
			{
				resource: 'customer',
				operation: 'get',
				customerId: `={{ ${JSON.stringify(ids)}[$json.index] }}`,
				options: { parallelRequests: 5 },
			},
			{ count: ids.length },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('No customer with ID 424242');
	});

	test('a bad Parallel Requests value fails before any request, naming the option', async () => {
		const result = await bed.run(
			{
				resource: 'customer',
				operation: 'get',
				customerId: '5000',
				options: { parallelRequests: 0 },
			},
			{ count: 2 },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Parallel Requests must be a whole number from 1 to 50/);
		expect(bed.sim.stats.tokenRequests + bed.sim.stats.apiRequests).toBe(0);
	});
});
