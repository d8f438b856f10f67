import {
	AGENCY_CREDENTIAL,
	DAY_MS,
	generoNode,
	jsonOf,
	pairingOf,
	startGeneroTestbed,
	type GeneroTestbed,
} from '../testbed';

let bed: GeneroTestbed;

beforeAll(async () => {
	bed = await startGeneroTestbed();
});

afterAll(async () => {
	await bed.close();
});

beforeEach(() => {
	bed.restart();
	// n8n persists the token in the credential row: each test starts from the saved credential.
	bed.harness.credentials.restoreSaved();
	bed.sim.resetStats();
});

const apiCalls = () => bed.sim.requests.filter((request) => request.path.startsWith('/api/'));

describe('single-entity operations', () => {
	test('create, get, update and delete a customer through the real engine', async () => {
		bed.save(
			'wf-create',
			generoNode({
				resource: 'customer',
				operation: 'create',
				externalId: '={{ "C-" + $json.index }}',
				name: '={{ "Store " + $json.index }}',
				additionalFields: {
					city: 'Malmö',
					email: 'store@example.com',
					priority: 2,
					jsonFields: '{"segment": "A"}',
				},
			}),
			2,
		);
		const created = await bed.run('wf-create');
		expect(created.status).toBe('success');
		expect(jsonOf(created.outputs.Genero)).toEqual([
			expect.objectContaining({
				externalId: 'C-0',
				name: 'Store 0',
				city: 'Malmö',
				segment: 'A',
				priority: 2,
			}),
			expect.objectContaining({ externalId: 'C-1', name: 'Store 1' }),
		]);
		expect(pairingOf(created.outputs.Genero)).toEqual([{ item: 0 }, { item: 1 }]);
		const createCalls = apiCalls().filter((request) => request.method === 'POST');
		expect(createCalls.map((request) => request.path)).toEqual([
			'/api/customers',
			'/api/customers',
		]);
		expect(JSON.parse(createCalls[0].body)).toEqual({
			externalId: 'C-0',
			name: 'Store 0',
			city: 'Malmö',
			email: 'store@example.com',
			priority: 2,
			segment: 'A',
		});

		bed.save('wf-get', generoNode({ resource: 'customer', operation: 'get', externalId: 'C-1' }));
		const got = await bed.run('wf-get');
		expect(jsonOf(got.outputs.Genero)).toEqual([
			expect.objectContaining({ externalId: 'C-1', name: 'Store 1' }),
		]);

		bed.save(
			'wf-update',
			generoNode({
				resource: 'customer',
				operation: 'update',
				externalId: 'C-1',
				updateFields: { name: 'Renamed', phone: '+46 8 123' },
			}),
		);
		const updated = await bed.run('wf-update');
		expect(jsonOf(updated.outputs.Genero)).toEqual([
			expect.objectContaining({ externalId: 'C-1', name: 'Renamed', phone: '+46 8 123' }),
		]);
		expect(apiCalls().at(-1)).toMatchObject({ method: 'PUT', path: '/api/customers/C-1' });

		bed.save(
			'wf-delete',
			generoNode({ resource: 'customer', operation: 'delete', externalId: 'C-0' }),
		);
		const deleted = await bed.run('wf-delete');
		expect(jsonOf(deleted.outputs.Genero)).toEqual([{ externalId: 'C-0', deleted: true }]);
		expect(bed.sim.customers.has('C-0')).toBe(false);
		expect(bed.sim.customers.get('C-1')).toMatchObject({ name: 'Renamed' });
	});

	test('the other resources use their own paths and fields', async () => {
		bed.save(
			'wf-chain',
			generoNode({ resource: 'chain', operation: 'create', externalId: 'ICA', name: 'ICA' }),
		);
		expect((await bed.run('wf-chain')).status).toBe('success');
		bed.save(
			'wf-contact',
			generoNode({
				resource: 'customerContact',
				operation: 'create',
				externalId: 'P-1',
				customerExternalId: '1001',
				firstName: 'Anna',
				lastName: 'Berg',
				additionalFields: { title: 'Store Manager' },
			}),
		);
		const contact = await bed.run('wf-contact');
		expect(contact.status).toBe('success');
		expect(apiCalls().map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/chains',
			'POST /api/customercontacts',
		]);
		expect(bed.sim.publicApi.collection('customerContact').get('P-1')).toMatchObject({
			customerExternalId: '1001',
			firstName: 'Anna',
			title: 'Store Manager',
		});
	});

	test('bad input fails before any call, naming the field', async () => {
		bed.save(
			'wf-empty-id',
			generoNode({ resource: 'customer', operation: 'create', externalId: '={{ "" }}', name: 'X' }),
		);
		const empty = await bed.run('wf-empty-id');
		expect(empty.status).toBe('error');
		expect(empty.error?.message).toMatch(/The 'External ID' field is empty/);

		bed.save(
			'wf-bad-json',
			generoNode({
				resource: 'customer',
				operation: 'create',
				externalId: 'C-9',
				name: 'X',
				additionalFields: { jsonFields: '[1, 2' },
			}),
		);
		const badJson = await bed.run('wf-bad-json');
		expect(badJson.error?.message).toMatch(/The 'Extra Fields \(JSON\)' field is not valid JSON/);

		bed.save(
			'wf-no-update',
			generoNode({ resource: 'customer', operation: 'update', externalId: 'C-9' }),
		);
		expect((await bed.run('wf-no-update')).error?.message).toMatch(/No field to update/);

		bed.save(
			'wf-absolute-path',
			generoNode({
				resource: 'customer',
				operation: 'get',
				externalId: '1001',
				options: { path: 'https://evil.example/steal' },
			}),
		);
		expect((await bed.run('wf-absolute-path')).error?.message).toMatch(/is not a path/);

		expect(bed.sim.stats.tokenRequests).toBe(0);
		expect(apiCalls()).toHaveLength(0);
	});

	test("errors carry Genero's message; continueOnFail pairs every item", async () => {
		bed.save(
			'wf-get-many',
			generoNode(
				{
					resource: 'customer',
					operation: 'get',
					externalId: '={{ ["1001", "missing", "1002"][$json.index] }}',
				},
				{ onError: 'continueRegularOutput' },
			),
			3,
		);
		const result = await bed.run('wf-get-many');
		expect(result.status).toBe('success');
		const [first, missing, third] = jsonOf(result.outputs.Genero);
		expect(first).toMatchObject({ externalId: '1001' });
		expect(missing).toMatchObject({
			error: expect.stringMatching(/HTTP 404/),
			description: 'Customer missing not found',
		});
		expect(third).toMatchObject({ externalId: '1002' });
		expect(pairingOf(result.outputs.Genero)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		bed.save(
			'wf-get-missing',
			generoNode({ resource: 'customer', operation: 'get', externalId: 'missing' }),
		);
		const failed = await bed.run('wf-get-missing');
		expect(failed.status).toBe('error');
		expect(failed.error).toMatchObject({
			httpCode: '404',
			description: 'Customer missing not found',
		});

		bed.save(
			'wf-dup',
			generoNode({ resource: 'customer', operation: 'create', externalId: '1001', name: 'Again' }),
		);
		const duplicate = await bed.run('wf-dup');
		expect(duplicate.error).toMatchObject({
			httpCode: '409',
			description: 'Customer 1001 already exists',
		});
	});

	test('the Path option replaces the assumed path and keeps the verb', async () => {
		bed.sim.addRoute('api', 'GET', '/api/v2/customer/:id', (ctx) => {
			ctx.res.writeHead(200, { 'content-type': 'application/json' });
			ctx.res.end(JSON.stringify({ via: 'override', id: ctx.params.id }));
		});
		bed.save(
			'wf-override',
			generoNode({
				resource: 'customer',
				operation: 'get',
				externalId: 'A/B 1',
				options: { path: 'v2/customer/{externalId}' },
			}),
		);
		const result = await bed.run('wf-override');
		expect(jsonOf(result.outputs.Genero)).toEqual([{ via: 'override', id: 'A/B 1' }]);
		expect(apiCalls().at(-1)?.path).toBe('/api/v2/customer/A%2FB%201');
	});
});

