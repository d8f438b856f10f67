import { FENERGO_TOKEN_LIFETIME_SECONDS, generatedEntityId } from '../../simulators';
import { CLIENT_SECRET, jsonOf, useFenergoRig } from './setup';

const rig = useFenergoRig();
const MISSING = '11111111-2222-4333-8444-555555555555';
const throttled = (headers: Record<string, string>) => ({
	status: 429,
	headers,
	body: {
		data: null,
		messages: [{ message: 'Too many requests', type: 'Error', errorCode: 'TOO_MANY_REQUESTS' }],
	},
});

describe('paging with an expiring token', () => {
	it('refreshes the token between pages before it expires: no 401, exactly one extra token fetch', async () => {
		rig.sim.entityApi.onPage = (page) => {
			// After the second page the first token is past its lifetime on the simulator's clock.
			if (page.pageNumber === 2) rig.clock.advance(FENERGO_TOKEN_LIFETIME_SECONDS * 1000 + 1000);
		};

		const result = await rig.run({ resource: 'entity', operation: 'getMany', returnAll: true });

		expect(result.status).toBe('success');
		expect(result.outputs.Fenergo).toHaveLength(302);
		const tokensSeen = rig.apiCalls().map((call) => String(call.headers.authorization));
		expect(tokensSeen).toHaveLength(4);
		expect(new Set(tokensSeen.slice(0, 2)).size).toBe(1);
		expect(new Set(tokensSeen.slice(2)).size).toBe(1);
		expect(tokensSeen[2]).not.toBe(tokensSeen[0]);
		expect(rig.sim.stats.api401).toBe(0);
		expect(rig.sim.stats.tokensIssued).toBe(2);
		expect(rig.sim.stats.tokenRequests).toBe(2);
	});
});

describe('rate limiting (429)', () => {
	it('waits for the X-Rate-Limit-Reset the answer announces, then succeeds', async () => {
		rig.sim.injectApiFault(throttled({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '7' }));

		const result = await rig.run({
			resource: 'entity',
			operation: 'get',
			entityId: generatedEntityId(1),
		});

		expect(result.status).toBe('success');
		expect(result.outputs.Fenergo[0].json.id).toBe(generatedEntityId(1));
		expect(rig.sleeps).toEqual([7000]);
		expect(rig.sim.stats.apiRequests).toBe(2);
	});

	it('waits for Retry-After too', async () => {
		rig.sim.injectApiFault(throttled({ 'retry-after': '3' }));

		const result = await rig.run({ resource: 'entity', operation: 'getMany', limit: 5 });

		expect(result.outputs.Fenergo).toHaveLength(5);
		expect(rig.sleeps).toEqual([3000]);
	});

	it('paces writes against the command service limit using the announced reset', async () => {
		rig.sim.entityApi.commandRateLimit = { limit: 2, windowMs: 60_000 };

		const result = await rig.run(
			{
				resource: 'entity',
				operation: 'create',
				entityType: 'Company',
				properties: { property: [{ name: 'legalEntityName', value: '={{ $json.name }}' }] },
			},
			{ items: [{ name: 'One Ltd' }, { name: 'Two Ltd' }, { name: 'Three Ltd' }] },
		);

		expect(result.status).toBe('success');
		expect(result.outputs.Fenergo).toHaveLength(3);
		expect(rig.sleeps).toEqual([60_000]);
		// Two admitted, one refused with x-rate-limit-reset: 60, the same one admitted after the wait.
		expect(rig.apiCalls('/entitydatacommand')).toHaveLength(4);
		expect(rig.store().size).toBe(302 + 3);
	});

	it('fails clearly when Fenergo keeps limiting after the bounded waits', async () => {
		for (let i = 0; i < 4; i++) rig.sim.injectApiFault(throttled({ 'x-rate-limit-reset': '2' }));

		const result = await rig.run({
			resource: 'entity',
			operation: 'get',
			entityId: generatedEntityId(1),
		});

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			httpCode: '429',
			message: 'Fenergo kept limiting requests after the announced wait (HTTP 429)',
		});
		expect(result.error?.description).toContain('Too many requests');
		expect(rig.sleeps).toEqual([2000, 2000, 2000]);
	});
});

