import { DEFAULT_CLIENT, KAISA_PATHS } from '../../../simulators';
import { jsonOf, pairingOf, useKaisaTestbed } from '../testbed';

const bed = useKaisaTestbed();

describe('errors and Continue On Fail', () => {
	test('every input item gets exactly one output item, paired to it, failures included', async () => {
		const result = await bed.run(
			{
				resource: 'customer',
				operation: 'get',
				customerId: '={{ ["5000", "", "424242", "5003"][$json.index] }}',
			},
			{ count: 4, onError: 'continueRegularOutput' },
		);

		expect(result.status).toBe('success');
		expect(pairingOf(result.outputs.Kaisa)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(jsonOf(result.outputs.Kaisa)).toEqual([
			{ customer_id: '5000', name: 'Customer 1', custnr: 'K-0001' },
			{
				error: "The 'Customer ID' field is empty",
				description: "Enter a value for 'Customer ID', or an expression that gives one.",
			},
			{
				error: 'No customer with ID 424242',
				description:
					"Kaisa has no customer with this 'Customer ID' that your client may see. Check the ID.",
			},
			{ customer_id: '5003', name: 'Customer 4', custnr: 'K-0004' },
		]);
		// The item with the empty ID never reached Kaisa.
		expect(bed.sim.callsTo(KAISA_PATHS.customers).map((call) => call.query.customer_id)).toEqual([
			'5000',
			'424242',
			'5003',
		]);
	});

	test('API failures on some items keep the others: 401 twice, 500, errors in a 200 body', async () => {
		bed.sim.injectApiFault({ status: 401, path: /customers/ });
		bed.sim.injectApiFault({ status: 401, path: /customers/ });
		// One item at a time, so both 401s meet the first item (side by side they would meet two items).
		const result = await bed.run(
			{
				resource: 'customer',
				operation: 'get',
				customerId: '5000',
				options: { parallelRequests: 1 },
			},
			{ count: 3, onError: 'continueRegularOutput' },
		);
		expect(jsonOf(result.outputs.Kaisa)).toEqual([
			{
				error: expect.stringMatching(
					/rejected the access token even after a refresh.*\(HTTP 401\)/,
				),
			},
			expect.objectContaining({ customer_id: '5000' }),
			expect.objectContaining({ customer_id: '5000' }),
		]);
		expect(bed.sim.stats.tokenRequests).toBe(2);

		bed.reset();
		bed.sim.injectApiFault({ status: 200, body: { errors: { custnr: 'custnr is locked' } } });
		const refused = await bed.run({
			resource: 'customer',
			operation: 'update',
			customerId: '5000',
			updateFields: { custnr: 'N' },
		});
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toBe('Kaisa refused the request (HTTP 200)');
		expect(refused.error?.description).toBe('custnr: custnr is locked');
	});

	test('without Continue On Fail the first failing item stops the node; nothing secret is in the error', async () => {
		bed.sim.injectApiFault({ status: 503, body: { errors: ['Maintenance until 02:00 UTC'] } });
		const result = await bed.run({ resource: 'customer', operation: 'getMany', limit: 5 });

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			node: 'Kaisa',
			httpCode: '503',
			description: 'Maintenance until 02:00 UTC',
		});
		expect(result.error?.message).toMatch(/try again later \(HTTP 503\)/);
		const said = JSON.stringify(result.run.data.resultData.error);
		expect(said).not.toContain(DEFAULT_CLIENT.clientSecret);
		for (const token of bed.sim.tokens.keys()) expect(said).not.toContain(token);
	});

	test('bad client credentials are reported as such, once, without the secret', async () => {
		const original = bed.sim.clients[0].clientSecret;
		bed.sim.clients[0].clientSecret = 'rotated-secret';
		try {
			const result = await bed.run({ resource: 'customer', operation: 'getMany', limit: 1 });
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({
				message: 'Kaisa refused the token request (invalid_client)',
				description: 'Check the Client ID and Client Secret in the credential.',
				httpCode: '401',
			});
			expect(bed.sim.stats.tokenRequests).toBe(1);
			expect(JSON.stringify(result.run.data.resultData.error)).not.toContain(original);
			expect(bed.sim.stats.apiRequests).toBe(0);
		} finally {
			bed.sim.clients[0].clientSecret = original;
		}
	});
});
