import { KAISA_PATHS } from '../../../simulators';
import { jsonOf, pairingOf, useKaisaTestbed } from '../testbed';

const bed = useKaisaTestbed();

describe('Tracking Number → Get Many', () => {
	test('sends each filter under its Kaisa name', async () => {
		const result = await bed.run({
			resource: 'source',
			operation: 'getMany',
			returnAll: true,
			filters: {
				customerId: '5001',
				status: 'active',
				class: 'online',
				campaignId: '301',
				custnr: 'K-0002',
			},
		});

		expect(result.status).toBe('success');
		expect(bed.sim.callsTo(KAISA_PATHS.sources)[0].query).toEqual({
			customer_id: '5001',
			custnr: 'K-0002',
			campaign_id: '301',
			status: 'active',
			class: 'online',
			page: '0',
			pagesize: '1000',
		});
		// Customer 5001 owns numbers 1 and 26; only number 1 is class "online" in campaign 301.
		expect(jsonOf(result.outputs.Kaisa)).toEqual([
			expect.objectContaining({ source_id: '7001', customer_id: '5001', class: 'online' }),
		]);
	});

	test('a limit, and filters by tracking number and destination', async () => {
		const limited = await bed.run({ resource: 'source', operation: 'getMany', limit: 3 });
		expect(jsonOf(limited.outputs.Kaisa).map((row) => row.source_id)).toEqual([
			'7000',
			'7001',
			'7002',
		]);

		const one = await bed.run({
			resource: 'source',
			operation: 'getMany',
			returnAll: true,
			filters: { sourceId: '7010', destnr: '+46812000010' },
		});
		expect(jsonOf(one.outputs.Kaisa).map((row) => row.source_id)).toEqual(['7010']);
		expect(pairingOf(one.outputs.Kaisa)).toEqual([{ item: 0 }]);
	});
});

describe('Tracking Number → Create', () => {
	test('normalises the destination number and sends listed and other fields as form fields', async () => {
		const result = await bed.run({
			resource: 'source',
			operation: 'create',
			customerId: '5004',
			destnr: '+46 8-123 456 78',
			additionalFields: {
				name: 'Spring campaign',
				campaignId: '303',
				otherFields: { field: [{ name: 'routing_id', value: 'R-9' }] },
			},
		});

		expect(result.status).toBe('success');
		expect(bed.sim.callsTo(KAISA_PATHS.sources, 'POST').map((call) => call.form)).toEqual([
			{
				routing_id: 'R-9',
				campaign_id: '303',
				name: 'Spring campaign',
				customer_id: '5004',
				destnr: '+46812345678',
			},
		]);
		expect(jsonOf(result.outputs.Kaisa)).toEqual([
			expect.objectContaining({
				source_id: '7050',
				customer_id: '5004',
				destnr: '+46812345678',
				routing_id: 'R-9',
				status: 'active',
			}),
		]);
	});

	test('a destination that is not a phone number fails before any call', async () => {
		const result = await bed.run({
			resource: 'source',
			operation: 'create',
			customerId: '5004',
			destnr: '08-123 456',
		});

		expect(result.error?.message).toBe(
			"The 'Destination Number' field is not a phone number in international format",
		);
		expect(result.error?.description).toMatch(/E\.164/);
		expect(bed.sim.stats.tokenRequests + bed.sim.stats.apiRequests).toBe(0);
	});

	test('Kaisa refusing the customer reads as Kaisa says it', async () => {
		const result = await bed.run({
			resource: 'source',
			operation: 'create',
			customerId: '1',
			destnr: '+46812345678',
		});

		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.description).toBe('No customer with customer_id 1');
	});
});
