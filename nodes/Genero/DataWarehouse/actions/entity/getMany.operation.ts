import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, tryToParseDateTime, updateDisplayOptions } from 'n8n-workflow';

import { asNodeError, errorItem } from '../../../Genero/helpers/errors';
import { WAREHOUSE_API, type WarehouseMode } from '../../../Genero/paths';
import { checkedPathOverride, WAREHOUSE_CREDENTIAL } from '../../../Genero/transport/request';
import { GENERO_TOKEN_URL } from '../../../shared/providers/genero';
import { clock } from '../../../shared/token/clock';
import { clientKey, type CountStore, type DailyCount } from '../../limiter';
import { fetchRows, type Window } from './pages';
import { advance, positionKey, readPositions, unseenRows, writePositions, type Position } from './position';

type Mode = WarehouseMode | 'sinceLastRun';

const { paging, limits } = WAREHOUSE_API;
const ENTITY_NAME = /^[A-Za-z0-9_.-]+$/;

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
						properties: { regex: ENTITY_NAME.source, errorMessage: 'Use letters, digits, "_", "-" or "."' },
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
			{ name: 'All', value: 'all', description: 'Every row; Genero asks clients to prefer incremental fetches' },
			{
				name: 'Changed Since Last Run',
				value: 'sinceLastRun',
				description:
					'Rows created or modified since the last successful run of this node (the first run fetches all, or from "First Run Since")',
			},
			{ name: 'Created Between', value: 'createdBetween', description: 'Rows created within an interval' },
			{ name: 'Created Since', value: 'createdSince', description: 'Rows created at or after a date' },
			{ name: 'Modified Since', value: 'modifiedSince', description: 'Rows modified at or after a date' },
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
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { hide: { mode: ['sinceLastRun'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] }, hide: { mode: ['sinceLastRun'] } },
	},
	{
		displayName: 'Tenant',
		name: 'tenant',
		type: 'string',
		default: '',
		placeholder: 'e.g. acme-foods',
		description:
			'Only for multi-tenant API clients: the tenant whose data to read. Leave empty for a single-tenant client.',
	},
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
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'Rows asked for per request',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '',
				placeholder: 'e.g. /{entity}',
				description:
					"Overrides the assumed endpoint path, relative to the credential's Base URL ({entity}, {from} and {to} are replaced). Genero's paths are not public; see the node's documentation.",
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

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['getMany'] } }, properties);

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
	startOver: boolean;
}

function isoDate(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	try {
		const parsed = tryToParseDateTime(value, this.getTimezone());
		if (parsed.isValid) return new Date(parsed.toMillis()).toISOString();
	} catch {
		// reported below
	}
	throw new NodeOperationError(this.getNode(), `${label} is not a date: "${String(value)}"`, {
		itemIndex,
		description: `Enter ${label} as a date and time, e.g. 2026-01-15T00:00:00Z.`,
	});
}

function wholeNumber(this: IExecuteFunctions, value: unknown, label: string, min: number, max: number, itemIndex: number): number {
	const number = Number(value);
	if (Number.isInteger(number) && number >= min && number <= max) return number;
	throw new NodeOperationError(this.getNode(), `${label} ${String(value)} is out of range`, {
		itemIndex,
		description: `Enter a whole number from ${min} to ${max}.`,
	});
}

