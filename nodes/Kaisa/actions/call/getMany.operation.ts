import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOutput } from '../../../shared/items/runner';
import { requireInstant } from '../../../shared/parameters/dates';
import { fieldError, readLimit, requireInteger } from '../../../shared/parameters/fields';
import { Extraction } from '../../../shared/positions/position';
import { positionStore } from '../../../shared/positions/steps';
import { positionKey } from '../../../shared/positions/store';
import { clock } from '../../../shared/token/clock';
import { kaisaDateTime } from '../../helpers/dates';
import { compact, textQuery } from '../../helpers/items';
import { KAISA_CREDENTIAL, kaisaPages } from '../../transport';
import {
	customerIdFilter,
	custnrFilter,
	filtersCollection,
	returnAllOrLimit,
	sourceIdFilter,
	textOption,
} from '../common.descriptions';
import { listPages, type ListRequest } from '../list';
import { cdrKey, clientKey } from './position';

const PATHS = { inbound: '/statistics/cdrs', outbound: '/statistics/cdrs/out' } as const;
type Direction = keyof typeof PATHS;

const MINUTE_MS = 60_000;
/** Without "First Run Since", the first Since Last Run run reaches this far back. */
const FIRST_RUN_MS = 24 * 3600_000;
const SETTLE_DEFAULT = 15;
const OVERLAP_DEFAULT = 15;

const sinceLastRunOnly = { show: { '/range': ['sinceLastRun'] } };

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
		displayName: 'Calls',
		name: 'range',
		type: 'options',
		options: [
			{
				name: 'Started Between',
				value: 'between',
				description: 'Calls that started between two dates',
			},
			{
				name: 'Since Last Run',
				value: 'sinceLastRun',
				description:
					'Calls that started since the last run of this node, except the last minutes (Settle Delay). With a Confirm Position step at the end of the flow the position moves only when that step runs; without one it moves when this node succeeds.',
			},
		],
		default: 'between',
	},
	{
		displayName: 'From',
		name: 'fromDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Earliest call start to include. Without a timezone it is read in the workflow's timezone and sent to Kaisa in UTC.",
		displayOptions: { show: { range: ['between'] } },
	},
	{
		displayName: 'To',
		name: 'toDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Latest call start to include; must be after From. Without a timezone it is read in the workflow's timezone and sent in UTC.",
		displayOptions: { show: { range: ['between'] } },
	},
	...returnAllOrLimit.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, hide: { range: ['sinceLastRun'] } },
	})),
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
				displayName: 'First Run Since',
				name: 'initialSince',
				type: 'dateTime',
				default: '',
				description:
					'For "Since Last Run": where the first run starts (calls that started at or after this date). Empty: the 24 hours before the first run.',
				displayOptions: sinceLastRunOnly,
			},
			{
				displayName: 'Newest First',
				name: 'newestFirst',
				type: 'boolean',
				default: false,
				description: 'Whether to list the latest calls first (newest_first=1)',
			},
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: OVERLAP_DEFAULT,
				description:
					'For "Since Last Run": how far before the position to ask again, for calls Kaisa lists late; calls already delivered (same cdr_id and start) are dropped',
				displayOptions: sinceLastRunOnly,
			},
			{
				displayName: 'Reset Position To',
				name: 'resetTo',
				type: 'dateTime',
				default: '',
				description:
					'For "Since Last Run": the next production run extracts again from this date (calls that started at or after it), once; pick another date to reset again',
				displayOptions: sinceLastRunOnly,
			},
			{
				displayName: 'Settle Delay (Minutes)',
				name: 'settleMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: SETTLE_DEFAULT,
				description:
					'For "Since Last Run": calls that started within the last minutes are left for the next run, because Kaisa lists a call only once it has ended. Make it longer than your longest calls.',
				displayOptions: sinceLastRunOnly,
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getMany'] } },
	properties,
);

/** "Since Last Run" for one item, checked before any call; its window is set when it runs. */
interface SinceLastRun {
	direction: Direction;
	settleMs: number;
	overlapMs: number;
	initialSince?: number;
	resetTo?: number;
}

