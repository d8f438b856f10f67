import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllOrLimit } from '../../../../shared/descriptions';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../../shared/items/runner';
import { requireInstant } from '../../../../shared/parameters/dates';
import { requireInteger, requireText } from '../../../../shared/parameters/fields';
import { clock } from '../../../../shared/token/clock';
import { pathOption, readPathOption } from '../../../shared/path-option';
import { WAREHOUSE_API, type WarehouseMode } from '../../../shared/paths';
import { WAREHOUSE_CREDENTIAL } from '../../../shared/request';
import { readTenant, tenantField } from '../../../shared/tenant';
import { limiterKey, type CountStore, type DailyCount } from '../../limiter';
import { Extraction } from '../../../../shared/positions/position';
import { positionStore } from '../../../../shared/positions/steps';
import { positionKey } from '../../../../shared/positions/store';
import { fetchPages, type Window } from './pages';
import { legacyPosition, positionScope, rowKey } from './position';

type Mode = WarehouseMode | 'sinceLastRun';

const { paging, limits } = WAREHOUSE_API;
const ENTITY_NAME = /^[A-Za-z0-9_.-]+$/;
/** Walks over the pages of one "Changed Since Last Run" fetch at most (see `operation`). */
const MAX_WALKS = 3;

const properties: INodeProperties[] = [
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The entity to read, as Genero names it in the Data Warehouse',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an entity...',
				typeOptions: { searchListMethod: 'searchEntities', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Customer',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ENTITY_NAME.source,
							errorMessage: 'Use letters, digits, "_", "-" or "."',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Rows',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'All',
				value: 'all',
				description: 'Every row; Genero asks clients to prefer incremental fetches',
			},
			{
				name: 'Changed Since Last Run',
				value: 'sinceLastRun',
				description:
					'Rows created or modified since the last run of this node (the first run fetches all, or from "First Run Since"). With a Confirm Position step at the end of the flow the position moves only when that step runs; without one it moves when this node succeeds.',
			},
			{
				name: 'Created Between',
				value: 'createdBetween',
				description: 'Rows created within an interval',
			},
			{
				name: 'Created Since',
				value: 'createdSince',
				description: 'Rows created at or after a date',
			},
			{
				name: 'Modified Since',
				value: 'modifiedSince',
				description: 'Rows modified at or after a date',
			},
		],
		default: 'sinceLastRun',
	},
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		required: true,
		default: '',
		displayOptions: { show: { mode: ['createdSince', 'modifiedSince'] } },
	},
	{
		displayName: 'Created From',
		name: 'createdFrom',
		type: 'dateTime',
		required: true,
		default: '',
		displayOptions: { show: { mode: ['createdBetween'] } },
	},
	{
		displayName: 'Created To',
		name: 'createdTo',
		type: 'dateTime',
		required: true,
		default: '',
		displayOptions: { show: { mode: ['createdBetween'] } },
	},
	...returnAllOrLimit().map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, hide: { mode: ['sinceLastRun'] } },
	})),
	tenantField('the tenant whose data to read. Leave empty for a single-tenant client.'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Daily Request Budget',
				name: 'dailyRequestLimit',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: limits.requestsPerDay },
				default: 3000,
				description: `Requests this client may make per UTC day before the node refuses (Genero allows ${limits.requestsPerDay.toLocaleString('en-US')}); lower it to keep some for other workflows`,
			},
			{
				displayName: 'First Run Since',
				name: 'initialSince',
				type: 'dateTime',
				default: '',
				description:
					'For "Changed Since Last Run": where the first run starts (rows modified at or after this date). Empty: the first run fetches all rows.',
			},
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: 5,
				description:
					'For "Changed Since Last Run": how far before the position to ask again, so rows written at the boundary or with a lagging modified date are not missed; rows already delivered with the same ID and modified date are dropped',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'Rows asked for per request',
			},
			pathOption('/{entity}', '{entity}, {from} and {to} are replaced'),
			{
				displayName: 'Reset Position To',
				name: 'resetTo',
				type: 'dateTime',
				default: '',
				description:
					'For "Changed Since Last Run": the next production run extracts again from this date (rows modified at or after it), once; pick another date to reset again',
			},
			{
				displayName: 'Start Over',
				name: 'startOver',
				type: 'boolean',
				default: false,
				description:
					'Whether "Changed Since Last Run" should ignore the stored position and fetch as on a first run (turn it off again afterwards)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['getMany'] } },
	properties,
);

