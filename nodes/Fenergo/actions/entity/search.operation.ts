import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { collectPages, sortOrderValue } from '../../helpers/pager';
import { FENERGO_PATHS } from '../../helpers/paths';
import { pairsOf, searchFilters, type SearchFilter } from '../../helpers/properties';
import { parseJsonObject, readLimit, requireText } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import { entityTypeField, limitField, returnAllField, sortByOption, sortOrderOption } from '../common.descriptions';
import { listOutput, pageOf, pager } from './list';

const properties: INodeProperties[] = [
	entityTypeField,
	{
		displayName: 'Property Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		description: 'Entity properties to match, e.g. firstName = Tom',
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. firstName',
						description: 'The Fenergo property name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Boost',
						name: 'boost',
						type: 'number',
						default: 0,
						description: 'How much a match on this property counts towards the score (0 leaves it out)',
					},
				],
			},
		],
	},
	returnAllField,
	limitField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
			sortByOption,
			sortOrderOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['search'] } }, properties);

interface Input {
	type: string;
	filters: IDataObject;
	limit?: number;
	minScore?: number;
	sortBy?: string;
	sortOrder?: 0 | 1;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const json = parseJsonObject.call(this, options.filtersJson, 'Property Filters (JSON)', itemIndex);
	const minScore = typeof options.minScore === 'number' && options.minScore > 0 ? options.minScore : undefined;
	return {
		type: requireText.call(this, this.getNodeParameter('entityType', itemIndex), 'Entity Type', itemIndex),
		filters: searchFilters(pairsOf<SearchFilter>(this.getNodeParameter('filters', itemIndex, {}), 'filter'), json),
		limit: readLimit.call(this, itemIndex),
		minScore,
		sortBy: (options.sortBy as string | undefined)?.trim() || undefined,
		sortOrder: sortOrderValue(options.sortOrder),
	};
}

/** EntityAdvancedSearchDto for one page. */
export function searchData(input: Input, from: number, size: number): IDataObject {
	return {
		discriminator: 'EntityAdvancedSearchDto',
		type: input.type,
		properties: input.filters,
		pager: pager(from, size, input.sortBy, input.sortOrder),
		...(input.minScore !== undefined && { minScore: input.minScore }),
	};
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	const items = await collectPages(
		async ({ from, size }) =>
			pageOf(
				await fenergoRequest.call(
					this,
					{ method: 'POST', path: FENERGO_PATHS.advancedSearch, data: searchData(input, from, size) },
					itemIndex,
				),
			),
		{ limit: input.limit },
	);
	return listOutput(items);
}