/** Every parameter of one item, checked before any call. */
function readRequest(this: IExecuteFunctions, itemIndex: number): Request {
	const entity = String(this.getNodeParameter('entity', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!ENTITY_NAME.test(entity)) {
		throw new NodeOperationError(this.getNode(), entity ? `"${entity}" is not an entity name` : 'No entity given', {
			itemIndex,
			description: 'Choose an entity from the list or type its name (letters, digits, "_", "-" or "."), e.g. Customer.',
		});
	}
	const mode = this.getNodeParameter('mode', itemIndex) as Mode;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const request: Request = {
		entity,
		mode,
		tenant: String(this.getNodeParameter('tenant', itemIndex, '') ?? '').trim(),
		pathOverride: checkedPathOverride(this.getNode(), options.path, itemIndex),
		pageSize: wholeNumber.call(this, options.pageSize ?? paging.pageSize, 'Page Size', 1, 100_000, itemIndex),
		perDay: wholeNumber.call(this, options.dailyRequestLimit ?? limits.requestsPerDay, 'Daily Request Budget', 1, limits.requestsPerDay, itemIndex),
		startOver: options.startOver === true,
	};
	if (mode === 'sinceLastRun') {
		if (options.initialSince) request.initialSince = isoDate.call(this, options.initialSince, 'First Run Since', itemIndex);
		return request;
	}
	if (!(this.getNodeParameter('returnAll', itemIndex, false) as boolean)) {
		request.limit = wholeNumber.call(this, this.getNodeParameter('limit', itemIndex, 50), 'Limit', 1, Number.MAX_SAFE_INTEGER, itemIndex);
	}
	if (mode === 'all') request.window = { mode };
	else if (mode === 'createdSince' || mode === 'modifiedSince') {
		request.window = { mode, from: isoDate.call(this, this.getNodeParameter('since', itemIndex, ''), 'Since', itemIndex) };
	} else if (mode === 'createdBetween') {
		const from = isoDate.call(this, this.getNodeParameter('createdFrom', itemIndex, ''), 'Created From', itemIndex);
		const to = isoDate.call(this, this.getNodeParameter('createdTo', itemIndex, ''), 'Created To', itemIndex);
		if (Date.parse(from) > Date.parse(to)) {
			throw new NodeOperationError(this.getNode(), 'Created From is after Created To', {
				itemIndex,
				description: 'Swap the two dates, or set Created To to a later date.',
			});
		}
		request.window = { mode, from, to };
	} else {
		throw new NodeOperationError(this.getNode(), `Unknown Rows option "${String(mode)}"`, { itemIndex });
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

/**
 * Rows of an entity, one page at a time within the client's limits. "Changed Since Last Run"
 * moves its position only after its rows were fetched completely; the stored positions change
 * only when the node returns, so a failed run fetches the same window again.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const nodeStaticData = this.getWorkflowStaticData('node');
	const positions = readPositions(nodeStaticData);
	const out: INodeExecutionData[] = [];
	const count = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		let failure: unknown;
		let failed = false;
		try {
			const request = readRequest.call(this, itemIndex);
			const credentials = await this.getCredentials(WAREHOUSE_CREDENTIAL, itemIndex);
			const tokenUrl = typeof credentials.tokenUrl === 'string' && credentials.tokenUrl.trim() ? credentials.tokenUrl.trim() : GENERO_TOKEN_URL;
			const key = clientKey(tokenUrl, String(credentials.clientId ?? '').trim());
			const limiter = {
				key,
				limits: { perMinute: limits.requestsPerMinute, perDay: request.perDay },
				store: countStore(nodeStaticData, key),
			};
			const plan = { entity: request.entity, tenant: request.tenant, pathOverride: request.pathOverride, pageSize: request.pageSize, limiter };
			let rows: IDataObject[];
			if (request.mode === 'sinceLastRun') {
				const positionName = positionKey(request.entity, request.tenant);
				const position: Position | undefined = request.startOver ? undefined : positions[positionName];
				const from = position?.since ?? request.initialSince;
				const startedAt = clock.now();
				const fetched = await fetchRows.call(this, { ...plan, window: from ? { mode: 'modifiedSince', from } : { mode: 'all' } }, itemIndex);
				rows = unseenRows(fetched, position);
				const next = advance(position, fetched, startedAt);
				if (next) positions[positionName] = next;
			} else {
				const window = request.window ?? { mode: 'all' };
				rows = await fetchRows.call(this, { ...plan, window, limit: request.limit }, itemIndex);
			}
			for (const json of rows) out.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			failed = true;
			failure = error;
		}
		if (!failed) continue;
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), failure, itemIndex);
		out.push(errorItem(failure, itemIndex));
	}
	writePositions(nodeStaticData, positions);
	return out;
}
