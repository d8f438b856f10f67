import {
	asPosition,
	Extraction,
	MAX_DELIVERED,
	type Position,
} from '../../../nodes/shared/positions/position';

interface Row {
	id?: string;
	at?: number;
}

const MINUTE = 60_000;
const T = Date.UTC(2026, 0, 15, 12);
const keyOf = (row: Row) =>
	row.id !== undefined && row.at !== undefined ? { id: row.id, at: row.at } : undefined;
const iso = (ms: number) => new Date(ms).toISOString();

describe('Extraction', () => {
	test('a first run delivers every row and ends at the newest time, remembering rows within the overlap', () => {
		const extraction = new Extraction<Row>(undefined, 5 * MINUTE, keyOf);
		expect(extraction.queryFrom()).toBeUndefined();
		const rows = [
			{ id: 'a', at: T - 10 * MINUTE },
			{ id: 'b', at: T - 2 * MINUTE },
			{ id: 'c', at: T },
		];
		expect(extraction.fresh(rows)).toEqual(rows);
		expect(extraction.count).toBe(3);
		expect(extraction.next({ fetchedAt: T + MINUTE })).toEqual({
			since: iso(T),
			delivered: [
				['c', T],
				['b', T - 2 * MINUTE],
			],
		});
	});

	test('the next run asks from the position minus the overlap and drops what it delivered before', () => {
		const start: Position = { since: iso(T), delivered: [['c', T]] };
		const extraction = new Extraction<Row>(start, 5 * MINUTE, keyOf);
		expect(extraction.queryFrom()).toBe(T - 5 * MINUTE);
		const page = [
			{ id: 'lagging', at: T - MINUTE },
			{ id: 'c', at: T },
			{ id: 'at-position', at: T },
			{ id: 'c', at: T + MINUTE }, // modified again: a new change
		];
		expect(extraction.fresh(page).map((row) => row.id)).toEqual(['lagging', 'at-position', 'c']);
		// The same rows again on a later page (paging over changing data): not twice.
		expect(extraction.fresh(page)).toEqual([]);
		expect(extraction.next({ fetchedAt: T + 2 * MINUTE })?.since).toBe(iso(T + MINUTE));
	});

	test('rows without an id or time are always delivered; only undated rows move it to the fetch time', () => {
		const undated = new Extraction<Row>(undefined, MINUTE, keyOf);
		expect(undated.fresh([{ id: 'x' }, {}])).toHaveLength(2);
		expect(undated.next({ fetchedAt: T })).toEqual({ since: iso(T), delivered: [] });
		expect(new Extraction<Row>(undefined, MINUTE, keyOf).next({ fetchedAt: T })).toBeUndefined();
	});

	test('a window end (until) moves it even with no rows; the query start is kept as a floor', () => {
		const extraction = new Extraction<Row>(undefined, 15 * MINUTE, keyOf);
		const next = extraction.next({ fetchedAt: T, until: T - 15 * MINUTE, from: T - 60 * MINUTE });
		expect(next).toEqual({
			since: iso(T - 15 * MINUTE),
			delivered: [],
			floor: iso(T - 60 * MINUTE),
		});
		// The overlap never reaches before the floor (a reset or first-run date).
		const after = new Extraction<Row>(
			{ since: iso(T), delivered: [], floor: iso(T - MINUTE) },
			15 * MINUTE,
			keyOf,
		);
		expect(after.queryFrom()).toBe(T - MINUTE);
	});

	test('the delivered set is bounded: past it only duplicates can follow', () => {
		const extraction = new Extraction<Row>(undefined, 60 * MINUTE, keyOf);
		const rows = Array.from({ length: MAX_DELIVERED + 10 }, (_, n) => ({ id: `r${n}`, at: T + n }));
		extraction.fresh(rows);
		const next = extraction.next({ fetchedAt: T });
		expect(next?.delivered).toHaveLength(MAX_DELIVERED);
		expect(next?.delivered[0]).toEqual([`r${MAX_DELIVERED + 9}`, T + MAX_DELIVERED + 9]);
	});

	test('a stored value that is not a position is ignored', () => {
		expect(asPosition({ since: 'never' })).toBeUndefined();
		expect(asPosition({ since: iso(T), delivered: [['a', 1], ['b'], 'c'] })).toEqual({
			since: iso(T),
			delivered: [['a', 1]],
		});
	});
});
