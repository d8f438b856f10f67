import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../../../shared/items/error-item';
import { WAREHOUSE_API, type WarehouseMode } from '../../../shared/paths';
import { generoRequest, WAREHOUSE_CREDENTIAL } from '../../../shared/request';
import { limited, type CountStore, type Limits } from '../../limiter';

/** Every page costs one of the 3,000 daily requests; no run needs more than that. */
const MAX_PAGES = 3000;

export interface Window {
	mode: WarehouseMode;
	/** ISO 8601 UTC. */
	from?: string;
	to?: string;
}

export interface FetchPlan {
	entity: string;
	window: Window;
	tenant: string;
	pathOverride?: string;
	/** Undefined: every row. */
	limit?: number;
	pageSize: number;
	limiter: { key: string; limits: Limits; store: CountStore };
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rowsOf(body: unknown): IDataObject[] {
	const rows = Array.isArray(body)
		? body
		: isObject(body)
			? body[WAREHOUSE_API.paging.rowsField]
			: undefined;
	if (!Array.isArray(rows)) return [];
	return rows.map((row) => (isObject(row) ? row : { value: row as IDataObject[string] }));
}

function totalPagesOf(body: unknown): number | undefined {
	if (!isObject(body)) return undefined;
	const total = Number(body[WAREHOUSE_API.paging.totalPagesField]);
	return Number.isInteger(total) && total >= 0 ? total : undefined;
}

const VOLUME = /\b\d+\s*[GT]B\b|volume|gigabyte|terabyte/i;

/** Genero's data-volume limits (5 GB a day, 25 GB a week) get a message that says so. */
function explained(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | ReturnType<typeof asNodeError> {
	const failure = asNodeError(this.getNode(), error, itemIndex);
	const status = String((failure as { httpCode?: unknown }).httpCode ?? '');
	const said = `${failure.description ?? ''} ${failure.message}`;
	if ((status === '429' || status === '403') && VOLUME.test(said)) {
		return new NodeApiError(
			this.getNode(),
			{ httpCode: status },
			{
				message: `Genero Data Warehouse export volume limit reached (HTTP ${status})`,
				description: `Genero limits each client to 5 GB of exported data a day and 25 GB a week; it refused this request until the limit resets. Genero said: ${failure.description ?? failure.message}. Nothing was lost: "Changed Since Last Run" continues from the same point next time. Prefer incremental fetches over "All Rows".`,
				httpCode: status,
				itemIndex,
			},
		);
	}
	return failure;
}

/**
 * Pulls page after page (one request at a time, within the client's limits) and hands each page's
 * rows to `onPage` as it comes, no more than the plan's limit in all.
 */
export async function fetchPages(
	this: IExecuteFunctions,
	plan: FetchPlan,
	itemIndex: number,
	onPage: (rows: IDataObject[]) => void,
): Promise<void> {
	const { paging } = WAREHOUSE_API;
	const endpoint = WAREHOUSE_API.getMany[plan.window.mode];
	const pageSize =
		plan.limit === undefined ? plan.pageSize : Math.max(1, Math.min(plan.pageSize, plan.limit));
	const values: Record<string, string> = { entity: plan.entity };
	if (plan.window.from) values.from = plan.window.from;
	if (plan.window.to) values.to = plan.window.to;

	let delivered = 0;
	for (let pages = 0; pages < MAX_PAGES; pages++) {
		const page = paging.firstPage + pages;
		let body: unknown;
		try {
			body = await limited({
				...plan.limiter,
				node: this.getNode(),
				itemIndex,
				send: async (gate) =>
					await generoRequest.call(
						this,
						WAREHOUSE_CREDENTIAL,
						{
							endpoint,
							values,
							pathOverride: plan.pathOverride,
							tenant: plan.tenant,
							tenantPlacement: WAREHOUSE_API.tenant,
							qs: { [paging.pageParam]: page, [paging.pageSizeParam]: pageSize },
						},
						itemIndex,
						gate,
					),
			});
		} catch (error) {
			throw explained.call(this, error, itemIndex);
		}
		const rows = rowsOf(body);
		if (plan.limit !== undefined && delivered + rows.length >= plan.limit) {
			onPage(rows.slice(0, plan.limit - delivered));
			return;
		}
		onPage(rows);
		delivered += rows.length;
		if (rows.length === 0) break;
		// The page count, when the answer has one, also holds when the API caps the page size.
		const totalPages = totalPagesOf(body);
		if (totalPages !== undefined) {
			if (pages + 1 >= totalPages) break;
			continue;
		}
		// Fewer rows than asked: the last page. More: the API ignores paging and sent everything.
		if (rows.length !== pageSize) break;
	}
}
