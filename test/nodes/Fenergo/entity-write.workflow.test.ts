import type { IDataObject } from 'n8n-workflow';

import { generatedEntityId } from '../../simulators';
import { jsonOf, TENANT, useFenergoRig } from './setup';

const rig = useFenergoRig();
const JOURNEY = '7c4bc3ff-9d5b-4ccd-839b-637c227b1c65';
const entityId = generatedEntityId(3);

async function createDraft(): Promise<IDataObject & { id: string }> {
	const result = await rig.run({
		resource: 'entity',
		operation: 'createDraft',
		entityId,
		journeyId: JOURNEY,
	});
	expect(result.status).toBe('success');
	return result.outputs.Fenergo[0].json as IDataObject & { id: string };
}

describe('Entity › Create', () => {
	it('turns name/value pairs into Single properties and keeps warnings under _messages', async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'create',
			entityType: 'Individual',
			properties: {
				property: [
					{ name: 'firstName', value: 'Ada' },
					{ name: 'lastName', value: 'Lovelace' },
					{ name: 'notInPolicy', value: 'x' },
				],
			},
			additionalFields: {
				targetEntity: 'Client',
				policyJurisdictions: 'Global, Ireland',
				alternateId: 'crm-42',
				propertiesJson:
					'{"addresses": {"type": "Collection", "dataGroupId": "674ccef1-cfdc-46af-97f8-340b24ab7f43", "collections": {}}}',
			},
		});

		expect(result.status).toBe('success');
		const [output] = jsonOf(result.outputs.Fenergo);
		expect(output).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			_messages: [
				{
					message: 'Some sent properties were out of scope and not updated: notInPolicy',
					type: 'Warning',
					errorCode: 'OUT_OF_SCOPE',
				},
			],
		});
		expect(rig.apiCalls()[0]).toMatchObject({
			method: 'POST',
			path: '/entitydatacommand/api/v2/entity',
			body: {
				data: {
					type: 'Individual',
					targetEntity: 'Client',
					policyJurisdictions: ['Global', 'Ireland'],
					alternateId: 'crm-42',
					properties: {
						firstName: { type: 'Single', value: 'Ada' },
						lastName: { type: 'Single', value: 'Lovelace' },
						notInPolicy: { type: 'Single', value: 'x' },
						addresses: {
							type: 'Collection',
							dataGroupId: '674ccef1-cfdc-46af-97f8-340b24ab7f43',
							collections: {},
						},
					},
				},
			},
		});
		const stored = rig.store().get(output.id as string);
		expect(stored).toMatchObject({
			type: 'Individual',
			alternateId: 'crm-42',
			properties: { firstName: { type: 'Single', value: 'Ada' } },
		});
		expect(stored?.properties.notInPolicy).toBeUndefined();
	});

	it("reports Fenergo's validation errors (400) from a body the spec refuses", async () => {
		const result = await rig.run({
			resource: 'entity',
			operation: 'create',
			entityType: 'Company',
			additionalFields: { additionalData: '{"bogusField": 1}' },
		});

		expect(result.error).toMatchObject({
			httpCode: '400',
			message: 'Fenergo rejected the request (HTTP 400)',
		});
		expect(result.error?.description).toContain(
			"data.bogusField: 'BogusField' is not a known field.",
		);
	});
});

