import type { INodeParameters } from 'n8n-workflow';

import type { NodeSpec } from '../../../../harness/linear-workflow';
import type { ExecutionResult } from '../../../../harness/n8n';
import { startNodeTestbed, type NodeTestbed } from '../../../../harness/node-testbed';
import {
	KAISA_PATHS,
	kaisaDateTime,
	type KaisaSimulator,
	type KaisaSimulatorOptions,
} from '../../../../simulators';
import { Load, loadControl } from '../../../../shared/positions/support/load.node';
import { committedByScope, LOAD } from '../../../../shared/positions/support/positions';
import { jsonOf, KAISA_TESTBED, kaisaNode } from '../../testbed';

const EXTRACT = 'Calls since last run';
const MINUTE = 60_000;
const ITEMS = { name: 'Items', type: 'testItems', parameters: { count: 1 } };

let bed: NodeTestbed<KaisaSimulator, KaisaSimulatorOptions>;
/** The clock when each test starts; calls start a minute apart from 3 hours before it. */
let T: number;

beforeAll(async () => {
	bed = await startNodeTestbed({
		...KAISA_TESTBED,
		nodeTypes: { ...KAISA_TESTBED.nodeTypes, testLoad: new Load() },
	});
});

beforeEach(async () => {
	const now = Date.UTC(2026, 0, 15, 12);
	await bed.startOver({
		cdrs: { start: now - 180 * MINUTE, spacingMs: MINUTE, count: 600, outboundCount: 600 },
	});
	T = bed.clock.now();
	expect(T).toBe(now);
	bed.sim.cdrs.endedBy = () => bed.clock.now();
	loadControl.reset();
});

afterAll(async () => {
	await bed.close();
});

const extract = (options: INodeParameters = {}, direction = 'inbound'): NodeSpec => ({
	...kaisaNode({
		resource: 'call',
		operation: 'getMany',
		direction,
		range: 'sinceLastRun',
		options,
	}),
	name: EXTRACT,
});
const confirm: NodeSpec = {
	...kaisaNode({ resource: 'call', operation: 'confirmPosition' }),
	name: 'Confirm position',
};

const idsOf = (result: ExecutionResult) =>
	jsonOf(result.outputs[EXTRACT]).map((row) => Number(row.cdr_id) - 100_000_000);
/** Calls (by index) that started in [from, to] minutes relative to T. */
const calls = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, n) => 180 + from + n);
const lastQuery = () => bed.sim.callsTo(KAISA_PATHS.cdrsIn).at(-1)?.query;

