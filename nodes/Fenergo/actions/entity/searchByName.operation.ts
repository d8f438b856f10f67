import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { ItemOutput } from '../../../shared/items/runner';
import { requireText } from '../../../shared/parameters/fields';
import { FENERGO_PATHS } from '../../helpers/paths';
import { readLimit } from '../../helpers/validation';
import { listFields } from '../common.descriptions';
import { parallelRequestsField } from '../parallel';
import { pager, postList, readSort, type ListInput } from './list';

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
	...listFields([parallelRequestsField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['searchByName'] } },
	properties,
);

interface Input extends ListInput {
	name: string;
}

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		name: requireText(this.getNode(), itemIndex, this.getNodeParameter('name', itemIndex), 'Name'),
		limit: readLimit.call(this, itemIndex),
		...readSort(options),
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
		FENERGO_PATHS.searchByName,
		({ from, size }) => ({ name: input.name, pager: pager(from, size, input) }),
		{
			limit: input.limit,
		},
	);
}
