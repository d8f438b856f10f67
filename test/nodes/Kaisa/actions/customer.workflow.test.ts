import { KAISA_PATHS } from '../../../simulators';
import { jsonOf, pairingOf, useKaisaTestbed } from '../testbed';

const bed = useKaisaTestbed();

const calls = (method: string) => bed.sim.callsTo(KAISA_PATHS.customers, method);

describe('Customer → Get', () => {
	test('gets one customer by ID, from an expression per item', async () => {
		const result = await bed.run(
			{ resource: 'customer', operation: 'get', customerId: '={{ 5000 + $json.index * 2 }}' },
			{ count: 3 },
		);

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs.Kaisa)).toEqual([
			{ customer_id: '5000', name: 'Customer 1', custnr: 'K-0001' },
			{ customer_id: '5002', name: 'Customer 3', custnr: 'K-0003' },
			{ customer_id: '5004', name: 'Customer 5', custnr: 'K-0005' },
		]);
		expect(pairingOf(result.outputs.Kaisa)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(calls('GET').map((call) => call.query)).toEqual([
			{ customer_id: '5000' },
			{ customer_id: '5002' },
			{ customer_id: '5004' },
		]);
		expect(bed.sim.stats.tokenRequests).toBe(1);
	});

	test('an unknown ID is an error that names it', async () => {
		const result = await bed.run({ resource: 'customer', operation: 'get', customerId: '424242' });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('No customer with ID 424242');
		expect(result.error?.description).toMatch(/Customer ID/);
	});
});

describe('Customer → Get Many', () => {
	test('returns all customers, or a limit, or those matching a filter', async () => {
		const all = await bed.run({ resource: 'customer', operation: 'getMany', returnAll: true });
		expect(jsonOf(all.outputs.Kaisa)).toHaveLength(25);
		expect(jsonOf(all.outputs.Kaisa)[24]).toEqual({
			customer_id: '5024',
			name: 'Customer 25',
			custnr: 'K-0025',
		});

		const limited = await bed.run({ resource: 'customer', operation: 'getMany', limit: 10 });
		expect(jsonOf(limited.outputs.Kaisa).map((row) => row.customer_id)).toEqual(
			Array.from({ length: 10 }, (_, i) => String(5000 + i)),
		);

		const filtered = await bed.run({
			resource: 'customer',
			operation: 'getMany',
			returnAll: true,
			filters: { custnr: 'K-0007' },
		});
		expect(jsonOf(filtered.outputs.Kaisa)).toEqual([
			{ customer_id: '5006', name: 'Customer 7', custnr: 'K-0007' },
		]);

		expect(calls('GET').map((call) => call.query)).toEqual([
			{ page: '0', pagesize: '1000' },
			{ page: '0', pagesize: '10' },
			{ custnr: 'K-0007', page: '0', pagesize: '1000' },
		]);
	});
});

