import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { parseJsonObject } from '../../../shared/parameters/fields';
import { FENERGO_PATHS } from '../../helpers/paths';
import { checkedJsonProperties, PROPERTY_EXAMPLE } from '../../helpers/properties';
import {
	additionalFieldsCollection,
	draftTargetFields,
	optionsCollection,
} from '../common.descriptions';
import { parallelRequestsField } from '../parallel';
import { changeDraft, readDraftTarget, type DraftChange } from './draft';

const properties: INodeProperties[] = [
	...draftTargetFields,
	additionalFieldsCollection([
		{
			displayName: 'Conflict Resolutions (JSON)',
			name: 'conflictResolutions',
			type: 'json',
			default: '{}',
			description:
				'The values to keep where the entity changed since the draft was made, e.g. {"firstName": {"type": "Single", "value": "Tom"}}',
		},
	]),
	optionsCollection([parallelRequestsField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['verifyDraft'] } },
	properties,
);

type Input = DraftChange;

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const target = readDraftTarget.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const json = parseJsonObject(
		this.getNode(),
		itemIndex,
		fields.conflictResolutions,
		'Conflict Resolutions (JSON)',
		PROPERTY_EXAMPLE,
	);
	const resolutions =
		json && Object.keys(json).length > 0
			? checkedJsonProperties(json, 'Conflict Resolutions (JSON)')
			: undefined;
	return {
		target,
		data: { version: target.version, ...(resolutions && { dataConflictResolutions: resolutions }) },
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	input: Input,
): Promise<IDataObject> {
	return changeDraft.call(this, itemIndex, input.target, FENERGO_PATHS.verifyDraft, input.data, {
		verified: true,
	});
}
