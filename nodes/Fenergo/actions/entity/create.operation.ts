import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { withWarnings } from '../../helpers/envelope';
import { FENERGO_PATHS } from '../../helpers/paths';
import { mergeProperties, pairsOf, type FenergoProperty } from '../../helpers/properties';
import { parseJsonObject, requireText, splitList } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import {
	additionalDataField,
	additionalFieldsCollection,
	categoryOption,
	entityTypeField,
	propertiesField,
	propertiesJsonField,
	targetEntityField,
} from '../common.descriptions';

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
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['create'] } }, properties);

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
		...(typeof fields.targetEntity === 'string' && fields.targetEntity !== '' && { targetEntity: fields.targetEntity }),
		...(jurisdictions && jurisdictions.length > 0 && { policyJurisdictions: jurisdictions }),
		...(category && category.length > 0 && { category }),
		...(alternateId !== '' && { alternateId }),
		...additionalData,
	};
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const json = parseJsonObject.call(this, fields.propertiesJson, 'Properties (JSON)', itemIndex);
	const additionalData = parseJsonObject.call(this, fields.additionalData, 'Additional Data (JSON)', itemIndex);
	const type = requireText.call(this, this.getNodeParameter('entityType', itemIndex), 'Entity Type', itemIndex);
	const entityProperties = mergeProperties(pairsOf(this.getNodeParameter('properties', itemIndex, {}), 'property'), json);
	return { data: createData(type, entityProperties, fields, additionalData) };
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	const { data, warnings } = await fenergoRequest.call(
		this,
		{ method: 'POST', path: FENERGO_PATHS.createEntity, data: input.data },
		itemIndex,
	);
	const created: IDataObject = typeof data === 'object' && data !== null ? (data as IDataObject) : { id: data as string };
	return [withWarnings(created, warnings)];
}
