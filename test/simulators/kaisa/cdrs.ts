/**
 * Call detail records made up on demand from their index: nothing is stored, so 100,000 calls cost
 * nothing until a page of them is asked for. Call i starts at `start + i * spacingMs`, belongs to
 * tracking number i mod S and so to customer i mod C (each customer has S / C numbers).
 */

export interface CdrCustomer {
	customer_id: string;
	custnr: string;
	name: string;
}

export interface CdrSource {
	source_id: string;
	customer_id: string;
	custnr: string;
	name: string;
	number: string;
	destnr: string;
	class: string;
	campaign_id: string;
	status: string;
	[field: string]: unknown;
}

export interface CdrOptions {
	/** Inbound calls generated (outbound: `outboundCount`). */
	count?: number;
	outboundCount?: number;
	/** Start of call 0, ms since the epoch (UTC). */
	start?: number;
	spacingMs?: number;
}

export interface CdrQuery {
	direction: 'in' | 'out';
	from?: number;
	to?: number;
	customerId?: string;
	custnr?: string;
	sourceId?: string;
	cdrId?: string;
	newestFirst: boolean;
	extended: boolean;
}

/** Where matching calls sit: indices first, first + step, ... (n of them). */
interface Progression {
	first: number;
	step: number;
	n: number;
}

export const DEFAULT_CDR_START = Date.UTC(2026, 0, 14, 0, 0, 0);
export const DEFAULT_CDR_SPACING_MS = 4000;
const INBOUND_ID_BASE = 100_000_000;
const OUTBOUND_ID_BASE = 200_000_000;

const DAY_MS = 86_400_000;

/**
 * Calls relative to today for `npm start` and the e2e (tests keep the fixed day above): one every
 * 30 s from 00:00 UTC the day before yesterday to the end of today (UTC), so "yesterday" holds
 * calls in every workflow timezone and today's calls come in as the day goes on.
 */
export function recentCdrOptions(now = Date.now()): CdrOptions {
	const start = Math.floor(now / DAY_MS) * DAY_MS - 2 * DAY_MS;
	const spacingMs = 30_000;
	const count = (3 * DAY_MS) / spacingMs;
	return { start, spacingMs, count, outboundCount: Math.floor(count / 10) };
}

