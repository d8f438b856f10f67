import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FENERGO_TENANTS, FenergoSimulator, ManualClock, generatedEntityId } from '../index';
import { fenergoSchemas } from './schema-validator';

const SPEC_DIR = '/work/shared/specs/fenergo';
const tenant = FENERGO_TENANTS[0];

describe('request schemas copied from the OpenAPI documents', () => {
	const { files } = fenergoSchemas();

	(existsSync(SPEC_DIR) ? it : it.skip)('match the published specs verbatim', () => {
		for (const file of Object.values(files)) {
			const text = readFileSync(join(SPEC_DIR, file.source), 'utf8');
			expect(createHash('sha256').update(text).digest('hex')).toBe(file.sha256);
			const published = (JSON.parse(text) as { components: { schemas: Record<string, unknown> } })
				.components.schemas;
			for (const [name, schema] of Object.entries(file.schemas))
				expect(schema).toEqual(published[name]);
		}
	});
});

describe('SchemaSet', () => {
	const { query, command } = fenergoSchemas();
	const search = (data: object) =>
		query.validate({ data }, 'EntityAdvancedSearchDtoServiceRequest');

	it('accepts a well-formed advanced search and names what a bad one lacks', () => {
		expect(
			search({
				discriminator: 'EntityAdvancedSearchDto',
				type: 'Individual',
				properties: {},
				pager: { from: 0, size: 100 },
			}),
		).toEqual([]);
		expect(
			search({
				type: '',
				properties: { firstName: { value: 'x', weight: 1 } },
				pager: { from: -1, size: 101, sortOrder: 2 },
			}),
		).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					propertyName: 'data.discriminator',
					errorCode: 'NotEmptyValidator',
				}),
				expect.objectContaining({ propertyName: 'data.type', errorCode: 'NotEmptyValidator' }),
				expect.objectContaining({
					propertyName: 'data.properties.firstName.weight',
					errorCode: 'UnknownPropertyValidator',
				}),
				expect.objectContaining({
					propertyName: 'data.pager.from',
					errorCode: 'InclusiveBetweenValidator',
				}),
				expect.objectContaining({
					propertyName: 'data.pager.size',
					errorMessage: "'Size' must be between 0 and 100. You entered 101.",
				}),
				expect.objectContaining({
					propertyName: 'data.pager.sortOrder',
					errorCode: 'EnumValidator',
				}),
			]),
		);
		expect(
			search({
				discriminator: 'EntityAdvancedSearchInEntityIdsDto',
				type: 'X',
				properties: {},
				pager: {},
			}),
		).toEqual([
			expect.objectContaining({ propertyName: 'data.discriminator', errorCode: 'EqualValidator' }),
		]);
	});

	it('checks each entity property against the concrete property schema its type names', () => {
		const create = (properties: object) =>
			command.validate(
				{ data: { type: 'Individual', properties } },
				'CreateEntityRequestV2DtoServiceRequest',
			);
		expect(
			create({
				firstName: { type: 'Single', value: 'Tom' },
				address: { type: 'Collection', dataGroupId: generatedEntityId(1), collections: {} },
			}),
		).toEqual([]);
		expect(create({ firstName: { type: 'Single', value: 7 } })).toEqual([
			expect.objectContaining({
				propertyName: 'data.properties.firstName.value',
				errorCode: 'TypeValidator',
			}),
		]);
		expect(create({ firstName: { value: 'Tom' } })).toEqual([
			expect.objectContaining({
				propertyName: 'data.properties.firstName.type',
				errorCode: 'EnumValidator',
			}),
		]);
		expect(create({ firstName: { type: 'Single', value: 'Tom', dataGroupId: 'x' } })).toEqual([
			expect.objectContaining({
				propertyName: 'data.properties.firstName.dataGroupId',
				errorCode: 'UnknownPropertyValidator',
			}),
		]);
	});

	it('checks GUID formats', () => {
		expect(
			command.validate({ data: { journeyId: 'journey-1' } }, 'CreateEntityDraftDtoServiceRequest'),
		).toEqual([
			expect.objectContaining({ propertyName: 'data.journeyId', errorCode: 'GuidValidator' }),
		]);
	});
});

