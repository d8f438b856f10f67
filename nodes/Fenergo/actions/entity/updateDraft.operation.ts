import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { parseJsonObject } from '../../../shared/parameters/fields';
import { FENERGO_PATHS } from '../../helpers/paths';
import { mergeProperties, pairsOf, PROPERTY_EXAMPLE } from '../../helpers/properties';
import { optionalGuid, splitList } from '../../helpers/validation';
import {
	additionalDataField,
	additionalFieldsCollection,
	categoryOption,
	draftTargetFields,
	optionsCollection,
	propertiesField,
	propertiesJsonField,
	targetEntityField,
} from '../common.descriptions';
import { parallelRequestsField } from '../parallel';
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
			description:
				'The journey the change happens in (with Task ID, lets Fenergo re-read related data)',
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
	optionsCollection([parallelRequestsField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['updateDraft'] } },
	properties,
);

type Input = DraftChange;

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const node = this.getNode();
	const target = readDraftTarget.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const json = parseJsonObject(
		node,
		itemIndex,
		fields.propertiesJson,
		'Properties (JSON)',
		PROPERTY_EXAMPLE,
	);
	const additionalData = parseJsonObject(
		node,
		itemIndex,
		fields.additionalData,
		'Additional Data (JSON)',
	);
	const journeyId = optionalGuid(node, itemIndex, fields.journeyId, 'Journey ID');
	const taskId = optionalGuid(node, itemIndex, fields.taskId, 'Task ID');
	const category = splitList(fields.category);
	const entityType = typeof fields.entityType === 'string' ? fields.entityType.trim() : '';
	const data: IDataObject = {
		version: target.version,
		properties: mergeProperties(
			pairsOf(this.getNodeParameter('properties', itemIndex, {}), 'property'),
			json,
		),
		...(entityType !== '' && { entityType }),
		...(typeof fields.targetEntity === 'string' &&
			fields.targetEntity !== '' && { targetEntity: fields.targetEntity }),
		...(category && category.length > 0 && { category }),
		...(journeyId && { journeyId }),
		...(taskId && { taskId }),
		...additionalData,
	};
	return { target, data };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	input: Input,
): Promise<IDataObject> {
	return changeDraft.call(this, itemIndex, input.target, FENERGO_PATHS.updateDraft, input.data);
}
