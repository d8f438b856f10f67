import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { parseJsonObject, requireText } from '../../../shared/parameters/fields';
import { withWarnings } from '../../helpers/envelope';
import { FENERGO_PATHS } from '../../helpers/paths';
import {
	mergeProperties,
	pairsOf,
	PROPERTY_EXAMPLE,
	type FenergoProperty,
} from '../../helpers/properties';
import { splitList } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import {
	additionalDataField,
	additionalFieldsCollection,
	categoryOption,
	entityTypeField,
	optionsCollection,
	propertiesField,
	propertiesJsonField,
	targetEntityField,
} from '../common.descriptions';
import { parallelRequestsField } from '../parallel';

const properties: INodeProperties[] = [
	entityTypeField,
	propertiesField,
	additionalFieldsCollection([
		additionalDataField,
		{
			displayName: 'Alternate ID',
			name: 'alternateId',
			type: 'string',
			default: '',
			description: 'The ID of the entity in the system it comes from (e.g. your CRM)',
		},
		categoryOption,
		{
			displayName: 'Policy Jurisdictions',
			name: 'policyJurisdictions',
			type: 'string',
			default: '',
			placeholder: 'e.g. Global, Ireland',
			description: 'Comma-separated policy jurisdictions',
		},
		propertiesJsonField,
		targetEntityField,
	]),
	optionsCollection([parallelRequestsField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['create'] } },
	properties,
);

interface Input {
	data: IDataObject;
}

/** CreateEntityRequestV2Dto from the node's fields. */
export function createData(
	type: string,
	entityProperties: Record<string, FenergoProperty>,
	fields: IDataObject,
	additionalData?: IDataObject,
): IDataObject {
	const category = splitList(fields.category);
	const jurisdictions = splitList(fields.policyJurisdictions);
	const alternateId = typeof fields.alternateId === 'string' ? fields.alternateId.trim() : '';
	return {
		type,
		properties: entityProperties,
		...(typeof fields.targetEntity === 'string' &&
			fields.targetEntity !== '' && { targetEntity: fields.targetEntity }),
		...(jurisdictions && jurisdictions.length > 0 && { policyJurisdictions: jurisdictions }),
		...(category && category.length > 0 && { category }),
		...(alternateId !== '' && { alternateId }),
		...additionalData,
	};
}

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const node = this.getNode();
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
	const type = requireText(
		node,
		itemIndex,
		this.getNodeParameter('entityType', itemIndex),
		'Entity Type',
	);
	const entityProperties = mergeProperties(
		pairsOf(this.getNodeParameter('properties', itemIndex, {}), 'property'),
		json,
	);
	return { data: createData(type, entityProperties, fields, additionalData) };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	input: Input,
): Promise<IDataObject> {
	const { data, warnings } = await fenergoRequest.call(
		this,
		{ method: 'POST', path: FENERGO_PATHS.createEntity, data: input.data },
		itemIndex,
	);
	const created: IDataObject =
		typeof data === 'object' && data !== null ? (data as IDataObject) : { id: data as string };
	return withWarnings(created, warnings);
}
