import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compact, pushRows } from '../../helpers/items';
import { asText } from '../../helpers/validation';
import { kaisaPages } from '../../transport';
import { readLimit, returnAllOrLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Corporate ID',
				name: 'corporateId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Customer Number',
				name: 'custnr',
				type: 'string',
				default: '',
				description: 'Your own number for the customer (custnr)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = compact({ custnr: asText(filters.custnr), corporateid: asText(filters.corporateId) });
	for await (const rows of kaisaPages.call(this, itemIndex, '/customers', 'customers', query, limit)) {
		pushRows(returnData, rows, itemIndex);
	}
}
