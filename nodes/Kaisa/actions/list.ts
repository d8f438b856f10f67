import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutput } from '../../shared/items/runner';
import { kaisaPages } from '../transport';

/** One Kaisa list as a Get Many operation prepares it. */
export interface ListRequest {
	path: string;
	/** The key Kaisa puts the rows under. */
	key: string;
	query: IDataObject;
	limit: number | undefined;
}

/** Streams every page of the list into the item's output as it arrives, up to its limit. */
export async function listPages(
	this: IExecuteFunctions,
	itemIndex: number,
	list: ListRequest,
	output: ItemOutput,
): Promise<void> {
	for await (const rows of kaisaPages.call(
		this,
		itemIndex,
		list.path,
		list.key,
		list.query,
		list.limit,
	)) {
		output.pushAll(rows);
	}
}
