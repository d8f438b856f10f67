import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { parseJsonObject } from '../../../shared/parameters/fields';
import { withWarnings } from '../../helpers/envelope';
import { FENERGO_PATHS } from '../../helpers/paths';
import { optionalGuid, requireGuid } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import {
	additionalDataField,
	additionalFieldsCollection,
	entityIdField,
	optionsCollection,
} from '../common.descriptions';
import { parallelRequestsField } from '../parallel';

const properties: INodeProperties[] = [
	entityIdField,
	{
		displayName: 'Journey ID',
		name: 'journeyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7c4bc3ff-9d5b-4ccd-839b-637c227b1c65',
		description: 'The GUID of the journey the draft belongs to',
	},
	additionalFieldsCollection([
		additionalDataField,
		{
			displayName: 'Parent Draft ID',
			name: 'parentDraftId',
			type: 'string',
			default: '',
			description: 'A parent draft to take the jurisdictions from',
		},
	]),
	optionsCollection([parallelRequestsField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['createDraft'] } },
	properties,
);

interface Input {
	entityId: string;
	data: IDataObject;
}

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const node = this.getNode();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const entityId = requireGuid(
		node,
		itemIndex,
		this.getNodeParameter('entityId', itemIndex),
		'Entity ID',
	);
	const journeyId = requireGuid(
		node,
		itemIndex,
		this.getNodeParameter('journeyId', itemIndex),
		'Journey ID',
	);
	const parentDraftId = optionalGuid(node, itemIndex, fields.parentDraftId, 'Parent Draft ID');
	const additionalData = parseJsonObject(
		node,
		itemIndex,
		fields.additionalData,
		'Additional Data (JSON)',
	);
	return {
		entityId,
		data: { journeyId, ...(parentDraftId && { parentDraftId }), ...additionalData },
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	input: Input,
): Promise<IDataObject> {
	const { data, warnings } = await fenergoRequest.call(
		this,
		{
			method: 'POST',
			path: FENERGO_PATHS.createDraft(input.entityId),
			data: input.data,
			context: { entityId: input.entityId },
		},
		itemIndex,
	);
	const draft: IDataObject =
		typeof data === 'object' && data !== null
			? (data as IDataObject)
			: { id: data as string, sourceEntityId: input.entityId };
	return withWarnings(draft, warnings);
}
