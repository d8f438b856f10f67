import { FENERGO_SEED_ENTITIES, GENERATED_CREATED_FROM, generatedEntityId } from '../../simulators';
import { jsonOf, TENANT, useFenergoRig } from './setup';

const rig = useFenergoRig();
const seeded = FENERGO_SEED_ENTITIES[0];
/** 2 fixed seeds + 300 generated entities per tenant. */
const TOTAL = 302;

describe('Entity › Get', () => {
	it('returns the entity as Fenergo holds it, with the tenant header and one token', async () => {
		const result = await rig.run({ resource: 'entity', operation: 'get', entityId: seeded.id });

		expect(result.status).toBe('success');
		expect(result.outputs.Fenergo).toEqual([{ json: seeded, pairedItem: { item: 0 } }]);
		const [call] = rig.apiCalls();
		expect(call).toMatchObject({
			method: 'GET',
			path: `/entitydataquery/api/v2/entity/${seeded.id}`,
		});
		expect(call.headers['x-tenant-id']).toBe(TENANT);
		expect(call.headers.authorization).toMatch(/^Bearer ey/);
		expect(rig.sim.stats).toMatchObject({ tokensIssued: 1, apiRequests: 1, api401: 0 });
	});

	it('reads one entity per input item, ids mapped by expression', async () => {
		const ids = [generatedEntityId(0), generatedEntityId(1), generatedEntityId(2)];
		const result = await rig.run(
			{ resource: 'entity', operation: 'get', entityId: '={{ $json.id }}' },
			{ items: ids.map((id) => ({ id })) },
		);

		expect(jsonOf(result.outputs.Fenergo).map((entity) => entity.id)).toEqual(ids);
		expect(result.outputs.Fenergo.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(rig.sim.stats.tokensIssued).toBe(1);
	});

	it('reads a given version through the v1 version path', async () => {
		const id = generatedEntityId(0);
		const entity = rig.store().get(id)!;
		entity.properties.lastName = { type: 'Single', value: 'Changed' };
		entity.version = 2;
		rig.sim.entityApi.versions(TENANT, id).push(structuredClone(entity));

		const result = await rig.run({
			resource: 'entity',
			operation: 'get',
			entityId: id,
			options: { version: 1 },
		});

		expect(result.status).toBe('success');
		expect(result.outputs.Fenergo[0].json).toMatchObject({
			id,
			version: 1,
			properties: { lastName: { value: 'Garcia' } },
		});
		expect(rig.apiCalls()[0].path).toBe(`/entitydataquery/api/entity/${id}/version/1`);
	});

	it('names the entity id when it is not found (404)', async () => {
		const missing = '11111111-2222-4333-8444-555555555555';
		const result = await rig.run({ resource: 'entity', operation: 'get', entityId: missing });

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ httpCode: '404', node: 'Fenergo' });
		expect(result.error?.message).toBe(
			`Entity ${missing} was not found in this Fenergo tenant (HTTP 404)`,
		);
		expect(result.error?.description).toContain('Entity not found');
	});

	it('names the version when that version does not exist', async () => {
		const id = generatedEntityId(5);
		const result = await rig.run({
			resource: 'entity',
			operation: 'get',
			entityId: id,
			options: { version: 7 },
		});

		expect(result.error?.message).toBe(
			`Version 7 of entity ${id} was not found in this Fenergo tenant (HTTP 404)`,
		);
	});
});

