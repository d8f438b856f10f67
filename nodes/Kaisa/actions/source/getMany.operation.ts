import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textQuery } from '../../helpers/items';
import {
	customerIdFilter,
	custnrFilter,
	filtersCollection,
	returnAllOrLimit,
	sourceIdFilter,
	textOption,
} from '../common.descriptions';
import { readLimit } from '../../../shared/parameters/fields';
import { listPages, type ListRequest } from '../list';
import { campaignIdOption, classOption } from './fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		campaignIdOption,
		classOption,
		customerIdFilter,
		custnrFilter,
		textOption('Destination Number', 'destnr', 'The number calls are forwarded to (destnr)'),
		textOption(
			'Status',
			'status',
			'Tracking number status as Kaisa names it in your account (status)',
		),
		sourceIdFilter,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['source'], operation: ['getMany'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ListRequest {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = textQuery(filters, {
		source_id: 'sourceId',
		customer_id: 'customerId',
		custnr: 'custnr',
		destnr: 'destnr',
		campaign_id: 'campaignId',
		status: 'status',
		class: 'class',
	});
	return { path: '/sources', key: 'sources', query, limit };
}

export const execute = listPages;
