import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { FENERGO_PATHS } from '../../helpers/paths';
import { readLimit, requireText } from '../../helpers/validation';
import { listFields } from '../common.descriptions';
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
	...listFields(),
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['searchByName'] } }, properties);

interface Input extends ListInput {
	name: string;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		name: requireText.call(this, this.getNodeParameter('name', itemIndex), 'Name', itemIndex),
		limit: readLimit.call(this, itemIndex),
		...readSort(options),
	};
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	return postList.call(this, itemIndex, FENERGO_PATHS.searchByName, ({ from, size }) => ({ name: input.name, pager: pager(from, size, input) }), {
		limit: input.limit,
	});
}
