import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireInstant } from '../../../shared/parameters/dates';
import { fieldError } from '../../../shared/parameters/fields';
import { kaisaDateTime } from '../../helpers/dates';
import { compact, textQuery } from '../../helpers/items';
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

const PATHS = { inbound: '/statistics/cdrs', outbound: '/statistics/cdrs/out' } as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{
				name: 'Inbound',
				value: 'inbound',
				description: 'Calls to your tracking numbers (/statistics/cdrs)',
			},
			{ name: 'Outbound', value: 'outbound', description: 'Calls made out (/statistics/cdrs/out)' },
		],
		default: 'inbound',
	},
	{
		displayName: 'From',
		name: 'fromDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Earliest call start to include. Without a timezone it is read in the workflow's timezone and sent to Kaisa in UTC.",
	},
	{
		displayName: 'To',
		name: 'toDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Latest call start to include; must be after From. Without a timezone it is read in the workflow's timezone and sent in UTC.",
	},
	...returnAllOrLimit,
	filtersCollection([
		textOption('Call ID', 'cdrId', "Kaisa's ID of one call (cdr_id)"),
		customerIdFilter,
		custnrFilter,
		sourceIdFilter,
	]),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Extended',
				name: 'extended',
				type: 'boolean',
				default: false,
				description: 'Whether Kaisa should add its extended call fields (extended=1)',
			},
			{
				displayName: 'Newest First',
				name: 'newestFirst',
				type: 'boolean',
				default: false,
				description: 'Whether to list the latest calls first (newest_first=1)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getMany'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ListRequest {
	const node = this.getNode();
	const timezone = this.getTimezone();
	const direction = this.getNodeParameter('direction', itemIndex, 'inbound') as keyof typeof PATHS;
	const path = PATHS[direction];
	if (!path) {
		throw fieldError(
			node,
			itemIndex,
			`The 'Direction' "${String(direction)}" is not supported`,
			'Choose Inbound or Outbound.',
		);
	}
	const from = requireInstant(
		node,
		itemIndex,
		this.getNodeParameter('fromDate', itemIndex, ''),
		'From',
		timezone,
	);
	const to = requireInstant(
		node,
		itemIndex,
		this.getNodeParameter('toDate', itemIndex, ''),
		'To',
		timezone,
	);
	if (from >= to) {
		throw fieldError(
			node,
			itemIndex,
			"'From' must be before 'To'",
			`The range is ${kaisaDateTime(from)} to ${kaisaDateTime(to)} (UTC). Swap the two dates or widen the range.`,
		);
	}
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const query = compact({
		from_date: kaisaDateTime(from),
		to_date: kaisaDateTime(to),
		...textQuery(filters, {
			customer_id: 'customerId',
			custnr: 'custnr',
			source_id: 'sourceId',
			cdr_id: 'cdrId',
		}),
		extended: options.extended === true ? 1 : undefined,
		newest_first: options.newestFirst === true ? 1 : undefined,
	});
	return { path, key: 'cdrs', query, limit };
}

/** Pages stream into the output one by one (an extraction can be 100,000 rows), so one item at a time. */
export const execute = listPages;