export function kaisaDateTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD HH:MM:SS` read as UTC; undefined when the text has another shape. */
export function parseKaisaDateTime(text: string): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second);
	return Number.isNaN(ms) || new Date(ms).getUTCDate() !== day ? undefined : ms;
}

export class CdrStore {
	readonly count: number;
	readonly outboundCount: number;
	readonly start: number;
	readonly spacingMs: number;
	/** When set (a clock), a call is listed only once it has ended (start + duration), as Kaisa does. */
	endedBy?: () => number;

	constructor(
		private readonly customers: readonly CdrCustomer[],
		private readonly sources: readonly CdrSource[],
		options: CdrOptions = {},
	) {
		const usable =
			customers.length > 0 && sources.length > 0 && sources.length % customers.length === 0;
		this.count = usable ? (options.count ?? 20_500) : 0;
		this.outboundCount = usable ? (options.outboundCount ?? 1_200) : 0;
		this.start = options.start ?? DEFAULT_CDR_START;
		this.spacingMs = options.spacingMs ?? DEFAULT_CDR_SPACING_MS;
	}

	/** The matching calls' total and the rows of one page. */
	page(
		query: CdrQuery,
		page: number,
		pagesize: number,
	): { total: number; rows: Record<string, unknown>[] } {
		const match = this.select(query);
		if (this.endedBy) return this.endedPage(query, match, page, pagesize, this.endedBy());
		const rows: Record<string, unknown>[] = [];
		const from = page * pagesize;
		for (let p = from; p < Math.min(match.n, from + pagesize); p++) {
			const position = query.newestFirst ? match.n - 1 - p : p;
			rows.push(this.cdr(query.direction, match.first + position * match.step, query.extended));
		}
		return { total: match.n, rows };
	}

	/** Every call of a direction, in order (for tests to compare against). */
	cdr(direction: 'in' | 'out', index: number, extended = false): Record<string, unknown> {
		const source = this.sources[index % this.sources.length];
		const customer = this.customers[index % this.customers.length];
		const inbound = direction === 'in';
		const answered = index % 7 === 0 ? 0 : 1;
		const caller = `+4670${String((index * 7919) % 10_000_000).padStart(7, '0')}`;
		const row: Record<string, unknown> = {
			cdr_id: String((inbound ? INBOUND_ID_BASE : OUTBOUND_ID_BASE) + index),
			start: kaisaDateTime(this.start + index * this.spacingMs),
			duration: answered ? 20 + ((index * 37) % 580) : 0,
			anum: inbound ? caller : source.destnr,
			bnum: inbound ? source.number : caller,
			cnum: inbound ? source.destnr : null,
			answered,
			customer_id: customer.customer_id,
			custnr: customer.custnr,
			source_id: source.source_id,
			source_name: source.name,
			recording_id:
				inbound && answered && index % 5 === 0 ? (index % 10 === 0 ? '9001' : '9002') : null,
		};
		if (extended) {
			row.source_class = source.class;
			row.source_campaign_id = source.campaign_id;
			row.customer_name = customer.name;
			row.ring_time = 3 + (index % 12);
		}
		return row;
	}

	/** A page of the matching calls that have ended by `now` (each call checked: tests only). */
	private endedPage(
		query: CdrQuery,
		match: Progression,
		page: number,
		pagesize: number,
		now: number,
	): { total: number; rows: Record<string, unknown>[] } {
		const ended: number[] = [];
		for (let p = 0; p < match.n; p++) {
			const index = match.first + p * match.step;
			const duration = Number(this.cdr(query.direction, index).duration);
			if (this.start + index * this.spacingMs + duration * 1000 <= now) ended.push(index);
		}
		if (query.newestFirst) ended.reverse();
		const rows = ended
			.slice(page * pagesize, (page + 1) * pagesize)
			.map((index) => this.cdr(query.direction, index, query.extended));
		return { total: ended.length, rows };
	}

	private total(direction: 'in' | 'out'): number {
		return direction === 'in' ? this.count : this.outboundCount;
	}

	private select(query: CdrQuery): Progression {
		const none: Progression = { first: 0, step: 1, n: 0 };
		const total = this.total(query.direction);
		const lo = Math.max(
			0,
			query.from === undefined ? 0 : Math.ceil((query.from - this.start) / this.spacingMs),
		);
		const hi = Math.min(
			total - 1,
			query.to === undefined ? total - 1 : Math.floor((query.to - this.start) / this.spacingMs),
		);
		if (hi < lo) return none;

		// i ≡ residue (mod modulus): customer k ⇒ mod C; tracking number j ⇒ mod S (C divides S).
		let modulus = 1;
		let residue = 0;
		const byCustomer = [query.customerId, query.custnr].filter((value) => value !== undefined);
		if (byCustomer.length > 0) {
			const indexes = new Set<number>();
			if (query.customerId !== undefined)
				indexes.add(this.customers.findIndex((c) => c.customer_id === query.customerId));
			if (query.custnr !== undefined)
				indexes.add(this.customers.findIndex((c) => c.custnr === query.custnr));
			if (indexes.size !== 1 || indexes.has(-1)) return none;
			modulus = this.customers.length;
			residue = [...indexes][0];
		}
		if (query.sourceId !== undefined) {
			const j = this.sources.findIndex((s) => s.source_id === query.sourceId);
			if (j < 0 || j % modulus !== residue) return none;
			modulus = this.sources.length;
			residue = j;
		}
		if (query.cdrId !== undefined) {
			const base = query.direction === 'in' ? INBOUND_ID_BASE : OUTBOUND_ID_BASE;
			const index = Number(query.cdrId) - base;
			const ok =
				Number.isInteger(index) && index >= lo && index <= hi && index % modulus === residue;
			return ok ? { first: index, step: 1, n: 1 } : none;
		}
		const first = lo + ((((residue - lo) % modulus) + modulus) % modulus);
		return first > hi ? none : { first, step: modulus, n: Math.floor((hi - first) / modulus) + 1 };
	}
}
