import { WAREHOUSE_API } from '../../../nodes/Genero/shared/paths';
import { type RequestContext, sendJson } from '../base';

/**
 * The assumed Genero Data Warehouse (paths from nodes/Genero/shared/paths.ts): flattened rows per entity
 * with created and modified dates, filtered and paged as the table says, and Genero's documented
 * limits per client: no parallel calls, 60 requests a minute, 3,000 a day, and a data volume per day.
 */
export type WarehouseRow = Record<string, unknown> & {
	id: string;
	created: string;
	modified: string;
};

export interface WarehouseOptions {
	perMinute?: number;
	perDay?: number;
	/** Bytes of row data a client may export per UTC day (Genero: 5 GB); unlimited if unset. */
	volumeBytesPerDay?: number;
	/** The most rows one page holds, whatever the client asks. */
	maxPageSize?: number;
}

export interface WarehouseCall {
	clientId: string;
	entity: string;
	query: Record<string, string>;
	status: number;
	rows: number;
	at: number;
}

export interface WarehouseStats {
	/** Every request that reached the entity route with a valid token. */
	requests: number;
	/** The most requests of one client in flight at once (1 = never parallel). */
	maxConcurrency: number;
	rejected: { parallel: number; perMinute: number; perDay: number; volume: number };
}

interface ClientState {
	inFlight: number;
	accepted: number[];
	day: string;
	today: number;
	bytesToday: number;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The query parameter a table entry fills with `{placeholder}`. */
function parameterFor(
	qs: Record<string, string> | undefined,
	placeholder: string,
): string | undefined {
	return Object.entries(qs ?? {}).find(([, template]) => template === `{${placeholder}}`)?.[0];
}

export class WarehouseStore {
	readonly entities = new Map<string, WarehouseRow[]>();
	readonly calls: WarehouseCall[] = [];
	readonly stats: WarehouseStats = {
		requests: 0,
		maxConcurrency: 0,
		rejected: { parallel: 0, perMinute: 0, perDay: 0, volume: 0 },
	};
	/** Real-time delay (not the clock) each call is held open, so overlapping calls really overlap. */
	delayMs = 0;
	/** Called after each answer (e.g. to change rows between two pages, as users editing records would). */
	afterCall?: (call: WarehouseCall) => void;
	readonly perMinute: number;
	readonly perDay: number;
	volumeBytesPerDay?: number;
	readonly maxPageSize: number;
	private readonly clients = new Map<string, ClientState>();

	constructor(
		private readonly now: () => number,
		options: WarehouseOptions = {},
	) {
		this.perMinute = options.perMinute ?? WAREHOUSE_API.limits.requestsPerMinute;
		this.perDay = options.perDay ?? WAREHOUSE_API.limits.requestsPerDay;
		this.volumeBytesPerDay = options.volumeBytesPerDay;
		this.maxPageSize = options.maxPageSize ?? 1000;
	}

	/** `count` rows, the n-th created (and last modified) `stepMs` after the one before, from `start`. */
	seed(
		entity: string,
		count: number,
		start: number,
		stepMs = 60_000,
		extra: (n: number) => Record<string, unknown> = () => ({}),
	): WarehouseRow[] {
		const rows = this.rows(entity);
		for (let n = 0; n < count; n++) {
			const at = new Date(start + n * stepMs).toISOString();
			rows.push({
				id: `${entity}-${rows.length + 1}`,
				name: `${entity} ${rows.length + 1}`,
				created: at,
				modified: at,
				...extra(n),
			});
		}
		return rows;
	}

	rows(entity: string): WarehouseRow[] {
		let rows = this.entities.get(entity);
		if (!rows) {
			rows = [];
			this.entities.set(entity, rows);
		}
		return rows;
	}

	/** Changes a row as Genero would: its modified date becomes now. */
	modify(entity: string, id: string, changes: Record<string, unknown> = {}): WarehouseRow {
		const row = this.rows(entity).find((candidate) => candidate.id === id);
		if (!row) throw new Error(`No ${entity} row ${id}`);
		Object.assign(row, changes, { modified: new Date(this.now()).toISOString() });
		return row;
	}

	/** Changes the `count` rows modified longest ago (as users editing records would); returns them. */
	modifyOldest(
		entity: string,
		count: number,
		changes: (row: WarehouseRow) => Record<string, unknown> = () => ({}),
	): WarehouseRow[] {
		return [...this.rows(entity)]
			.sort((a, b) => Date.parse(a.modified) - Date.parse(b.modified))
			.slice(0, count)
			.map((row) => this.modify(entity, row.id, changes(row)));
	}

	add(entity: string, fields: Record<string, unknown> = {}): WarehouseRow {
		const at = new Date(this.now()).toISOString();
		const rows = this.rows(entity);
		const row: WarehouseRow = {
			id: `${entity}-${rows.length + 1}`,
			name: `${entity} ${rows.length + 1}`,
			created: at,
			modified: at,
			...fields,
		};
		rows.push(row);
		return row;
	}

	usage(clientId: string): { today: number; lastMinute: number; bytesToday: number } {
		const state = this.clients.get(clientId);
		const now = this.now();
		if (!state) return { today: 0, lastMinute: 0, bytesToday: 0 };
		const sameDay = state.day === utcDay(now);
		return {
			today: sameDay ? state.today : 0,
			lastMinute: state.accepted.filter((at) => at > now - 60_000).length,
			bytesToday: sameDay ? state.bytesToday : 0,
		};
	}

