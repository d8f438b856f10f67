import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { collectPages, sortOrderValue } from '../../helpers/pager';
import { FENERGO_PATHS } from '../../helpers/paths';
import { readLimit, requireText } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import { limitField, returnAllField, sortByOption, sortOrderOption } from '../common.descriptions';
import { listOutput, pageOf, pager } from './list';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Acme Holdings',
		description: 'The entity name to look for (legal name, or first and last name)',
	},
	returnAllField,
	limitField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [sortByOption, sortOrderOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['searchByName'] } }, properties);

interface Input {
	name: string;
	limit?: number;
	sortBy?: string;
	sortOrder?: 0 | 1;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		name: requireText.call(this, this.getNodeParameter('name', itemIndex), 'Name', itemIndex),
		limit: readLimit.call(this, itemIndex),
		sortBy: (options.sortBy as string | undefined)?.trim() || undefined,
		sortOrder: sortOrderValue(options.sortOrder),
	};
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	const items = await collectPages(
		async ({ from, size }) =>
			pageOf(
				await fenergoRequest.call(
					this,
					{
						method: 'POST',
						path: FENERGO_PATHS.searchByName,
						data: { name: input.name, pager: pager(from, size, input.sortBy, input.sortOrder) },
					},
					itemIndex,
				),
			),
		{ limit: input.limit },
	);
	return listOutput(items);
}