describe('Customer → Create', () => {
	test('sends url-encoded form fields, custom fields as custom_N, and returns the new customer', async () => {
		const result = await bed.run({
			resource: 'customer',
			operation: 'create',
			name: 'Ångström Bygg AB',
			custnr: 'CRM-1001',
			additionalFields: {
				email: 'info@angstrom.example',
				corporateId: '556677-8899',
				customFields: {
					field: [
						{ number: 3, value: 'gold' },
						{ number: 20, value: 'Q1 & Q2' },
					],
				},
			},
		});

		expect(result.status).toBe('success');
		const [created] = calls('POST');
		expect(created.form).toEqual({
			name: 'Ångström Bygg AB',
			custnr: 'CRM-1001',
			email: 'info@angstrom.example',
			corporateid: '556677-8899',
			custom_3: 'gold',
			custom_20: 'Q1 & Q2',
		});
		const post = bed.sim.requests.find(
			(request) => request.method === 'POST' && request.path.endsWith(KAISA_PATHS.customers),
		);
		expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(jsonOf(result.outputs.Kaisa)).toEqual([{ customer_id: '5025', ...created.form }]);
		expect(bed.sim.customers.at(-1)?.custnr).toBe('CRM-1001');
	});

	test.each([
		[
			{ name: 'x'.repeat(61), custnr: 'C-1' },
			"The 'Name' field is too long",
			/at most 60 characters.*has 61/,
		],
		[
			{ name: 'Ok', custnr: 'c'.repeat(46) },
			"The 'Customer Number' field is too long",
			/at most 45/,
		],
		[
			{ name: '={{ $json.nothing }}', custnr: 'C-1' },
			"The 'Name' field is empty",
			/Enter a value for 'Name'/,
		],
		[
			{ name: 'Ok', custnr: 'C-1', additionalFields: { email: 'not-an-address' } },
			"The 'Email' field is not an email address",
			/not-an-address/,
		],
		[
			{
				name: 'Ok',
				custnr: 'C-1',
				additionalFields: { customFields: { field: [{ number: 21, value: 'x' }] } },
			},
			"A 'Custom Fields' number is out of range",
			/1 to 20; 21/,
		],
		[
			{
				name: 'Ok',
				custnr: 'C-1',
				additionalFields: {
					customFields: {
						field: [
							{ number: 2, value: 'a' },
							{ number: 2, value: 'b' },
						],
					},
				},
			},
			'Custom field 2 is set twice',
			/Remove one/,
		],
	])('bad input %j fails before any call', async (parameters, message, description) => {
		const result = await bed.run({ resource: 'customer', operation: 'create', ...parameters });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(description);
		expect(bed.sim.stats.tokenRequests + bed.sim.stats.apiRequests).toBe(0);
	});

	test('60 and 45 characters are accepted', async () => {
		const result = await bed.run({
			resource: 'customer',
			operation: 'create',
			name: 'n'.repeat(60),
			custnr: 'c'.repeat(45),
		});
		expect(result.status).toBe('success');
		expect(calls('POST')[0].status).toBe(201);
	});

	test("Kaisa's errors body becomes the error description", async () => {
		const result = await bed.run({
			resource: 'customer',
			operation: 'create',
			name: 'Twin',
			custnr: 'K-0001',
		});

		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toBe(
			'The provider rejected the request; check the fields of this node (HTTP 400)',
		);
		expect(result.error?.description).toBe('custnr K-0001 is already used by another customer');
	});
});

describe('Customer → Update', () => {
	test('sends customer_id and only the changed fields with PUT', async () => {
		const result = await bed.run({
			resource: 'customer',
			operation: 'update',
			customerId: '5001',
			updateFields: { name: 'Renamed', customFields: { field: [{ number: 1, value: 'vip' }] } },
		});

		expect(result.status).toBe('success');
		expect(calls('PUT').map((call) => call.form)).toEqual([
			{ customer_id: '5001', name: 'Renamed', custom_1: 'vip' },
		]);
		expect(jsonOf(result.outputs.Kaisa)).toEqual([
			{ customer_id: '5001', name: 'Renamed', custnr: 'K-0002', custom_1: 'vip' },
		]);
	});

	test('nothing to update, or a field left empty, fails before any call', async () => {
		const nothing = await bed.run({
			resource: 'customer',
			operation: 'update',
			customerId: '5001',
			updateFields: {},
		});
		expect(nothing.error?.message).toBe('Nothing to update');

		const empty = await bed.run({
			resource: 'customer',
			operation: 'update',
			customerId: '5001',
			updateFields: { custnr: ' ' },
		});
		expect(empty.error?.message).toBe("The 'Customer Number' field is empty");

		expect(bed.sim.stats.tokenRequests + bed.sim.stats.apiRequests).toBe(0);
	});

	test('an unknown customer is a 404 with Kaisa’s words', async () => {
		const result = await bed.run({
			resource: 'customer',
			operation: 'update',
			customerId: '99',
			updateFields: { name: 'X' },
		});

		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toBe('No customer with customer_id 99');
	});
});
