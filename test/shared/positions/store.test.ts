import type { IDataObject } from 'n8n-workflow';

import type { Position } from '../../../nodes/shared/positions/position';
import {
	PENDING_TTL_MS,
	POSITIONS_FIELD,
	PositionStore,
	positionKey,
} from '../../../nodes/shared/positions/store';

const T = Date.UTC(2026, 0, 15, 12);
const KEY = positionKey('Extract', 'client', 'Customer');
const at = (minutes: number): Position => ({
	since: new Date(T + minutes * 60_000).toISOString(),
	delivered: [],
});

/** Executions sharing one static data object (n8n regular mode may hand the same object to both). */
function executions(staticData: IDataObject = {}, now = () => T) {
	return {
		staticData,
		as: (executionId: string) => new PositionStore(staticData, executionId, now),
	};
}

describe('PositionStore', () => {
	test('an execution starts from the committed position, or from its own pending one', () => {
		const { as } = executions();
		const a = as('1');
		expect(a.startOf(KEY)).toEqual({ position: undefined, basis: undefined, rows: 0 });
		a.record(KEY, { node: 'Extract', next: at(10), rows: 3 });
		expect(a.startOf(KEY)).toMatchObject({ position: at(10), rows: 3 });
		expect(as('2').startOf(KEY).position).toBeUndefined();
		a.commit(KEY);
		expect(as('2').startOf(KEY).position).toEqual(at(10));
	});

	test('an execution commits only its own pending position', () => {
		const { as } = executions();
		as('A').record(KEY, { node: 'Extract', next: at(10), rows: 1 });
		as('B').record(KEY, { node: 'Extract', next: at(20), rows: 1 });
		expect(as('B').commit(KEY)).toEqual(at(20));
		expect(as('C').commit(KEY)).toBeUndefined();
		expect(as('C').own()).toEqual([]);
		expect(
			as('A')
				.own()
				.map(([key]) => key),
		).toEqual([KEY]);
	});

	test('two overlapping executions on one object: the later position is kept whichever confirms last', () => {
		const { as } = executions();
		as('A').record(KEY, { node: 'Extract', next: at(10), rows: 1 });
		as('B').record(KEY, { node: 'Extract', next: at(20), rows: 1 });
		as('B').commit(KEY);
		expect(as('A').commit(KEY)).toEqual(at(20));

		as('C').record(KEY, { node: 'Extract', next: at(30), rows: 1 });
		as('D').record(KEY, { node: 'Extract', next: at(40), rows: 1 });
		as('C').commit(KEY);
		expect(as('D').commit(KEY)).toEqual(at(40));
	});

	test('after a reset, an execution that started before it does not commit', () => {
		const { as } = executions();
		as('A').record(KEY, { node: 'Extract', next: at(50), rows: 1 });
		as('R').record(KEY, { node: 'Extract', next: { ...at(5), reset: 'R1' }, rows: 1 });
		expect(as('R').commit(KEY)).toEqual({ ...at(5), reset: 'R1' });
		expect(as('A').commit(KEY)).toEqual({ ...at(5), reset: 'R1' });
		// One that started from the reset position continues it.
		as('B').record(KEY, {
			node: 'Extract',
			next: { ...at(60), reset: 'R1' },
			rows: 1,
			basis: 'R1',
		});
		expect(as('B').commit(KEY)).toEqual({ ...at(60), reset: 'R1' });
	});

	test('pending entries of executions that never confirmed expire', () => {
		let now = T;
		const { as, staticData } = executions({}, () => now);
		as('failed').record(KEY, { node: 'Extract', next: at(10), rows: 1 });
		now += PENDING_TTL_MS - 1;
		as('next').record(KEY, { node: 'Extract', next: at(10), rows: 1 });
		const pending = () =>
			Object.keys(
				((staticData[POSITIONS_FIELD] as IDataObject)[KEY] as { pending: IDataObject }).pending,
			);
		expect(pending()).toEqual(['next', 'failed']);
		now += 2;
		as('next').commit(KEY);
		expect(pending()).toEqual([]);
	});

	test('a damaged entry is ignored rather than trusted', () => {
		const { as } = executions({
			[POSITIONS_FIELD]: { [KEY]: { committed: { since: 'soon' }, pending: { x: 1 } } },
		});
		expect(as('1').startOf(KEY).position).toBeUndefined();
		expect(as('1').own()).toEqual([]);
	});
});
