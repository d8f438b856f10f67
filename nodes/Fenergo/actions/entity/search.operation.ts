import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { ItemOutput } from '../../../shared/items/runner';
import { parseJsonObject, requireText } from '../../../shared/parameters/fields';
import { FENERGO_PATHS } from '../../helpers/paths';
import { pairsOf, searchFilters, type SearchFilter } from '../../helpers/properties';
import { readLimit } from '../../helpers/validation';
import { entityTypeField, listFields, nameValueCollection } from '../common.descriptions';
import { parallelRequestsField } from '../parallel';
import { pager, postList, readSort, type ListInput } from './list';

/** What Property Filters (JSON) looks like, for its error descriptions. */
const FILTER_EXAMPLE = '{"firstName": {"value": "Tom"}}';

const properties: INodeProperties[] = [
	entityTypeField,
	nameValueCollection({
		displayName: 'Property Filters',
		name: 'filters',
		placeholder: 'Add Filter',
		description: 'Entity properties to match, e.g. firstName = Tom',
		entry: { displayName: 'Filter', name: 'filter' },
		namePlaceholder: 'e.g. firstName',
		nameDescription: 'The Fenergo property name',
		more: [
			{
				displayName: 'Boost',
				name: 'boost',
				type: 'number',
				default: 0,
				description: 'How much a match on this property counts towards the score (0 leaves it out)',
			},
		],
	}),
	...listFields([
		{
			displayName: 'Minimum Score',
			name: 'minScore',
			type: 'number',
			default: 0,
			description: 'Leave out matches scoring below this (0 sends no minimum)',
		},
		{
			displayName: 'Property Filters (JSON)',
			name: 'filtersJson',
			type: 'json',
			default: '{}',
			description:
				'Filters in Fenergo\'s own shape, e.g. {"addresses": {"properties": {"city": {"value": "Madrid"}}}}. Entries here win over Property Filters with the same name.',
		},
		parallelRequestsField,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['search'] } },
	properties,
);

interface Input extends ListInput {
	type: string;
	filters: IDataObject;
	minScore?: number;
}

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const json = parseJsonObject(
		node,
		itemIndex,
		options.filtersJson,
		'Property Filters (JSON)',
		FILTER_EXAMPLE,
	);
	const minScore =
		typeof options.minScore === 'number' && options.minScore > 0 ? options.minScore : undefined;
	return {
		type: requireText(
			node,
			itemIndex,
			this.getNodeParameter('entityType', itemIndex),
			'Entity Type',
		),
		filters: searchFilters(
			pairsOf<SearchFilter>(this.getNodeParameter('filters', itemIndex, {}), 'filter'),
			json,
		),
		limit: readLimit.call(this, itemIndex),
		minScore,
		...readSort(options),
	};
}

/** EntityAdvancedSearchDto for one page. */
export function searchData(input: Input, from: number, size: number): IDataObject {
	return {
		discriminator: 'EntityAdvancedSearchDto',
		type: input.type,
		properties: input.filters,
		pager: pager(from, size, input),
		...(input.minScore !== undefined && { minScore: input.minScore }),
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
		FENERGO_PATHS.advancedSearch,
		({ from, size }) => searchData(input, from, size),
		{
			limit: input.limit,
		},
	);
}
