import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { ItemOutput } from '../../../shared/items/runner';
import { FENERGO_PATHS } from '../../helpers/paths';
import { readLimit } from '../../helpers/validation';
import { listFields } from '../common.descriptions';
import { pager, postList, readSort, type ListInput } from './list';

const properties: INodeProperties[] = listFields([
	{
		displayName: 'Paging',
		name: 'paging',
		type: 'options',
		options: [
			{
				name: 'From and Size',
				value: 'offset',
				description: "Move the pager's from by the entities received",
			},
			{
				name: 'Search After Created Date',
				value: 'searchAfter',
				description:
					'Sort by created date and ask for the entities after the last one received (for large tenants)',
			},
		],
		default: 'offset',
		description: 'How to ask Fenergo for the next page',
	},
]);

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['getMany'] } },
	properties,
);

interface Input extends ListInput {
	paging: 'offset' | 'searchAfter';
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const paging = options.paging === 'searchAfter' ? 'searchAfter' : 'offset';
	const sort = readSort(options);
	let sortBy = sort.sortBy;
	if (paging === 'searchAfter') {
		if (sortBy !== undefined && sortBy !== 'created') {
			throw new NodeOperationError(this.getNode(), 'Search After paging sorts by created date', {
				itemIndex,
				description: `Clear Sort By (it is "${sortBy}") or set it to created, or choose From and Size paging.`,
			});
		}
		sortBy = 'created';
	}
	return { limit: readLimit.call(this, itemIndex), paging, sortBy, sortOrder: sort.sortOrder };
}

/** EntityQueryPagedDto for one page. */
export function pagedListData(
	input: Input,
	from: number,
	size: number,
	searchAfter?: string,
): IDataObject {
	return { pager: pager(from, size, input), ...(searchAfter !== undefined && { searchAfter }) };
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
		FENERGO_PATHS.pagedList,
		({ from, size, searchAfter }) => pagedListData(input, from, size, searchAfter),
		{
			limit: input.limit,
			mode: input.paging,
			cursorOf: (item) => (typeof item.created === 'string' ? item.created : undefined),
		},
	);
}
