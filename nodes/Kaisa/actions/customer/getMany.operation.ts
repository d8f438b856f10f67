import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textQuery } from '../../helpers/items';
import { filtersCollection, pushPages, readLimit, returnAllOrLimit, textOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		textOption('Corporate ID', 'corporateId'),
		textOption('Customer Number', 'custnr', 'Your own number for the customer (custnr)'),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = textQuery(filters, { custnr: 'custnr', corporateid: 'corporateId' });
	await pushPages.call(this, itemIndex, returnData, '/customers', 'customers', query, limit);
}