	private state(clientId: string): ClientState {
		let state = this.clients.get(clientId);
		if (!state) {
			state = { inFlight: 0, accepted: [], day: '', today: 0, bytesToday: 0 };
			this.clients.set(clientId, state);
		}
		return state;
	}

	/** The entity route, after the token was checked. */
	async handle(
		ctx: RequestContext,
		clientId: string,
		sleep: (ms: number) => Promise<void>,
	): Promise<void> {
		const state = this.state(clientId);
		const query = Object.fromEntries(ctx.query);
		const entity = ctx.params.entity;
		const answer = (status: number, body: unknown, rows = 0) => {
			const call = { clientId, entity, query, status, rows, at: this.now() };
			this.calls.push(call);
			sendJson(ctx.res, status, body);
			this.afterCall?.(call);
		};
		this.stats.requests++;
		state.inFlight++;
		this.stats.maxConcurrency = Math.max(this.stats.maxConcurrency, state.inFlight);
		try {
			if (state.inFlight > 1) {
				this.stats.rejected.parallel++;
				return answer(429, {
					message: 'Parallel calls are not allowed: wait for the previous call to finish',
				});
			}
			if (this.delayMs > 0) await sleep(this.delayMs);

			const now = this.now();
			state.accepted = state.accepted.filter((at) => at > now - 60_000);
			if (state.accepted.length >= this.perMinute) {
				this.stats.rejected.perMinute++;
				return answer(429, {
					message: `Rate limit exceeded: at most ${this.perMinute} requests per minute`,
				});
			}
			if (state.day !== utcDay(now))
				Object.assign(state, { day: utcDay(now), today: 0, bytesToday: 0 });
			if (state.today >= this.perDay) {
				this.stats.rejected.perDay++;
				return answer(429, { message: `Daily request limit of ${this.perDay} requests reached` });
			}
			if (this.volumeBytesPerDay !== undefined && state.bytesToday >= this.volumeBytesPerDay) {
				this.stats.rejected.volume++;
				return answer(403, {
					message:
						'Data volume limit reached: at most 5 GB per day and 25 GB per week may be exported',
				});
			}
			state.accepted.push(now);
			state.today++;

			const selected = this.select(entity, ctx);
			if (typeof selected === 'string') return answer(400, { message: selected });
			const { paging } = WAREHOUSE_API;
			const page = Number(ctx.query.get(paging.pageParam) ?? paging.firstPage);
			const asked = Number(ctx.query.get(paging.pageSizeParam) ?? this.maxPageSize);
			if (
				!Number.isInteger(page) ||
				page < paging.firstPage ||
				!Number.isInteger(asked) ||
				asked < 1
			) {
				return answer(400, { message: 'Invalid page or pageSize' });
			}
			const pageSize = Math.min(asked, this.maxPageSize);
			const start = (page - paging.firstPage) * pageSize;
			const data = selected.slice(start, start + pageSize);
			state.bytesToday += Buffer.byteLength(JSON.stringify(data));
			answer(
				200,
				{
					[paging.rowsField]: data,
					page,
					pageSize,
					totalCount: selected.length,
					[paging.totalPagesField]: Math.ceil(selected.length / pageSize),
				},
				data.length,
			);
		} finally {
			state.inFlight--;
		}
	}

	/** The rows a query selects, in a stable order, or why the query is wrong. */
	private select(entity: string, ctx: RequestContext): WarehouseRow[] | string {
		const rows = this.entities.get(entity);
		if (!rows) return `Unknown entity ${entity}`;
		const { getMany } = WAREHOUSE_API;
		const createdFrom = parameterFor(getMany.createdSince.qs, 'from');
		const createdTo = parameterFor(getMany.createdBetween.qs, 'to');
		const modifiedFrom = parameterFor(getMany.modifiedSince.qs, 'from');
		const date = (name: string | undefined): number | undefined | string => {
			const value = name ? ctx.query.get(name) : null;
			if (value === null || value === undefined) return undefined;
			const ms = Date.parse(value);
			return Number.isNaN(ms) ? `Invalid date in ${name}: ${value}` : ms;
		};
		const bounds = {
			createdFrom: date(createdFrom),
			createdTo: date(createdTo),
			modifiedFrom: date(modifiedFrom),
		};
		for (const value of Object.values(bounds)) if (typeof value === 'string') return value;
		const {
			createdFrom: cFrom,
			createdTo: cTo,
			modifiedFrom: mFrom,
		} = bounds as Record<string, number | undefined>;
		const byModified = mFrom !== undefined;
		return rows
			.filter((row) => {
				const created = Date.parse(row.created);
				const modified = Date.parse(row.modified);
				return (
					(cFrom === undefined || created >= cFrom) &&
					(cTo === undefined || created <= cTo) &&
					(mFrom === undefined || modified >= mFrom)
				);
			})
			.sort((a, b) => {
				const key = byModified ? 'modified' : 'created';
				return (
					Date.parse(a[key]) - Date.parse(b[key]) ||
					a.id.localeCompare(b.id, 'en', { numeric: true })
				);
			});
	}
}