interface Request {
	entity: string;
	mode: Mode;
	window?: Window;
	limit?: number;
	tenant: string;
	pathOverride?: string;
	pageSize: number;
	perDay: number;
	initialSince?: string;
	resetTo?: string;
	overlapMs: number;
	startOver: boolean;
}

/** A date field as ISO 8601 UTC, the form Genero is sent. */
function isoDate(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	return new Date(
		requireInstant(this.getNode(), itemIndex, value, label, this.getTimezone()),
	).toISOString();
}

/** Every parameter of one item, checked before any call. */
function readRequest(this: IExecuteFunctions, itemIndex: number): Request {
	const node = this.getNode();
	const entity = requireText(
		node,
		itemIndex,
		this.getNodeParameter('entity', itemIndex, '', { extractValue: true }),
		'Entity',
	);
	if (!ENTITY_NAME.test(entity)) {
		throw new NodeOperationError(node, `"${entity}" is not an entity name`, {
			itemIndex,
			description:
				'Choose an entity from the list or type its name (letters, digits, "_", "-" or "."), e.g. Customer.',
		});
	}
	const mode = this.getNodeParameter('mode', itemIndex) as Mode;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const request: Request = {
		entity,
		mode,
		tenant: readTenant.call(this, itemIndex),
		pathOverride: readPathOption.call(this, itemIndex),
		pageSize: requireInteger(
			node,
			itemIndex,
			options.pageSize ?? paging.pageSize,
			'Page Size',
			1,
			100_000,
		),
		perDay: requireInteger(
			node,
			itemIndex,
			options.dailyRequestLimit ?? limits.requestsPerDay,
			'Daily Request Budget',
			1,
			limits.requestsPerDay,
		),
		startOver: options.startOver === true,
		overlapMs:
			requireInteger(node, itemIndex, options.overlapMinutes ?? 5, 'Overlap (Minutes)', 0, 1440) *
			60_000,
	};
	if (mode === 'sinceLastRun') {
		if (options.initialSince)
			request.initialSince = isoDate.call(this, options.initialSince, 'First Run Since', itemIndex);
		if (options.resetTo)
			request.resetTo = isoDate.call(this, options.resetTo, 'Reset Position To', itemIndex);
		return request;
	}
	if (!(this.getNodeParameter('returnAll', itemIndex, false) as boolean)) {
		request.limit = requireInteger(
			node,
			itemIndex,
			this.getNodeParameter('limit', itemIndex, 50),
			'Limit',
			1,
		);
	}
	if (mode === 'all') request.window = { mode };
	else if (mode === 'createdSince' || mode === 'modifiedSince') {
		request.window = {
			mode,
			from: isoDate.call(this, this.getNodeParameter('since', itemIndex, ''), 'Since', itemIndex),
		};
	} else if (mode === 'createdBetween') {
		const from = isoDate.call(
			this,
			this.getNodeParameter('createdFrom', itemIndex, ''),
			'Created From',
			itemIndex,
		);
		const to = isoDate.call(
			this,
			this.getNodeParameter('createdTo', itemIndex, ''),
			'Created To',
			itemIndex,
		);
		if (Date.parse(from) > Date.parse(to)) {
			throw new NodeOperationError(node, 'Created From is after Created To', {
				itemIndex,
				description: 'Swap the two dates, or set Created To to a later date.',
			});
		}
		request.window = { mode, from, to };
	} else {
		throw new NodeOperationError(node, `Unknown Rows option "${String(mode)}"`, { itemIndex });
	}
	return request;
}

