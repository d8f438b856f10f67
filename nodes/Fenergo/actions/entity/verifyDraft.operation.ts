import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { withWarnings } from '../../helpers/envelope';
import { FENERGO_PATHS } from '../../helpers/paths';
import { checkedJsonProperties } from '../../helpers/properties';
import { parseJsonObject } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import { draftIdField, draftVersionField, entityIdField } from '../common.descriptions';
import { draftOutput, readDraftTarget, type DraftTarget } from './draft';

const properties: INodeProperties[] = [
	entityIdField,
	draftIdField,
	draftVersionField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Conflict Resolutions (JSON)',
				name: 'conflictResolutions',
				type: 'json',
				default: '{}',
				description:
					'The values to keep where the entity changed since the draft was made, e.g. {"firstName": {"type": "Single", "value": "Tom"}}',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['verifyDraft'] } }, properties);

interface Input {
	target: DraftTarget;
	data: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const target = readDraftTarget.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const json = parseJsonObject.call(this, fields.conflictResolutions, 'Conflict Resolutions (JSON)', itemIndex);
	const resolutions = json && Object.keys(json).length > 0 ? checkedJsonProperties(json, 'Conflict Resolutions (JSON)') : undefined;
	return { target, data: { version: target.version, ...(resolutions && { dataConflictResolutions: resolutions }) } };
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	const { entityId, draftId } = input.target;
	const { data, warnings } = await fenergoRequest.call(
		this,
		{ method: 'PUT', path: FENERGO_PATHS.verifyDraft(entityId, draftId), data: input.data, context: { entityId, draftId } },
		itemIndex,
	);
	return [withWarnings(draftOutput(input.target, data, { verified: true }), warnings)];
}
