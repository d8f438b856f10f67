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
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Class',
				name: 'class',
				type: 'string',
				default: '',
				description: "Tracking number class as Kaisa names it in your account (class)",
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Customer Number',
				name: 'custnr',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Destination Number',
				name: 'destnr',
				type: 'string',
				default: '',
				description: 'The number calls are forwarded to (destnr)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				description: 'Tracking number status as Kaisa names it in your account (status)',
			},
			{
				displayName: 'Tracking Number ID',
				name: 'sourceId',
				type: 'string',
				default: '',
				description: "Kaisa's ID of the tracking number (source_id)",
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['source'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = compact({
		source_id: asText(filters.sourceId),
		customer_id: asText(filters.customerId),
		custnr: asText(filters.custnr),
		destnr: asText(filters.destnr),
		campaign_id: asText(filters.campaignId),
		status: asText(filters.status),
		class: asText(filters.class),
	});
	for await (const rows of kaisaPages.call(this, itemIndex, '/sources', 'sources', query, limit)) {
		pushRows(returnData, rows, itemIndex);
	}
}