describe('Call → Get Many, Since Last Run', () => {
	test('calls of the settle delay are left for the next run; each call comes once', async () => {
		bed.save('wf', [ITEMS, extract(), LOAD, confirm]);
		const first = await bed.run('wf');
		expect(first.status).toBe('success');
		// The first run reaches 24 hours back, up to 15 minutes (the settle delay) before now.
		expect(lastQuery()).toMatchObject({
			from_date: kaisaDateTime(T - 24 * 60 * MINUTE),
			to_date: kaisaDateTime(T - 15 * MINUTE),
		});
		expect(idsOf(first)).toEqual(calls(-180, -15));

		bed.clock.advance(30 * MINUTE);
		const second = await bed.run('wf');
		// From the position minus the 15-minute overlap; the calls there already delivered are dropped.
		expect(lastQuery()).toMatchObject({
			from_date: kaisaDateTime(T - 30 * MINUTE),
			to_date: kaisaDateTime(T + 15 * MINUTE),
		});
		expect(idsOf(second)).toEqual(calls(-14, 15));
		expect(committedByScope(bed.harness.staticData('wf')).inbound).toMatchObject({
			since: new Date(T + 15 * MINUTE).toISOString(),
		});
	});

	test('a call that ends after a run still arrives in a later run', async () => {
		// No settle delay: calls still going on at the run are not listed by Kaisa yet.
		bed.save('wf', [ITEMS, extract({ settleMinutes: 0 }), LOAD, confirm]);
		const first = idsOf(await bed.run('wf'));
		const going = calls(-10, 0).filter((index) => !first.includes(index));
		expect(going.length).toBeGreaterThan(0);
		expect(first).toEqual(calls(-180, 0).filter((index) => !going.includes(index)));

		bed.clock.advance(10 * MINUTE);
		const second = idsOf(await bed.run('wf'));
		expect(second.filter((index) => index <= 180)).toEqual(going);
		expect([...first, ...second].sort((a, b) => a - b)).toEqual(
			calls(-180, 10).filter((index) => first.includes(index) || second.includes(index)),
		);
		expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
	});

	test('a load step that fails once: the same calls again, then no call twice after a success', async () => {
		bed.save('wf', [ITEMS, extract(), LOAD, confirm]);
		await bed.run('wf');
		bed.clock.advance(60 * MINUTE);
		loadControl.script = [{ fail: true }];
		const failed = await bed.run('wf');
		expect(failed.status).toBe('error');
		expect(idsOf(failed)).toEqual(calls(-14, 45));

		const retry = await bed.run('wf');
		expect(retry.status).toBe('success');
		expect(idsOf(retry)).toEqual(calls(-14, 45));

		bed.clock.advance(60 * MINUTE);
		expect(idsOf(await bed.run('wf'))).toEqual(calls(46, 105));
		const loaded = loadControl.all().map((row) => row.cdr_id);
		expect(new Set(loaded).size).toBe(loaded.length);
		expect(loaded).toHaveLength(calls(-180, 105).length);
	});

	test('an execution killed between extraction and confirm: its calls come back', async () => {
		bed.save('wf', [ITEMS, extract(), LOAD, confirm]);
		await bed.run('wf');
		bed.clock.advance(20 * MINUTE);
		loadControl.script = [{ hang: true }];
		void bed.run('wf'); // never ends: nothing is saved, as when n8n's process is killed
		await loadControl.arrived(2);
		bed.restart();
		expect(idsOf(await bed.run('wf'))).toEqual(calls(-14, 5));
	});

	test('without a confirm step the position moves when the node succeeds; directions apart', async () => {
		bed.save('wf', [ITEMS, extract({}, 'outbound'), LOAD]);
		await bed.run('wf');
		expect(bed.sim.callsTo(KAISA_PATHS.cdrsOut)).toHaveLength(1);
		bed.clock.advance(10 * MINUTE);
		loadControl.script = [{ fail: true }];
		expect(jsonOf((await bed.run('wf')).outputs[EXTRACT])).toHaveLength(10);
		expect(jsonOf((await bed.run('wf')).outputs[EXTRACT])).toHaveLength(0);
		expect(Object.keys(committedByScope(bed.harness.staticData('wf')))).toEqual(['outbound']);
	});

	test('a manual run moves nothing; Reset Position To extracts again from its date once', async () => {
		bed.save('wf', [ITEMS, extract(), LOAD, confirm]);
		await bed.run('wf');
		bed.clock.advance(10 * MINUTE);
		const before = bed.harness.staticData('wf');
		expect(idsOf(await bed.run('wf', { mode: 'manual' }))).toEqual(calls(-14, -5));
		expect(bed.harness.staticData('wf')).toEqual(before);

		bed.save('wf', [
			ITEMS,
			extract({ resetTo: new Date(T - 60 * MINUTE).toISOString() }),
			LOAD,
			confirm,
		]);
		expect(idsOf(await bed.run('wf'))).toEqual(calls(-60, -5));
		expect(lastQuery()?.from_date).toBe(kaisaDateTime(T - 60 * MINUTE));
		expect(idsOf(await bed.run('wf'))).toEqual([]);
	});

	test('a Confirm Position step with no Since Last Run list before it is refused', async () => {
		bed.save('wf', [ITEMS, confirm]);
		expect((await bed.run('wf')).error?.message).toBe(
			'No "Since Last Run" Kaisa Get Many Calls node comes before this Confirm Position step',
		);
	});
});