/** The daily count in the node's static data, written only when it changes. */
function countStore(nodeStaticData: IDataObject, key: string): CountStore {
	return {
		read: () => {
			const stored = nodeStaticData.requestCount as (DailyCount & { client?: string }) | undefined;
			return stored?.client === key ? stored : undefined;
		},
		write: (count) => {
			nodeStaticData.requestCount = { client: key, day: count.day, count: count.count };
		},
	};
}

/** What the items of one run share: the node's static data (the daily request count). */
export interface ExtractionRun {
	nodeStaticData: IDataObject;
}

/**
 * Rows of an entity, one page at a time within the client's limits, streamed into the output.
 * "Changed Since Last Run" records the position it reached as pending once its rows were fetched
 * completely; the router or the Confirm Position step commits it (nodes/shared/positions).
 */
export function operation(run: ExtractionRun): ItemOperation<Request> {
	return {
		prepare: readRequest,
		async execute(itemIndex, request, output) {
			const credentials = await this.getCredentials(WAREHOUSE_CREDENTIAL, itemIndex);
			const key = limiterKey(credentials);
			const limiter = {
				key,
				limits: { perMinute: limits.requestsPerMinute, perDay: request.perDay },
				store: countStore(run.nodeStaticData, key),
			};
			const plan = {
				entity: request.entity,
				tenant: request.tenant,
				pathOverride: request.pathOverride,
				pageSize: request.pageSize,
				limiter,
			};
			if (request.mode !== 'sinceLastRun') {
				const window = request.window ?? { mode: 'all' };
				await fetchPages.call(this, { ...plan, window, limit: request.limit }, itemIndex, (rows) =>
					output.pushAll(rows),
				);
				return;
			}
			const store = positionStore(this);
			const scope = positionScope(request.entity, request.tenant);
			const name = positionKey(this.getNode().name, key, scope);
			const start = store.startOf(name);
			let position =
				start.position ??
				(store.committed(name) ? undefined : legacyPosition(run.nodeStaticData, scope));
			let reset: string | undefined;
			if (request.startOver) position = undefined;
			else if (request.resetTo !== undefined && request.resetTo !== start.basis) {
				position = undefined;
				reset = request.resetTo;
			}
			const extraction = new Extraction(position, request.overlapMs, rowKey);
			const queryFrom = extraction.queryFrom();
			const from =
				queryFrom !== undefined
					? new Date(queryFrom).toISOString()
					: (reset ?? request.initialSince);
			const fetchedAt = clock.now();
			const window: Window = from ? { mode: 'modifiedSince', from } : { mode: 'all' };
			// A row modified while the pages are read moves to the end and shifts the pages after it
			// by one, so one row can slip past unread: walk again (delivered rows are dropped).
			let settled = false;
			for (let walk = 1; walk <= MAX_WALKS && !settled; walk++) {
				const walkStart = clock.now();
				let pages = 0;
				let moved = false;
				await fetchPages.call(this, { ...plan, window }, itemIndex, (rows) => {
					pages++;
					moved ||= rows.some((row) => (rowKey(row)?.at ?? 0) > walkStart);
					output.pushAll(extraction.fresh(rows));
				});
				settled = pages < 2 || !moved;
			}
			// Still moving after the last walk: a row may have slipped past, so the position stays
			// (the next run delivers these rows again rather than risk skipping one).
			if (!settled) return;
			// A reset or first-run date is the position even when no row is found after it.
			const fromMs = from ? Date.parse(from) : undefined;
			const until = queryFrom === undefined ? fromMs : undefined;
			const next = extraction.next({ fetchedAt, reset, until, from: fromMs });
			if (next) {
				store.record(name, {
					node: this.getNode().name,
					next,
					rows: start.rows + extraction.count,
					basis: start.basis,
				});
			}
		},
	};
}
