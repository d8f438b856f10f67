import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textQuery } from '../../helpers/items';
import { filtersCollection, returnAllOrLimit, textOption } from '../common.descriptions';
import { readLimit } from '../../../shared/parameters/fields';
import { listPages, type ListRequest } from '../list';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		textOption('Corporate ID', 'corporateId'),
		textOption('Customer Number', 'custnr', 'Your own number for the customer (custnr)'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['getMany'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ListRequest {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = textQuery(filters, { custnr: 'custnr', corporateid: 'corporateId' });
	return { path: '/customers', key: 'customers', query, limit };
}

export const execute = listPages;
