import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { ItemOutput } from '../../../shared/items/runner';
import { parseJsonObject, requireText } from '../../../shared/parameters/fields';
import { FENERGO_PATHS } from '../../helpers/paths';
import { pairsOf, plainValues } from '../../helpers/properties';
import { readLimit } from '../../helpers/validation';
import { entityTypeField, listFields, nameValueCollection } from '../common.descriptions';
import { parallelRequestsField } from '../parallel';
import { pager, postList, readSort, type ListInput } from './list';

/** What Data Group Properties (JSON) looks like, for its error descriptions. */
const DATA_GROUP_EXAMPLE = '{"taxIdentifiers": {"taxId": "123456", "taxCountry": "IE"}}';

const properties: INodeProperties[] = [
	entityTypeField,
	nameValueCollection({
		displayName: 'Properties',
		name: 'properties',
		placeholder: 'Add Property',
		description: 'The values a duplicate would share, e.g. lastName = Garcia',
		entry: { displayName: 'Property', name: 'property' },
		namePlaceholder: 'e.g. lastName',
		nameDescription: 'The Fenergo property name',
	}),
	...listFields([
		{
			displayName: 'Data Group Properties (JSON)',
			name: 'dataGroupProperties',
			type: 'json',
			default: '{}',
			description:
				'Data group values a duplicate would share, e.g. {"taxIdentifiers": {"taxId": "123456", "taxCountry": "IE"}}',
		},
		{
			displayName: 'Exclude Role',
			name: 'excludeRole',
			type: 'string',
			default: '',
			placeholder: 'e.g. Client',
			description: 'Leave out entities with this role',
		},
		parallelRequestsField,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['searchForDuplicates'] } },
	properties,
);

interface Input extends ListInput {
	type: string;
	properties: Record<string, string | null>;
	dataGroupProperties?: IDataObject;
	excludeRole?: string;
}

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		type: requireText(
			node,
			itemIndex,
			this.getNodeParameter('entityType', itemIndex),
			'Entity Type',
		),
		properties: plainValues(
			pairsOf(this.getNodeParameter('properties', itemIndex, {}), 'property'),
		),
		dataGroupProperties: parseJsonObject(
			node,
			itemIndex,
			options.dataGroupProperties,
			'Data Group Properties (JSON)',
			DATA_GROUP_EXAMPLE,
		),
		excludeRole: (options.excludeRole as string | undefined)?.trim() || undefined,
		limit: readLimit.call(this, itemIndex),
		...readSort(options),
	};
}

/** SearchForDuplicatesDto for one page. */
export function duplicatesData(input: Input, from: number, size: number): IDataObject {
	const dataGroups =
		input.dataGroupProperties && Object.keys(input.dataGroupProperties).length > 0
			? input.dataGroupProperties
			: undefined;
	return {
		type: input.type,
		properties: input.properties,
		...(dataGroups && { dataGroupProperties: dataGroups }),
		...(input.excludeRole && { excludeRole: input.excludeRole }),
		pager: pager(from, size, input),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	input: Input,
	output: ItemOutput,
): Promise<void> {
	await postList.call(
		this,
		itemIndex,
		output,
		FENERGO_PATHS.searchForDuplicates,
		({ from, size }) => duplicatesData(input, from, size),
		{
			limit: input.limit,
		},
	);
}
