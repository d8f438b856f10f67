import type { INodeExecutionData } from 'n8n-workflow';

import {
	AGENCY_CREDENTIAL,
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
	bed.sim.resetStats();
	bed.sim.publicApi.batchCalls.length = 0;
});

/** ERP rows as they reach the node; row `bad` carries an email Genero refuses. */
function erpRows(count: number, bad?: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: {
			externalId: `ERP-${i}`,
			name: `Customer ${i}`,
			city: 'Göteborg',
			email: i === bad ? 'not-an-email' : `c${i}@example.com`,
		},
	}));
}

const importAsIs = (extra = {}) =>
	generoNode({ resource: 'customer', operation: 'import', mappingMode: 'autoMapInputData' }, extra);

const batchCalls = () =>
	bed.sim.requests.filter(
		(request) => request.method === 'POST' && request.path === '/api/customers/batch',
	);

describe('import: all items of a run as batch calls of up to 5,000', () => {
	test('12,000 items make 3 calls; a rejected row is mapped back to its own item (continueOnFail)', async () => {
		bed.saveAlone('wf-import-12k', importAsIs({ onError: 'continueRegularOutput' }));

		const result = await bed.run('wf-import-12k', { inputItems: erpRows(12_000, 7777) });

		expect(result.status).toBe('success');
		expect(bed.sim.publicApi.batchCalls.map(({ size, failed }) => ({ size, failed }))).toEqual([
			{ size: 5000, failed: 0 },
			{ size: 5000, failed: 1 },
			{ size: 2000, failed: 0 },
		]);
		expect(batchCalls()).toHaveLength(3);
		const out = result.outputs.Genero;
		expect(out).toHaveLength(12_000);
		expect(pairingOf(out)).toEqual(Array.from({ length: 12_000 }, (_, item) => ({ item })));
		expect(out[7777].json).toEqual({
			externalId: 'ERP-7777',
			error: 'Genero rejected this customer: Invalid email address: not-an-email',
		});
		expect(out[7776].json).toMatchObject({
			externalId: 'ERP-7776',
			success: true,
			action: 'created',
		});
		expect(out[7778].json).toMatchObject({
			externalId: 'ERP-7778',
			success: true,
			action: 'created',
		});
		expect(out[11_999].json).toMatchObject({ externalId: 'ERP-11999', success: true });
		expect(out.filter((item) => item.json.error !== undefined)).toHaveLength(1);
		expect(result.itemErrors.Genero).toEqual([expect.objectContaining({ itemIndex: 7777 })]);
		expect(bed.sim.customers.has('ERP-7777')).toBe(false);
		expect(bed.sim.customers.get('ERP-11999')).toMatchObject({
			name: 'Customer 11999',
			city: 'Göteborg',
		});
		// The batch answer carries each row's position; the node does not leak it into the items.
		expect(out[0].json.index).toBeUndefined();
	});

	test('without continueOnFail every batch is still sent, then the run fails naming the row', async () => {
		bed.saveAlone('wf-import-strict', importAsIs());

		const result = await bed.run('wf-import-strict', { inputItems: erpRows(10_000, 6001) });

		expect(result.status).toBe('error');
		expect(bed.sim.publicApi.batchCalls.map((call) => call.size)).toEqual([5000, 5000]);
		expect(result.error?.message).toBe(
			'Genero rejected 1 of 10000 customers: item 6001 ("ERP-6001"): Invalid email address: not-an-email',
		);
		expect(result.error?.description).toMatch(/Every batch was sent/);
		expect(bed.sim.customers.has('ERP-9999')).toBe(true);
	});

	test('a second import of the same rows updates them (upsert on the external ID)', async () => {
		bed.saveAlone('wf-import-twice', importAsIs());
		await bed.run('wf-import-twice', { inputItems: erpRows(3) });
		const again = await bed.run('wf-import-twice', { inputItems: erpRows(3) });
		expect(jsonOf(again.outputs.Genero).map((json) => json.action)).toEqual([
			'updated',
			'updated',
			'updated',
		]);
	});

	test('fields mapped by expressions; a row Genero refuses and a row without ID fail on their own', async () => {
		bed.save(
			'wf-import-mapped',
			generoNode(
				{
					resource: 'customer',
					operation: 'import',
					mappingMode: 'defineBelow',
					// Item 3 has no external ID: refused by the node before anything is sent.
					externalId: '={{ $json.index === 3 ? "" : "M-" + $json.index }}',
					name: '={{ "Mapped " + $json.index }}',
					// Item 5's name is too long for Genero.
					additionalFields: {
						jsonFields:
							'={{ JSON.stringify($json.index === 5 ? { name: "x".repeat(201) } : { region: "west" }) }}',
					},
					options: { batchSize: 4 },
				},
				{ onError: 'continueRegularOutput' },
			),
			9,
		);

		const result = await bed.run('wf-import-mapped');

		expect(result.status).toBe('success');
		// 8 rows left after the node refused item 3, in calls of at most 4.
		expect(bed.sim.publicApi.batchCalls.map(({ size, failed }) => [size, failed])).toEqual([
			[4, 0],
			[4, 1],
		]);
		const out = jsonOf(result.outputs.Genero);
		expect(out[3]).toMatchObject({ error: "The 'External ID' field is empty" });
		expect(out[5]).toMatchObject({
			externalId: 'M-5',
			error: 'Genero rejected this customer: name is longer than 200 characters',
		});
		expect(out[8]).toMatchObject({ externalId: 'M-8', success: true });
		expect(pairingOf(result.outputs.Genero)).toEqual(
			Array.from({ length: 9 }, (_, item) => ({ item })),
		);
		expect(JSON.parse(batchCalls()[0].body)[0]).toEqual({
			externalId: 'M-0',
			name: 'Mapped 0',
			region: 'west',
		});
	});

	test('without continueOnFail a row without ID stops the run before any call', async () => {
		bed.saveAlone('wf-import-no-id', importAsIs());
		const rows = erpRows(5);
		delete rows[2].json.externalId;

		const result = await bed.run('wf-import-no-id', { inputItems: rows });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The customer has no "externalId"');
		expect(bed.sim.stats.tokenRequests).toBe(0);
		expect(bed.sim.stats.apiRequests).toBe(0);
	});

	test('a multi-tenant client imports each tenant in its own batches', async () => {
		bed.saveAlone(
			'wf-import-tenants',
			generoNode(
				{
					resource: 'chain',
					operation: 'import',
					mappingMode: 'autoMapInputData',
					tenant: '={{ $json.tenant }}',
				},
				{ credentials: { generoPublicApi: AGENCY_CREDENTIAL } },
			),
		);
		const tenants = ['north', 'south', 'north', 'south', 'north'];
		const inputItems = tenants.map((tenant, i) => ({
			json: { externalId: `CH-${i}`, name: `Chain ${i}`, tenant },
		}));

		const result = await bed.run('wf-import-tenants', { inputItems });

		expect(result.status).toBe('success');
		expect(bed.sim.publicApi.batchCalls.map(({ tenant, size }) => [tenant, size])).toEqual([
			['north', 3],
			['south', 2],
		]);
		expect([...bed.sim.publicApi.collection('chain', 'south').keys()]).toEqual(['CH-1', 'CH-3']);
		expect(pairingOf(result.outputs.Genero)).toEqual(tenants.map((_, item) => ({ item })));
		expect(jsonOf(result.outputs.Genero).map((json) => json.externalId)).toEqual([
			'CH-0',
			'CH-1',
			'CH-2',
			'CH-3',
			'CH-4',
		]);
	});

	test('a batch call that fails as a whole fails each of its items (continueOnFail)', async () => {
		bed.saveAlone('wf-import-500', importAsIs({ onError: 'continueRegularOutput' }));
		bed.sim.injectApiFault({
			status: 503,
			body: { message: 'Import service unavailable' },
			path: '/api/customers/batch',
		});

		const result = await bed.run('wf-import-500', { inputItems: erpRows(3) });

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs.Genero)).toEqual(
			[0, 1, 2].map((i) => ({
				externalId: `ERP-${i}`,
				error: expect.stringMatching(/HTTP 503/),
				description: 'Import service unavailable',
			})),
		);
	});

	test('Batch Size outside 1–5,000 is refused before any call', async () => {
		bed.saveAlone(
			'wf-import-big',
			importAsIs({
				parameters: {
					resource: 'customer',
					operation: 'import',
					mappingMode: 'autoMapInputData',
					options: { batchSize: 6000 },
				},
			}),
		);
		const result = await bed.run('wf-import-big', { inputItems: erpRows(2) });
		expect(result.error?.message).toBe(
			"The 'Batch Size' field must be a whole number from 1 to 5000",
		);
		expect(bed.sim.stats.apiRequests).toBe(0);
	});
});