describe('multi-tenant clients', () => {
	test('the tenant travels as the assumed query parameter and scopes the data', async () => {
		bed.save(
			'wf-tenant',
			generoNode(
				{
					resource: 'customer',
					operation: 'create',
					externalId: 'T-1',
					name: 'North store',
					tenant: 'north',
				},
				{ credentials: { generoPublicApi: AGENCY_CREDENTIAL } },
			),
		);
		const result = await bed.run('wf-tenant');
		expect(result.status).toBe('success');
		expect(bed.sim.requests.filter((r) => r.path === '/api/customers')).toHaveLength(1);
		expect(bed.sim.publicApi.collection('customer', 'north').get('T-1')).toMatchObject({
			name: 'North store',
		});
		expect(bed.sim.publicApi.collection('customer', 'south').has('T-1')).toBe(false);
		expect(bed.sim.customers.has('T-1')).toBe(false);

		bed.save(
			'wf-no-tenant',
			generoNode(
				{ resource: 'customer', operation: 'get', externalId: 'T-1' },
				{ credentials: { generoPublicApi: AGENCY_CREDENTIAL } },
			),
		);
		const missing = await bed.run('wf-no-tenant');
		expect(missing.error).toMatchObject({
			httpCode: '400',
			description: 'A multi-tenant client must name the tenant on every call',
		});
	});
});