describe('continue on fail', () => {
	it('pairs the failed item to its input and drops nothing', async () => {
		const ids = [generatedEntityId(0), MISSING, generatedEntityId(2)];

		const result = await rig.run(
			{ resource: 'entity', operation: 'get', entityId: '={{ $json.id }}' },
			{ items: ids.map((id) => ({ id })), continueOnFail: true },
		);

		expect(result.status).toBe('success');
		expect(result.outputs.Fenergo.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.outputs.Fenergo[0].json.id).toBe(ids[0]);
		expect(result.outputs.Fenergo[1].json).toEqual({
			error: `Entity ${MISSING} was not found in this Fenergo tenant (HTTP 404)`,
			description:
				"Entity not found (NotFound) — Check the id, and that the credential's Tenant ID is the tenant holding the record.",
		});
		expect(result.outputs.Fenergo[2].json.id).toBe(ids[2]);
	});

	it('pairs an item whose parameters are invalid, and still runs the others', async () => {
		const result = await rig.run(
			{ resource: 'entity', operation: 'get', entityId: '={{ $json.id }}' },
			{ items: [{ id: generatedEntityId(0) }, { id: 'not-a-guid' }], continueOnFail: true },
		);

		expect(jsonOf(result.outputs.Fenergo)).toEqual([
			expect.objectContaining({ id: generatedEntityId(0) }),
			{
				error: "The 'Entity ID' field is not a GUID",
				description: expect.stringContaining('\'Entity ID\' is "not-a-guid"'),
			},
		]);
		expect(result.outputs.Fenergo[1].pairedItem).toEqual({ item: 1 });
		expect(rig.sim.stats.apiRequests).toBe(1);
	});

	it('without it, the first failure stops the execution with the item index', async () => {
		const result = await rig.run(
			{
				resource: 'entity',
				operation: 'get',
				entityId: '={{ $json.id }}',
				options: { parallelRequests: 1 },
			},
			{ items: [{ id: generatedEntityId(0) }, { id: MISSING }, { id: generatedEntityId(2) }] },
		);

		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('404');
		expect(result.run.data.resultData.error).toMatchObject({ context: { itemIndex: 1 } });
		expect(rig.sim.stats.apiRequests).toBe(2);
	});
});

