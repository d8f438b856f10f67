import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { collectPages, sortOrderValue } from '../../helpers/pager';
import { FENERGO_PATHS } from '../../helpers/paths';
import { readLimit } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import { limitField, returnAllField, sortByOption, sortOrderOption } from '../common.descriptions';
import { listOutput, pageOf, pager } from './list';

const properties: INodeProperties[] = [
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
				displayName: 'Paging',
				name: 'paging',
				type: 'options',
				options: [
					{
						name: 'From and Size',
						value: 'offset',
						description: 'Move the pager\'s from by the entities received',
					},
					{
						name: 'Search After Created Date',
						value: 'searchAfter',
						description: 'Sort by created date and ask for the entities after the last one received (for large tenants)',
					},
				],
				default: 'offset',
				description: 'How to ask Fenergo for the next page',
			},
			sortByOption,
			sortOrderOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['getMany'] } }, properties);

interface Input {
	limit?: number;
	paging: 'offset' | 'searchAfter';
	sortBy?: string;
	sortOrder?: 0 | 1;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const paging = options.paging === 'searchAfter' ? 'searchAfter' : 'offset';
	let sortBy = (options.sortBy as string | undefined)?.trim() || undefined;
	if (paging === 'searchAfter') {
		if (sortBy !== undefined && sortBy !== 'created') {
			throw new NodeOperationError(this.getNode(), 'Search After paging sorts by created date', {
				itemIndex,
				description: `Clear Sort By (it is "${sortBy}") or set it to created, or choose From and Size paging.`,
			});
		}
		sortBy = 'created';
	}
	return { limit: readLimit.call(this, itemIndex), paging, sortBy, sortOrder: sortOrderValue(options.sortOrder) };
}

/** EntityQueryPagedDto for one page. */
export function pagedListData(input: Input, from: number, size: number, searchAfter?: string): IDataObject {
	return { pager: pager(from, size, input.sortBy, input.sortOrder), ...(searchAfter !== undefined && { searchAfter }) };
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	const items = await collectPages(
		async ({ from, size, searchAfter }) =>
			pageOf(
				await fenergoRequest.call(
					this,
					{ method: 'POST', path: FENERGO_PATHS.pagedList, data: pagedListData(input, from, size, searchAfter) },
					itemIndex,
				),
			),
		{
			limit: input.limit,
			mode: input.paging,
			cursorOf: (item) => (typeof item.created === 'string' ? item.created : undefined),
		},
	);
	return listOutput(items);
}