const customerGets = () =>
	bed.sim.requests.filter(
		(request) => request.method === 'GET' && request.path.startsWith('/api/customers/'),
	);

/**
 * The most customer gets Genero had at once: when the simulator looks a customer up, the gets that
 * have arrived but not been looked up yet, itself included. Every answer waits a little (real
 * time), so gets sent side by side overlap.
 */
function watchInFlight(): { max: () => number } {
	let max = 0;
	let answered = 0;
	bed.sim.apiDelayMs = 30;
	const store = bed.sim.publicApi;
	const collection = store.collection.bind(store);
	jest.spyOn(store, 'collection').mockImplementation((resource, tenant) => {
		max = Math.max(max, customerGets().length - answered);
		answered++;
		return collection(resource, tenant);
	});
	return { max: () => max };
}

describe('Parallel Requests (customer get)', () => {
	beforeEach(() => {
		// A new day for each test: every test fetches a token, and Genero allows 5 a client a day.
		bed.clock.advance(DAY_MS);
		for (let index = 0; index < 20; index++) {
			bed.sim.customers.set(`P-${index}`, {
				externalId: `P-${index}`,
				id: String(9000 + index),
				name: `Parallel store ${index}`,
			});
		}
	});

	afterEach(() => {
		bed.sim.apiDelayMs = 0;
		jest.restoreAllMocks();
	});

	test('20 items, 5 at a time: input order and pairing kept, one token, more than one in flight', async () => {
		const inFlight = watchInFlight();
		bed.save(
			'wf-parallel-get',
			generoNode({
				resource: 'customer',
				operation: 'get',
				externalId: '={{ "P-" + $json.index }}',
				options: { parallelRequests: 5 },
			}),
			20,
		);

		const result = await bed.run('wf-parallel-get');

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs.Genero)).toEqual(
			Array.from({ length: 20 }, (_, index) => ({
				externalId: `P-${index}`,
				id: String(9000 + index),
				name: `Parallel store ${index}`,
			})),
		);
		expect(pairingOf(result.outputs.Genero)).toEqual(
			Array.from({ length: 20 }, (_, item) => ({ item })),
		);
		expect(bed.sim.stats.tokenRequests).toBe(1);
		expect(customerGets()).toHaveLength(20);
		expect(inFlight.max()).toBeGreaterThan(1);
		expect(inFlight.max()).toBeLessThanOrEqual(5);
	});

	test('with Continue On Fail, 404s give one error item each; every item once and in order', async () => {
		const ids = [
			'P-0',
			'gone-1',
			'P-2',
			'P-3',
			'gone-4',
			'P-5',
			'P-6',
			'P-7',
			'gone-8',
			'P-9',
			'P-10',
			'gone-11',
		];
		bed.save(
			'wf-parallel-404',
			generoNode(
				{
					resource: 'customer',
					operation: 'get',
					externalId: `={{ ${JSON.stringify(ids)}[$json.index] }}`,
					options: { parallelRequests: 5 },
				},
				{ onError: 'continueRegularOutput' },
			),
			ids.length,
		);

		const result = await bed.run('wf-parallel-404');

		expect(result.status).toBe('success');
		expect(pairingOf(result.outputs.Genero)).toEqual(ids.map((_, item) => ({ item })));
		expect(jsonOf(result.outputs.Genero)).toEqual(
			ids.map((id) =>
				id.startsWith('gone')
					? { error: expect.stringMatching(/HTTP 404/), description: `Customer ${id} not found` }
					: expect.objectContaining({ externalId: id }),
			),
		);
		expect(
			customerGets()
				.map((request) => decodeURIComponent(request.path.split('/').at(-1) ?? ''))
				.sort(),
		).toEqual([...ids].sort());
		expect(bed.sim.stats.tokenRequests).toBe(1);
	});

	test('without Continue On Fail the first 404 in input order fails the node', async () => {
		const ids = ['P-0', 'P-1', 'gone-2', 'P-3', 'gone-4', 'P-5'];
		bed.save(
			'wf-parallel-strict',
			generoNode({
				resource: 'customer',
				operation: 'get',
				externalId: `={{ ${JSON.stringify(ids)}[$json.index] }}`,
				options: { parallelRequests: 5 },
			}),
			ids.length,
		);

		const result = await bed.run('wf-parallel-strict');

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			httpCode: '404',
			description: 'Customer gone-2 not found',
		});
	});
});