describe('validation before any request', () => {
	const noTraffic = () => {
		expect(rig.sim.stats.apiRequests).toBe(0);
		expect(rig.sim.stats.tokenRequests).toBe(0);
	};

	it.each([
		[
			'an entity id mapped from an empty field',
			{ operation: 'get', entityId: '={{ $json.missing }}' },
			"The 'Entity ID' field is empty",
		],
		[
			'an entity id that is no GUID',
			{ operation: 'get', entityId: '42' },
			"The 'Entity ID' field is not a GUID",
		],
		[
			'a limit of 0',
			{ operation: 'getMany', returnAll: false, limit: 0 },
			"The 'Limit' field must be a whole number from 1 to 10000",
		],
		[
			'a limit above 10000',
			{ operation: 'search', entityType: 'Individual', limit: 10001 },
			"The 'Limit' field must be a whole number from 1 to 10000",
		],
		[
			'a version of 0',
			{ operation: 'get', entityId: generatedEntityId(0), options: { version: 0 } },
			"The 'Version' field must be a whole number of at least 1",
		],
		[
			'JSON filters that do not parse',
			{ operation: 'search', entityType: 'Individual', options: { filtersJson: '{"firstName": ' } },
			"The 'Property Filters (JSON)' field is not valid JSON",
		],
		[
			'JSON properties that are no Fenergo properties',
			{
				operation: 'create',
				entityType: 'Individual',
				additionalFields: { propertiesJson: '{"firstName": "Tom"}' },
			},
			'Properties (JSON): "firstName" is not a Fenergo property',
		],
		[
			'a property without a name',
			{
				operation: 'create',
				entityType: 'Individual',
				properties: { property: [{ name: ' ', value: 'x' }] },
			},
			'Properties: entry 1 has no name',
		],
		[
			'a journey id that is no GUID',
			{ operation: 'createDraft', entityId: generatedEntityId(0), journeyId: 'journey-1' },
			"The 'Journey ID' field is not a GUID",
		],
		[
			'a draft version below -1',
			{
				operation: 'rejectDraft',
				entityId: generatedEntityId(0),
				draftId: generatedEntityId(1),
				draftVersion: -2,
			},
			"The 'Draft Version' field must be a whole number of at least -1",
		],
		['an empty name', { operation: 'searchByName', name: '  ' }, "The 'Name' field is empty"],
		[
			'search after paging with another sort',
			{ operation: 'getMany', options: { paging: 'searchAfter', sortBy: 'type' } },
			'Search After paging sorts by created date',
		],
	])('refuses %s without calling Fenergo', async (_case, parameters, message) => {
		const result = await rig.run({ resource: 'entity', ...parameters });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		noTraffic();
	});

	it('checks every item before the first call: a bad third item means no request at all', async () => {
		const result = await rig.run(
			{
				resource: 'entity',
				operation: 'createDraft',
				entityId: '={{ $json.id }}',
				journeyId: '7c4bc3ff-9d5b-4ccd-839b-637c227b1c65',
			},
			{ items: [{ id: generatedEntityId(0) }, { id: generatedEntityId(1) }, { id: 'oops' }] },
		);

		expect(result.error?.message).toBe("The 'Entity ID' field is not a GUID");
		expect(result.error?.description).toContain('"oops"');
		expect(result.run.data.resultData.error).toMatchObject({ context: { itemIndex: 2 } });
		noTraffic();
		expect(rig.sim.entityApi.draftStore(rig.sim.tenants[1]).size).toBe(0);
	});

	it("checks the credential's tenant GUID first", async () => {
		await rig.start({}, { tenantId: 'my-tenant' });

		const result = await rig.run({
			resource: 'entity',
			operation: 'get',
			entityId: generatedEntityId(0),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The credential\'s Tenant ID "my-tenant" is not a GUID');
		noTraffic();
	});
});

describe('other Fenergo answers', () => {
	it('says an obsolete endpoint (410) is switched off', async () => {
		rig.sim.injectApiFault({
			status: 410,
			headers: { sunset: 'Wed, 01 Jul 2026 00:00:00 GMT' },
			body: {
				data: null,
				messages: [
					{
						message: 'This endpoint is obsolete and was terminated on 2026-07-01',
						type: 'Error',
						errorCode: 'OBSOLETE_ENDPOINT',
					},
				],
			},
		});

		const result = await rig.run({ resource: 'entity', operation: 'getMany', limit: 1 });

		expect(result.error).toMatchObject({
			httpCode: '410',
			message: 'This Fenergo endpoint is obsolete and was switched off (HTTP 410)',
		});
		expect(result.error?.description).toContain(
			'This endpoint is obsolete and was terminated on 2026-07-01',
		);
	});

	it('fails on an Error message inside a success answer', async () => {
		rig.sim.injectApiFault({
			status: 200,
			body: {
				data: null,
				messages: [
					{ message: 'Entity is locked by a journey', type: 'Error', errorCode: 'ENTITY_LOCKED' },
				],
			},
		});

		const result = await rig.run({
			resource: 'entity',
			operation: 'get',
			entityId: generatedEntityId(0),
		});

		expect(result.error?.message).toBe('Fenergo reported an error: Entity is locked by a journey');
		expect(result.error?.description).toBe('Entity is locked by a journey (ENTITY_LOCKED)');
	});

	it('keeps warnings of a list page on its items', async () => {
		rig.sim.injectApiFault({
			status: 200,
			body: {
				data: { items: [{ id: generatedEntityId(0) }, { id: generatedEntityId(1) }], total: 2 },
				messages: [
					{ message: 'Some properties are masked', type: 'Warning', errorCode: 'MASKED' },
					{ message: 'Served from cache', type: 'Info', errorCode: null },
				],
			},
		});

		const result = await rig.run({ resource: 'entity', operation: 'getMany', returnAll: true });

		expect(jsonOf(result.outputs.Fenergo)).toEqual([
			{
				id: generatedEntityId(0),
				_messages: [
					{ message: 'Some properties are masked', type: 'Warning', errorCode: 'MASKED' },
				],
			},
			{
				id: generatedEntityId(1),
				_messages: [
					{ message: 'Some properties are masked', type: 'Warning', errorCode: 'MASKED' },
				],
			},
		]);
	});

	it('never shows the client secret or the token in outputs or errors', async () => {
		const ok = await rig.run({
			resource: 'entity',
			operation: 'get',
			entityId: generatedEntityId(0),
		});
		const failed = await rig.run(
			{ resource: 'entity', operation: 'get', entityId: MISSING },
			{ continueOnFail: true },
		);
		rig.sim.injectApiFault({
			status: 500,
			body: { message: `boom ${[...rig.sim.tokens.keys()][0]}` },
		});
		const crashed = await rig.run({
			resource: 'entity',
			operation: 'get',
			entityId: generatedEntityId(0),
		});

		const token = [...rig.sim.tokens.keys()][0];
		for (const text of [ok, failed, crashed].map((result) =>
			JSON.stringify({ outputs: result.outputs, error: result.error }),
		)) {
			expect(text).not.toContain(CLIENT_SECRET);
			expect(text).not.toContain(token);
		}
		expect(crashed.error?.httpCode).toBe('500');
	});
});
