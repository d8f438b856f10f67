import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { generoNode, jsonOf, startGeneroTestbed, type GeneroTestbed } from '../../../testbed';

/**
 * Import mapping through the real engine: Map Automatically (input fields by their Genero names,
 * no expression) and Map Each Field Below, whose plain `{{ $json.field }}` references are read
 * from the item directly and must give what n8n's own evaluation gives.
 */

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

const importNode = (parameters: INodeParameters, extra = {}) =>
	generoNode({ resource: 'customer', operation: 'import', ...parameters }, extra);

/** The entities of every batch call, in order. */
function sentEntities(): IDataObject[] {
	return bed.sim.requests
		.filter((request) => request.method === 'POST' && request.path === '/api/customers/batch')
		.flatMap((request) => JSON.parse(request.body) as IDataObject[]);
}

async function importItems(parameters: INodeParameters, items: IDataObject[], extra = {}) {
	bed.saveAlone('wf', importNode(parameters, extra));
	return await bed.run('wf', { inputItems: items.map((json) => ({ json })) });
}

describe('Map Automatically', () => {
	const auto = (options: Record<string, string> = {}): INodeParameters => ({
		mappingMode: 'autoMapInputData',
		options,
	});

	test('takes input fields by their Genero names, typed like the fields, blanks left out', async () => {
		const result = await importItems(auto({ extraFields: 'ignore' }), [
			{
				externalId: 1001,
				name: '  Ica Maxi  ',
				city: 'Göteborg',
				postalCode: 41101,
				priority: '7',
				active: 'false',
				email: '',
				phone: null,
			},
			{ externalId: 'ERP-2', name: 'Coop', priority: 3, active: true, website: 'https://coop.se' },
		]);

		expect(result.status).toBe('success');
		expect(sentEntities()).toEqual([
			{
				externalId: '1001',
				name: 'Ica Maxi',
				city: 'Göteborg',
				postalCode: '41101',
				priority: 7,
				active: false,
			},
			{ externalId: 'ERP-2', name: 'Coop', priority: 3, active: true, website: 'https://coop.se' },
		]);
		expect(jsonOf(result.outputs.Genero).map((json) => json.externalId)).toEqual(['1001', 'ERP-2']);
	});

	test('input fields Genero does not have: sent as well by default, ignored, or an error', async () => {
		const rows = [{ externalId: 'E-1', name: 'One', segment: 'retail', creditLimit: 5000 }];

		await importItems(auto(), rows);
		expect(sentEntities()).toEqual([
			{ externalId: 'E-1', name: 'One', segment: 'retail', creditLimit: 5000 },
		]);

		bed.sim.resetStats();
		await importItems(auto({ extraFields: 'ignore' }), rows);
		expect(sentEntities()).toEqual([{ externalId: 'E-1', name: 'One' }]);

		bed.sim.resetStats();
		const refused = await importItems(auto({ extraFields: 'error' }), rows);
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toBe(
			'The input item has fields the Genero customer does not have: segment, creditLimit',
		);
		expect(refused.error?.description).toMatch(
			/^Map Automatically takes input fields by their Genero names \(externalId, name, active, address, .*\)\. Rename the others/,
		);
		expect(sentEntities()).toEqual([]);
	});

	test('with On Error: Continue a bad item is an error item and the others are imported', async () => {
		const result = await importItems(
			auto({ extraFields: 'error' }),
			[
				{ externalId: 'E-1', name: 'One' },
				{ externalId: 'E-2', name: 'Two', nmae: 'typo' },
				{ externalId: 'E-3', name: 'Three', priority: 'high' },
				{ externalId: 'E-4' },
				{ name: 'No ID' },
				{ externalId: 'E-6', name: 'Six' },
			],
			{ onError: 'continueRegularOutput' },
		);

		expect(result.status).toBe('success');
		expect(sentEntities().map((entity) => entity.externalId)).toEqual(['E-1', 'E-6']);
		expect(jsonOf(result.outputs.Genero).map((json) => json.error ?? json.success)).toEqual([
			true,
			'The input item has a field the Genero customer does not have: nmae',
			'The input field "priority" must be a number',
			'The input item has no "name"',
			'The customer has no "externalId"',
			true,
		]);
	});
});

describe('Map Each Field Below', () => {
	const rows: IDataObject[] = [
		{
			no: 'A-1',
			title: ' Padded name ',
			zip: 41101,
			'Postal town': 'Lund',
			address: { street: 'Storgatan 1' },
		},
		{ no: 2, title: 'Numbers', zip: '22100', 'Postal town': null, address: {} },
		{
			no: 'A-3',
			title: 'Objects',
			zip: { code: 1 },
			'Postal town': true,
			address: { street: ['x'] },
		},
	];

	/** The same mapping with each field as a plain reference, or wrapped so n8n evaluates it. */
	const mapping = (wrap: (path: string) => string): INodeParameters => ({
		mappingMode: 'defineBelow',
		externalId: wrap('$json.no'),
		name: wrap('$json.title'),
		additionalFields: {
			postalCode: wrap('$json.zip'),
			city: wrap('$json["Postal town"]'),
			address: wrap('$json.address.street'),
			email: wrap('$json.missing'),
		},
		options: {},
	});

	test('plain {{ $json.field }} references give exactly what n8n evaluating them gives', async () => {
		const direct = await importItems(
			mapping((path) => `={{ ${path} }}`),
			rows,
			{ onError: 'continueRegularOutput' },
		);
		const directSent = sentEntities();
		bed.sim.resetStats();
		bed.sim.customers.clear();
		// `(…)` is no plain reference: n8n's expression engine evaluates each of these.
		const evaluated = await importItems(
			mapping((path) => `={{ (${path}) }}`),
			rows,
			{ onError: 'continueRegularOutput' },
		);

		expect(sentEntities()).toEqual(directSent);
		// Genero's ids differ between the two imports; everything else is the same.
		const withoutId = (json: IDataObject[]) => json.map(({ id: _id, ...rest }) => rest);
		expect(withoutId(jsonOf(direct.outputs.Genero))).toEqual(
			withoutId(jsonOf(evaluated.outputs.Genero)),
		);
		expect(directSent[0]).toEqual({
			externalId: 'A-1',
			name: 'Padded name',
			postalCode: 41101,
			city: 'Lund',
			address: 'Storgatan 1',
		});
		expect(directSent[1]).toEqual({ externalId: '2', name: 'Numbers', postalCode: '22100' });
		expect(directSent).toHaveLength(3);
	});

	test('literal values and computed expressions are mapped as before', async () => {
		const result = await importItems(
			{
				mappingMode: 'defineBelow',
				externalId: '={{ "C-" + $json.no }}',
				name: 'Fixed name',
				additionalFields: { country: 'SE', city: '={{ $json.town.toUpperCase() }}' },
				tenant: '',
				options: {},
			},
			[{ no: 1, town: 'Malmö' }],
		);

		expect(result.status).toBe('success');
		expect(sentEntities()).toEqual([
			{ externalId: 'C-1', name: 'Fixed name', country: 'SE', city: 'MALMÖ' },
		]);
	});
});
