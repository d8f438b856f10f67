import type { IDataObject } from 'n8n-workflow';

import { asPosition, type Position } from './position';

/**
 * Positions in the workflow's global static data (the confirm step is another node, and a node's
 * own static data is private to it). Per position key:
 *
 * - `committed`: where every extraction starts. Only a confirm step (or, without one, the
 *   extraction node's own success) writes it, and only with the position an execution reached
 *   from a committed position after delivering every row in between, so it never passes a row no
 *   execution has delivered to the end of its flow.
 * - `pending`: per execution id, the position that execution reached and has not confirmed yet.
 *   An execution only ever confirms its own entry, so an overlapping execution (the same
 *   workflow started again, or on another queue-mode worker) can never commit rows another one is
 *   still loading. Entries of executions that failed are saved with the static data (n8n saves it
 *   for failed runs too) and are dropped after `PENDING_TTL_MS`.
 *
 * n8n saves static data as one object when an execution ends, last writer wins. A run that ends
 * after another with an older copy therefore writes back an older committed position: rows are
 * then delivered again (at-least-once, hence the upsert key), never skipped.
 */
export const POSITIONS_FIELD = 'incrementalPositions';
/** An execution running longer than this loses its pending entry: its rows come again next time. */
export const PENDING_TTL_MS = 12 * 3600_000;
/** Pending entries kept per position; the oldest go first (again, only duplicates can follow). */
const MAX_PENDING = 20;

export interface Pending {
	/** The extraction node that recorded it. */
	node: string;
	next: Position;
	/** Rows delivered (0: nothing can be lost by committing at once). */
	rows: number;
	/** When it was recorded (ms). */
	at: number;
	/** The Reset Position marker of the committed position it started from. */
	basis?: string;
}

interface Entry {
	committed?: Position;
	pending: Record<string, Pending>;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asPending(value: unknown): Pending | undefined {
	if (!isObject(value)) return undefined;
	const next = asPosition(value.next);
	if (!next || typeof value.node !== 'string' || typeof value.at !== 'number') return undefined;
	const pending: Pending = {
		node: value.node,
		next,
		rows: typeof value.rows === 'number' ? value.rows : 1,
		at: value.at,
	};
	if (typeof value.basis === 'string') pending.basis = value.basis;
	return pending;
}

/** The key of one position: node, credential client and what is extracted (entity and tenant, direction). */
export function positionKey(node: string, client: string, scope: string): string {
	return JSON.stringify([node, client, scope]);
}

export class PositionStore {
	constructor(
		private readonly staticData: IDataObject,
		private readonly executionId: string,
		private readonly now: () => number,
	) {}

	private all(): IDataObject {
		const stored = this.staticData[POSITIONS_FIELD];
		if (isObject(stored)) return stored;
		const created: IDataObject = {};
		this.staticData[POSITIONS_FIELD] = created;
		return created;
	}

	private read(key: string): Entry {
		const stored = (
			isObject(this.staticData[POSITIONS_FIELD])
				? (this.staticData[POSITIONS_FIELD] as IDataObject)[key]
				: undefined
		) as unknown;
		const entry: Entry = { pending: {} };
		if (!isObject(stored)) return entry;
		const committed = asPosition(stored.committed);
		if (committed) entry.committed = committed;
		if (isObject(stored.pending)) {
			for (const [id, value] of Object.entries(stored.pending)) {
				const pending = asPending(value);
				if (pending) entry.pending[id] = pending;
			}
		}
		return entry;
	}

	private write(key: string, entry: Entry): void {
		const cutoff = this.now() - PENDING_TTL_MS;
		const pending = Object.entries(entry.pending)
			.filter(([id, value]) => id === this.executionId || value.at >= cutoff)
			.sort(([, a], [, b]) => b.at - a.at)
			.slice(0, MAX_PENDING);
		const stored: IDataObject = { pending: Object.fromEntries(pending) as IDataObject };
		if (entry.committed) stored.committed = entry.committed as unknown as IDataObject;
		this.all()[key] = JSON.parse(JSON.stringify(stored)) as IDataObject;
	}

	committed(key: string): Position | undefined {
		return this.read(key).committed;
	}

	/**
	 * Where this execution's next extraction for `key` starts: its own pending position when it
	 * already extracted once (a second item, a loop), else the committed one.
	 */
	startOf(key: string): { position?: Position; basis?: string; rows: number } {
		const entry = this.read(key);
		const own = entry.pending[this.executionId];
		if (own) return { position: own.next, basis: own.basis, rows: own.rows };
		return { position: entry.committed, basis: entry.committed?.reset, rows: 0 };
	}

	/** Records this execution's pending position for `key`. */
	record(key: string, pending: Omit<Pending, 'at'>): void {
		const entry = this.read(key);
		entry.pending[this.executionId] = { ...pending, at: this.now() };
		this.write(key, entry);
	}

	/** This execution's pending entries, by key. */
	own(): Array<[string, Pending]> {
		const stored = this.staticData[POSITIONS_FIELD];
		if (!isObject(stored)) return [];
		const found: Array<[string, Pending]> = [];
		for (const key of Object.keys(stored)) {
			const pending = this.read(key).pending[this.executionId];
			if (pending) found.push([key, pending]);
		}
		return found;
	}

	/**
	 * Turns this execution's pending position for `key` into the committed one. When another
	 * execution committed meanwhile (same static data object), the later of the two is kept: each
	 * was reached from a committed position with every row in between delivered. After a Reset
	 * Position this execution did not start from, its position is dropped instead.
	 */
	commit(key: string): Position | undefined {
		const entry = this.read(key);
		const mine = entry.pending[this.executionId];
		if (!mine) return undefined;
		delete entry.pending[this.executionId];
		const current = entry.committed;
		const resetHere = mine.next.reset !== mine.basis;
		if (resetHere || !current) entry.committed = mine.next;
		else if (current.reset !== mine.basis) entry.committed = current;
		else if (Date.parse(mine.next.since) >= Date.parse(current.since)) entry.committed = mine.next;
		this.write(key, entry);
		return entry.committed;
	}

	/** Drops this execution's pending entry for `key` without committing it. */
	discard(key: string): void {
		const entry = this.read(key);
		if (!entry.pending[this.executionId]) return;
		delete entry.pending[this.executionId];
		this.write(key, entry);
	}
}