export type CallList = ListRequest & { sinceLastRun?: SinceLastRun };

function optionalInstant(
	this: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireInstant(this.getNode(), itemIndex, value, label, this.getTimezone());
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CallList {
	const node = this.getNode();
	const timezone = this.getTimezone();
	const direction = this.getNodeParameter('direction', itemIndex, 'inbound') as Direction;
	const path = PATHS[direction];
	if (!path) {
		throw fieldError(
			node,
			itemIndex,
			`The 'Direction' "${String(direction)}" is not supported`,
			'Choose Inbound or Outbound.',
		);
	}
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = {
		...textQuery(filters, {
			customer_id: 'customerId',
			custnr: 'custnr',
			source_id: 'sourceId',
			cdr_id: 'cdrId',
		}),
		extended: options.extended === true ? 1 : undefined,
		newest_first: options.newestFirst === true ? 1 : undefined,
	};
	if (this.getNodeParameter('range', itemIndex, 'between') === 'sinceLastRun') {
		const minutes = (value: unknown, fallback: number, label: string) =>
			requireInteger(node, itemIndex, value ?? fallback, label, 0, 1440) * MINUTE_MS;
		return {
			path,
			key: 'cdrs',
			query: compact(common),
			limit: undefined,
			sinceLastRun: {
				direction,
				settleMs: minutes(options.settleMinutes, SETTLE_DEFAULT, 'Settle Delay (Minutes)'),
				overlapMs: minutes(options.overlapMinutes, OVERLAP_DEFAULT, 'Overlap (Minutes)'),
				initialSince: optionalInstant.call(
					this,
					itemIndex,
					options.initialSince,
					'First Run Since',
				),
				resetTo: optionalInstant.call(this, itemIndex, options.resetTo, 'Reset Position To'),
			},
		};
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
	const query = compact({ from_date: kaisaDateTime(from), to_date: kaisaDateTime(to), ...common });
	return { path, key: 'cdrs', query, limit };
}

const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * Calls from the committed position (minus the overlap) to now minus the settle delay, streamed
 * into the output without those already delivered; the position reached is recorded as pending
 * (nodes/shared/positions) for the router or the Confirm Position step to commit.
 */
async function sinceLastRun(
	this: IExecuteFunctions,
	itemIndex: number,
	list: CallList,
	since: SinceLastRun,
	output: ItemOutput,
): Promise<void> {
	const credentials = await this.getCredentials(KAISA_CREDENTIAL, itemIndex);
	const store = positionStore(this);
	const node = this.getNode().name;
	const key = positionKey(node, clientKey(credentials), since.direction);
	const start = store.startOf(key);
	const reset =
		since.resetTo !== undefined && new Date(since.resetTo).toISOString() !== start.basis
			? new Date(since.resetTo).toISOString()
			: undefined;
	const position = reset ? undefined : start.position;
	const extraction = new Extraction(position, since.overlapMs, cdrKey);
	const now = clock.now();
	const to = toSecond(now - since.settleMs);
	const from = toSecond(
		extraction.queryFrom() ??
			(reset ? Date.parse(reset) : undefined) ??
			since.initialSince ??
			now - FIRST_RUN_MS,
	);
	if (from > to) return;
	const query = { ...list.query, from_date: kaisaDateTime(from), to_date: kaisaDateTime(to) };
	for await (const rows of kaisaPages.call(this, itemIndex, list.path, list.key, query)) {
		output.pushAll(extraction.fresh(rows));
	}
	const next = extraction.next({ fetchedAt: now, until: to, from, reset });
	if (next) {
		store.record(key, { node, next, rows: start.rows + extraction.count, basis: start.basis });
	}
}

/** Pages stream into the output one by one (an extraction can be 100,000 rows), so one item at a time. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	list: CallList,
	output: ItemOutput,
): Promise<void> {
	if (list.sinceLastRun)
		return await sinceLastRun.call(this, itemIndex, list, list.sinceLastRun, output);
	await listPages.call(this, itemIndex, list, output);
}
