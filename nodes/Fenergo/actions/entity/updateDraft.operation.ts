import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { FENERGO_PATHS } from '../../helpers/paths';
import { mergeProperties, pairsOf } from '../../helpers/properties';
import { optionalGuid, parseJsonObject, splitList } from '../../helpers/validation';
import {
	additionalDataField,
	additionalFieldsCollection,
	categoryOption,
	draftTargetFields,
	propertiesField,
	propertiesJsonField,
	targetEntityField,
} from '../common.descriptions';
import { changeDraft, readDraftTarget, type DraftChange } from './draft';

const properties: INodeProperties[] = [
	...draftTargetFields,
	propertiesField,
	additionalFieldsCollection([
		additionalDataField,
		categoryOption,
		{
			displayName: 'Entity Type',
			name: 'entityType',
			type: 'string',
			default: '',
			placeholder: 'e.g. Individual',
			description: 'Change the type of the entity',
		},
		{
			displayName: 'Journey ID',
			name: 'journeyId',
			type: 'string',
			default: '',
			description: 'The journey the change happens in (with Task ID, lets Fenergo re-read related data)',
		},
		propertiesJsonField,
		targetEntityField,
		{
			displayName: 'Task ID',
			name: 'taskId',
			type: 'string',
			default: '',
			description: 'The task the change happens in',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['updateDraft'] } }, properties);

type Input = DraftChange;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const target = readDraftTarget.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const json = parseJsonObject.call(this, fields.propertiesJson, 'Properties (JSON)', itemIndex);
	const additionalData = parseJsonObject.call(this, fields.additionalData, 'Additional Data (JSON)', itemIndex);
	const journeyId = optionalGuid.call(this, fields.journeyId, 'Journey ID', itemIndex);
	const taskId = optionalGuid.call(this, fields.taskId, 'Task ID', itemIndex);
	const category = splitList(fields.category);
	const entityType = typeof fields.entityType === 'string' ? fields.entityType.trim() : '';
	const data: IDataObject = {
		version: target.version,
		properties: mergeProperties(pairsOf(this.getNodeParameter('properties', itemIndex, {}), 'property'), json),
		...(entityType !== '' && { entityType }),
		...(typeof fields.targetEntity === 'string' && fields.targetEntity !== '' && { targetEntity: fields.targetEntity }),
		...(category && category.length > 0 && { category }),
		...(journeyId && { journeyId }),
		...(taskId && { taskId }),
		...additionalData,
	};
	return { target, data };
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	return changeDraft.call(this, itemIndex, input.target, FENERGO_PATHS.updateDraft, input.data);
}