describe('Entity › drafts', () => {
	it('creates a draft in a journey', async () => {
		const draft = await createDraft();

		expect(draft).toMatchObject({
			sourceEntityId: entityId,
			journeyId: JOURNEY,
			status: 'InProgress',
			version: 1,
		});
		expect(rig.apiCalls()[0]).toMatchObject({
			method: 'POST',
			path: `/entitydatacommand/api/v2/entity/${entityId}/draft`,
			body: { data: { journeyId: JOURNEY } },
		});
	});

	it('creates, updates and verifies a draft in one workflow, versions chained by expressions', async () => {
		const result = await rig.chain([
			rig.node(
				{ resource: 'entity', operation: 'createDraft', entityId, journeyId: JOURNEY },
				'Create Draft',
			),
			rig.node(
				{
					resource: 'entity',
					operation: 'updateDraft',
					entityId,
					draftId: '={{ $json.id }}',
					draftVersion: '={{ $json.version }}',
					properties: { property: [{ name: 'lastName', value: 'Updated' }] },
				},
				'Update Draft',
			),
			rig.node(
				{
					resource: 'entity',
					operation: 'verifyDraft',
					entityId,
					draftId: '={{ $json.draftId }}',
					draftVersion: '={{ $json.version }}',
				},
				'Verify Draft',
			),
			rig.node(
				{ resource: 'entity', operation: 'get', entityId, options: { version: 2 } },
				'Get Version 2',
			),
		]);

		expect(result.status).toBe('success');
		const draftId = result.outputs['Create Draft'][0].json.id;
		expect(result.outputs['Update Draft'][0].json).toEqual({
			entityId,
			draftId,
			version: 2,
			hasValidationErrors: false,
		});
		expect(result.outputs['Verify Draft'][0].json).toEqual({ entityId, draftId, verified: true });
		expect(result.outputs['Get Version 2'][0].json).toMatchObject({
			id: entityId,
			version: 2,
			properties: { lastName: { value: 'Updated' } },
		});
		expect(rig.store().get(entityId)).toMatchObject({
			version: 2,
			properties: { lastName: { type: 'Single', value: 'Updated' } },
		});
		expect(
			rig.apiCalls(`/draft/${String(draftId)}`).map((call) => [call.method, call.body]),
		).toEqual([
			[
				'PUT',
				{ data: { version: 1, properties: { lastName: { type: 'Single', value: 'Updated' } } } },
			],
			['PUT', { data: { version: 2 } }],
		]);
	});

	it('rejects a draft; a rejected draft can no longer be updated', async () => {
		const draft = await createDraft();
		const reject = await rig.run({
			resource: 'entity',
			operation: 'rejectDraft',
			entityId,
			draftId: draft.id,
			draftVersion: 1,
		});

		expect(reject.outputs.Fenergo[0].json).toEqual({ entityId, draftId: draft.id, rejected: true });
		expect(rig.sim.entityApi.draftStore(TENANT).get(draft.id)?.status).toBe('Rejected');
		expect(rig.apiCalls('/reject')[0].body).toEqual({ data: { version: 1 } });

		const update = await rig.run({
			resource: 'entity',
			operation: 'updateDraft',
			entityId,
			draftId: draft.id,
			draftVersion: -1,
		});
		expect(update.error?.httpCode).toBe('400');
		expect(update.error?.description).toContain(
			'Entity draft is Rejected and can no longer be changed',
		);
	});

	it('says to re-read and retry when the draft version is stale (409)', async () => {
		const draft = await createDraft();
		await rig.run({
			resource: 'entity',
			operation: 'updateDraft',
			entityId,
			draftId: draft.id,
			draftVersion: 1,
		});

		const stale = await rig.run({
			resource: 'entity',
			operation: 'updateDraft',
			entityId,
			draftId: draft.id,
			draftVersion: 1,
			properties: { property: [{ name: 'firstName', value: 'Late' }] },
		});

		expect(stale.error).toMatchObject({
			httpCode: '409',
			message: `Draft ${draft.id} changed since it was read (stale version) (HTTP 409)`,
		});
		expect(stale.error?.description).toContain('get latest and apply your changes');
		expect(stale.error?.description).toContain(
			'Read the draft again and retry with its current version.',
		);
	});

	it('refuses to verify a draft of an entity that changed meanwhile (409) unless conflicts are resolved', async () => {
		const first = await createDraft();
		const second = await createDraft();
		await rig.run({ resource: 'entity', operation: 'verifyDraft', entityId, draftId: first.id });

		const conflicting = await rig.run({
			resource: 'entity',
			operation: 'verifyDraft',
			entityId,
			draftId: second.id,
		});
		expect(conflicting.error?.httpCode).toBe('409');

		const resolved = await rig.run({
			resource: 'entity',
			operation: 'verifyDraft',
			entityId,
			draftId: second.id,
			additionalFields: {
				conflictResolutions: '{"lastName": {"type": "Single", "value": "Resolved"}}',
			},
		});
		expect(resolved.status).toBe('success');
		expect(rig.store().get(entityId)).toMatchObject({
			version: 3,
			properties: { lastName: { value: 'Resolved' } },
		});
	});

	it('names the draft when it is not found (404)', async () => {
		const missingDraft = '99999999-8888-4777-8666-555555555555';
		const result = await rig.run({
			resource: 'entity',
			operation: 'verifyDraft',
			entityId,
			draftId: missingDraft,
		});

		expect(result.error?.message).toBe(
			`Draft ${missingDraft} of entity ${entityId} was not found in this Fenergo tenant (HTTP 404)`,
		);
	});

	it('names the missing permission (403)', async () => {
		const draft = await createDraft();
		rig.sim.entityApi.permissions.delete('EntityDataApprove');

		const result = await rig.run({
			resource: 'entity',
			operation: 'verifyDraft',
			entityId,
			draftId: draft.id,
		});

		expect(result.error).toMatchObject({
			httpCode: '403',
			message: 'The Fenergo API client lacks the permission EntityDataApprove (HTTP 403)',
		});
		expect(result.error?.description).toContain(
			'Access denied. Following permissions are required: EntityDataApprove',
		);
	});

	it('names either permission when any one of several would do (403)', async () => {
		rig.sim.entityApi.permissions.delete('EntityDataEdit');
		rig.sim.entityApi.permissions.delete('EntityGroupManagementEdit');

		const result = await rig.run({
			resource: 'entity',
			operation: 'createDraft',
			entityId,
			journeyId: JOURNEY,
		});

		expect(result.error?.message).toBe(
			'The Fenergo API client lacks the permission EntityDataEdit or EntityGroupManagementEdit (HTTP 403)',
		);
	});

	it('names a missing token scope (403)', async () => {
		await rig.start({}, { scope: 'fenx.entitydata.read' });

		const result = await rig.run({
			resource: 'entity',
			operation: 'createDraft',
			entityId,
			journeyId: JOURNEY,
		});

		expect(result.error?.message).toBe(
			'The Fenergo API client lacks the scope fenx.all or fenx.entitydata.write (HTTP 403)',
		);
	});
});