describe('Entity › Get Many (paged list)', () => {
	it('returns every entity over several pages with Return All', async () => {
		const result = await rig.run({ resource: 'entity', operation: 'getMany', returnAll: true });

		expect(result.status).toBe('success');
		const ids = jsonOf(result.outputs.Fenergo).map((entity) => entity.id);
		expect(ids).toHaveLength(TOTAL);
		expect(new Set(ids).size).toBe(TOTAL);
		expect(
			result.outputs.Fenergo.every((item) => (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
		expect(rig.apiCalls().map((call) => call.body.data)).toEqual([
			{ pager: { from: 0, size: 100 } },
			{ pager: { from: 100, size: 100 } },
			{ pager: { from: 200, size: 100 } },
			{ pager: { from: 300, size: 100 } },
		]);
	});

	it('stops at the limit, asking only for what is still needed', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'getMany',
			returnAll: false,
			limit: 150,
		});

		expect(result.outputs.Fenergo).toHaveLength(150);
		expect(rig.apiCalls().map((call) => call.body.data)).toEqual([
			{ pager: { from: 0, size: 100 } },
			{ pager: { from: 100, size: 50 } },
		]);
	});

	it('sends the sort of the options, descending as 1', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'getMany',
			limit: 3,
			options: { sortBy: 'created', sortOrder: 'descending' },
		});

		const created = jsonOf(result.outputs.Fenergo).map((entity) => entity.created);
		expect(created).toEqual([...created].sort().reverse());
		expect(created[0]).toBe(new Date(GENERATED_CREATED_FROM + 299 * 60_000).toISOString());
		expect(rig.apiCalls()[0].body.data).toEqual({
			pager: { from: 0, size: 3, sortBy: 'created', sortOrder: 1 },
		});
	});

	it('pages with searchAfter (the last created date) when asked to', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'getMany',
			returnAll: true,
			options: { paging: 'searchAfter' },
		});

		const entities = jsonOf(result.outputs.Fenergo);
		expect(entities).toHaveLength(TOTAL);
		expect(new Set(entities.map((entity) => entity.id)).size).toBe(TOTAL);
		const bodies = rig
			.apiCalls()
			.map((call) => call.body.data as { searchAfter?: string; pager: object });
		expect(bodies).toHaveLength(4);
		expect(bodies[0]).toEqual({ pager: { from: 0, size: 100, sortBy: 'created' } });
		expect(bodies[1]).toEqual({
			pager: { from: 0, size: 100, sortBy: 'created' },
			searchAfter: entities[99].created,
		});
		expect(bodies[3].searchAfter).toBe(entities[299].created);
	});
});

describe('Entity › Search (advanced search)', () => {
	it('sends the advanced-search body and returns one item per entity', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'search',
			entityType: 'Individual',
			filters: { filter: [{ name: 'lastName', value: 'garcia', boost: 20 }] },
			returnAll: true,
			options: { sortBy: 'firstName' },
		});

		expect(result.status).toBe('success');
		const found = jsonOf(result.outputs.Fenergo);
		expect(found.length).toBeGreaterThan(5);
		for (const entity of found) {
			expect(entity).toMatchObject({
				type: 'Individual',
				properties: { lastName: { value: 'Garcia' } },
			});
		}
		expect(rig.apiCalls()[0].body).toEqual({
			data: {
				discriminator: 'EntityAdvancedSearchDto',
				type: 'Individual',
				properties: { lastName: { value: 'garcia', boost: 20 } },
				pager: { from: 0, size: 100, sortBy: 'firstName' },
			},
		});
	});

	it('pages through a large result up to the limit', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'search',
			entityType: 'Individual',
			limit: 130,
		});

		expect(result.outputs.Fenergo).toHaveLength(130);
		expect(rig.apiCalls().map((call) => (call.body.data as { pager: object }).pager)).toEqual([
			{ from: 0, size: 100 },
			{ from: 100, size: 30 },
		]);
	});

	it('merges the JSON filters over the pairs', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'search',
			entityType: 'Company',
			limit: 5,
			options: { filtersJson: '{"legalEntityName": {"value": "Acme", "propertyType": "Single"}}' },
		});

		expect(jsonOf(result.outputs.Fenergo).map((entity) => entity.id)).toEqual([
			FENERGO_SEED_ENTITIES[1].id,
		]);
	});
});

describe('Entity › Search by Name', () => {
	it('finds entities by legal name', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'searchByName',
			name: 'Acme Holdings',
		});

		expect(jsonOf(result.outputs.Fenergo).map((entity) => entity.id)).toEqual([
			FENERGO_SEED_ENTITIES[1].id,
		]);
		expect(rig.apiCalls()[0].body).toEqual({
			data: { name: 'Acme Holdings', pager: { from: 0, size: 50 } },
		});
	});

	it('pages a plain list answer until a short page', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'searchByName',
			name: 'Company',
			returnAll: true,
		});

		expect(result.outputs.Fenergo).toHaveLength(100);
		expect(rig.apiCalls()).toHaveLength(2);
	});
});

describe('Entity › Search for Duplicates', () => {
	it('sends plain values and returns the matches', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'searchForDuplicates',
			entityType: 'Individual',
			properties: {
				property: [
					{ name: 'lastName', value: 'Garcia' },
					{ name: 'firstName', value: 'Luis' },
				],
			},
			returnAll: true,
			options: { excludeRole: 'Related Party' },
		});

		const found = jsonOf(result.outputs.Fenergo);
		expect(found.map((entity) => entity.id)).toContain(seeded.id);
		for (const entity of found)
			expect((entity.role as { name?: string } | undefined)?.name).not.toBe('Related Party');
		expect(rig.apiCalls()[0].body).toEqual({
			data: {
				type: 'Individual',
				properties: { lastName: 'Garcia', firstName: 'Luis' },
				excludeRole: 'Related Party',
				pager: { from: 0, size: 100 },
			},
		});
	});
});
