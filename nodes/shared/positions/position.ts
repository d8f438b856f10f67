/**
 * A "since last run" position: the instant the next extraction continues from, and the rows
 * already delivered close to it. The next extraction asks from `since` minus an overlap (rows
 * written at the boundary, or whose timestamp lags the write, are not skipped) and drops the rows
 * whose id and modification time it has delivered before (they are not delivered twice).
 */
export interface Position {
	/** ISO 8601 UTC. */
	since: string;
	/** `[id, modification time in ms]` of rows delivered at or after `since` minus the overlap, newest first. */
	delivered: Array<[string, number]>;
	/** The Reset Position date this position descends from (a new one restarts it once). */
	reset?: string;
	/**
	 * Where the extraction that reached it started (ISO 8601 UTC): the overlap never reaches
	 * before it, so rows a reset or first-run date left out are not delivered later.
	 */
	floor?: string;
}

/** What the mechanism needs of a row: its stable id and modification time (ms). */
export interface RowKey {
	id: string;
	at: number;
}

export type KeyOf<Row> = (row: Row) => RowKey | undefined;

/** Delivered rows remembered per position; past this only duplicates can result, never a gap. */
export const MAX_DELIVERED = 5000;

const seenKey = (id: string, at: number): string => `${at} ${id}`;

function isPair(value: unknown): value is [string, number] {
	return (
		Array.isArray(value) &&
		value.length === 2 &&
		typeof value[0] === 'string' &&
		typeof value[1] === 'number' &&
		Number.isFinite(value[1])
	);
}

/** A stored position, or undefined when the stored value is not one (it is then ignored). */
export function asPosition(value: unknown): Position | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const stored = value as Partial<Record<keyof Position, unknown>>;
	if (typeof stored.since !== 'string' || Number.isNaN(Date.parse(stored.since))) return undefined;
	const position: Position = {
		since: stored.since,
		delivered: Array.isArray(stored.delivered) ? stored.delivered.filter(isPair) : [],
	};
	if (typeof stored.reset === 'string') position.reset = stored.reset;
	if (typeof stored.floor === 'string' && !Number.isNaN(Date.parse(stored.floor)))
		position.floor = stored.floor;
	return position;
}

/**
 * One extraction from a position: which rows are new (`fresh`), and the position after it
 * (`next`). Rows are counted as delivered by `fresh`, so call it only for rows that are output.
 */
export class Extraction<Row> {
	private readonly seen = new Set<string>();
	private readonly delivered: Array<[string, number]> = [];
	private newest: number;
	private sawRows = false;
	private sawDated = false;
	count = 0;

	constructor(
		private readonly start: Position | undefined,
		private readonly overlapMs: number,
		private readonly keyOf: KeyOf<Row>,
	) {
		this.newest = start ? Date.parse(start.since) : Number.NEGATIVE_INFINITY;
		for (const [id, at] of start?.delivered ?? []) this.seen.add(seenKey(id, at));
	}

	/** Where the query starts (ms): the position minus the overlap; undefined on a first run. */
	queryFrom(): number | undefined {
		if (!this.start) return undefined;
		const from = Date.parse(this.start.since) - this.overlapMs;
		return this.start.floor === undefined ? from : Math.max(from, Date.parse(this.start.floor));
	}

	/** The rows of a page not delivered before (nor earlier in this extraction). */
	fresh(rows: Row[]): Row[] {
		const out: Row[] = [];
		for (const row of rows) {
			this.sawRows = true;
			const key = this.keyOf(row);
			if (!key) {
				out.push(row);
				continue;
			}
			this.sawDated = true;
			if (key.at > this.newest) this.newest = key.at;
			const seen = seenKey(key.id, key.at);
			if (this.seen.has(seen)) continue;
			this.seen.add(seen);
			this.delivered.push([key.id, key.at]);
			out.push(row);
		}
		this.count += out.length;
		return out;
	}

	/**
	 * The position after the extraction: at the newest modification time seen, or at `until` when
	 * the window's end is known (Kaisa) and later. Rows with no time at all move it to `fetchedAt`,
	 * so they are not fetched again forever; no rows leave it where it was. `from` is where the
	 * query started (undefined: from the beginning).
	 */
	next(options: {
		from?: number;
		until?: number;
		fetchedAt: number;
		reset?: string;
	}): Position | undefined {
		let since = this.newest;
		if (options.until !== undefined && options.until > since) since = options.until;
		if (this.sawRows && !this.sawDated && options.fetchedAt > since) since = options.fetchedAt;
		if (!Number.isFinite(since)) return undefined;
		const keepFrom = since - this.overlapMs;
		const merged = new Map<string, [string, number]>();
		for (const pair of [...this.delivered, ...(this.start?.delivered ?? [])])
			if (pair[1] >= keepFrom) merged.set(seenKey(pair[0], pair[1]), pair);
		const delivered = [...merged.values()]
			.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
			.slice(0, MAX_DELIVERED);
		const position: Position = { since: new Date(since).toISOString(), delivered };
		const reset = options.reset ?? this.start?.reset;
		if (reset !== undefined) position.reset = reset;
		if (options.from !== undefined) position.floor = new Date(options.from).toISOString();
		return position;
	}
}