describe('FenergoSimulator entity API', () => {
	let sim: FenergoSimulator;
	let token: string;
	const clock = new ManualClock();

	beforeEach(async () => {
		sim = new FenergoSimulator({ clock, generatedEntities: 20 });
		await sim.start();
		const response = await fetch(`${sim.url}/connect/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: 'test-client',
				client_secret: 'test-secret',
				scope: 'fenx.all',
			}),
		});
		token = ((await response.json()) as { access_token: string }).access_token;
	});

	afterEach(async () => await sim.close());

	const call = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${sim.url}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${token}`,
				'x-tenant-id': tenant,
				'content-type': 'application/json',
			},
			...(body !== undefined && { body: JSON.stringify(body) }),
		});
		const text = await response.text();
		return {
			status: response.status,
			headers: response.headers,
			body: text ? (JSON.parse(text) as Record<string, any>) : undefined,
		};
	};

	it('answers a body without the envelope with 400 and Fenergo messages', async () => {
		const answer = await call('POST', '/entitydatacommand/api/v2/entity', { type: 'Individual' });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			data: [
				{
					propertyName: 'data',
					errorMessage: 'Data is required',
					attemptedValue: null,
					errorCode: 'NotNullValidator',
				},
			],
			messages: [
				{
					message: 'Validation failed. data: Data is required',
					type: 'Error',
					errorCode: 'VALIDATION_ERROR',
				},
			],
		});
	});

	it('pages the list and reports the total', async () => {
		const page = await call('POST', '/entitydataquery/api/v2/entity/getentitiespagedlist', {
			data: { pager: { from: 20, size: 5 } },
		});
		expect(page.status).toBe(200);
		expect(page.body?.data.total).toBe(22);
		expect(page.body?.data.items.map((entity: { id: string }) => entity.id)).toEqual([
			generatedEntityId(18),
			generatedEntityId(19),
		]);
	});

	it('keeps versions and refuses stale draft versions', async () => {
		const id = generatedEntityId(0);
		const draft = await call('POST', `/entitydatacommand/api/v2/entity/${id}/draft`, {
			data: { journeyId: generatedEntityId(9) },
		});
		expect(draft.status).toBe(202);
		const draftId = draft.body?.data.id as string;
		const path = `/entitydatacommand/api/v2/entity/${id}/draft/${draftId}`;
		const properties = { lastName: { type: 'Single', value: 'New' } };
		expect((await call('PUT', path, { data: { version: 1, properties } })).body?.data).toEqual({
			version: 2,
			hasValidationErrors: false,
		});
		expect((await call('PUT', path, { data: { version: 1, properties } })).status).toBe(409);
		const verified = await call('PUT', `${path}/verify`, { data: { version: 2 } });
		expect([verified.status, verified.body]).toEqual([202, undefined]);
		expect(
			(await call('GET', `/entitydataquery/api/entity/${id}/version/1`)).body?.data.properties
				.lastName.value,
		).toBe('Garcia');
		expect(
			(await call('GET', `/entitydataquery/api/entity/${id}/version/2`)).body?.data.properties
				.lastName.value,
		).toBe('New');
		expect(
			(await call('GET', `/entitydataquery/api/v2/entity/${id}/draft/${draftId}`)).body?.data
				.status,
		).toBe('Verified');
	});

	it('serves the index configuration the credential test reads', async () => {
		const answer = await call('GET', '/entitydataquery/api/v2/entity-index-configuration');
		expect(answer.status).toBe(200);
		expect(answer.body?.data).toContainEqual(
			expect.objectContaining({
				entityType: 'Individual',
				propertyName: 'lastName',
				reindexingStatus: 'Complete',
			}),
		);
	});

	it('limits the command service per tenant with X-Rate-Limit headers', async () => {
		sim.entityApi.commandRateLimit = { limit: 1, windowMs: 60_000 };
		const create = () =>
			call('POST', '/entitydatacommand/api/v2/entity', {
				data: { type: 'Company', properties: {} },
			});
		expect((await create()).status).toBe(202);
		clock.advance(15_000);
		const refused = await create();
		expect(refused.status).toBe(429);
		expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
		expect(refused.headers.get('x-rate-limit-reset')).toBe('45');
		clock.advance(45_000);
		expect((await create()).status).toBe(202);
	});
});
