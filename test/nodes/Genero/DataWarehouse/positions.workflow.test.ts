import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeSpec } from '../../../harness/linear-workflow';
import type { ExecutionResult } from '../../../harness/n8n';
import { PENDING_TTL_MS } from '../../../../nodes/shared/positions/store';
import { startNodeTestbed, type NodeTestbed } from '../../../harness/node-testbed';
import type { GeneroSimulator, GeneroSimulatorOptions } from '../../../simulators';
import { gate, Load, loadControl } from '../../../shared/positions/support/load.node';
import {
	LOAD,
	committedByScope,
	pendingByScope,
	positionsIn,
} from '../../../shared/positions/support/positions';
import { GENERO_TESTBED, jsonOf, warehouseNode } from '../testbed';

const EXTRACT = 'Customers changed';
const START = Date.UTC(2025, 10, 1);
const MINUTE = 60_000;
const entity = (value: string) => ({ __rl: true, mode: 'name', value });

let bed: NodeTestbed<GeneroSimulator, GeneroSimulatorOptions>;

beforeAll(async () => {
	bed = await startNodeTestbed({
		...GENERO_TESTBED,
		nodeTypes: { ...GENERO_TESTBED.nodeTypes, testLoad: new Load() },
	});
});

beforeEach(async () => {
	await bed.startOver();
	loadControl.reset();
	bed.sim.warehouse.seed('Customer', 5, START);
});

afterAll(async () => {
	await bed.close();
});

const extract = (options: INodeParameters = {}, extra: Partial<NodeSpec> = {}): NodeSpec =>
	warehouseNode(
		{ entity: entity('Customer'), mode: 'sinceLastRun', options },
		{ name: EXTRACT, ...extra },
	);
const confirm = (extra: Partial<NodeSpec> = {}): NodeSpec =>
	warehouseNode({ operation: 'confirmPosition' }, { name: 'Confirm position', ...extra });
const ITEMS = { name: 'Items', type: 'testItems', parameters: { count: 1 } };

/** Trigger → extraction → load → confirm, as workflow `id`. */
function saveFlow(id: string, options: INodeParameters = {}, last: NodeSpec[] = [confirm()]): void {
	bed.save(id, [ITEMS, extract(options), LOAD, ...last]);
}

const idsOf = (result: ExecutionResult) => jsonOf(result.outputs[EXTRACT]).map((row) => row.id);
const at = (minute: number) => new Date(START + minute * MINUTE).toISOString();
const committed = (id: string) => committedByScope(bed.harness.staticData(id)).Customer;

describe('a Confirm Position step at the end of the flow (two-phase)', () => {
	test('a load step that fails once: the next run delivers every row again, then only new changes', async () => {
		saveFlow('wf');
		expect(idsOf(await bed.run('wf'))).toHaveLength(5);

		bed.clock.advance(3600_000);
		const changed = ['Customer-2', 'Customer-4', 'Customer-5'];
		for (const id of changed) bed.sim.warehouse.modify('Customer', id, { name: `New ${id}` });
		loadControl.script = [{ fail: true }];
		const failed = await bed.run('wf');
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toBe('The warehouse refused the load');
		expect(idsOf(failed)).toEqual(changed);
		// The failed execution saved its static data (n8n does): its position is pending, not committed.
		expect(Object.values(pendingByScope(bed.harness.staticData('wf'))).flat()).toHaveLength(1);

		const retry = await bed.run('wf');
		expect(retry.status).toBe('success');
		expect(idsOf(retry)).toEqual(changed);
		expect(loadControl.loaded.at(-1)?.map((row) => row.name)).toEqual(
			changed.map((id) => `New ${id}`),
		);

		bed.clock.advance(3600_000);
		bed.sim.warehouse.modify('Customer', 'Customer-1');
		bed.sim.warehouse.add('Customer');
		expect(idsOf(await bed.run('wf'))).toEqual(['Customer-1', 'Customer-6']);
		// The failed execution's pending entry is kept until it expires.
		expect(pendingByScope(bed.harness.staticData('wf')).Customer).toEqual(['2']);
		bed.clock.advance(PENDING_TTL_MS);
		expect(idsOf(await bed.run('wf'))).toEqual([]);
		expect(pendingByScope(bed.harness.staticData('wf')).Customer).toEqual([]);
	});

	test('an execution killed between extraction and confirm: its rows come back', async () => {
		saveFlow('wf');
		await bed.run('wf');
		bed.clock.advance(3600_000);
		bed.sim.warehouse.modify('Customer', 'Customer-3');
		bed.sim.warehouse.add('Customer');

		loadControl.script = [{ hang: true }];
		void bed.run('wf'); // never ends: nothing is saved, as when n8n's process is killed
		await loadControl.arrived(2);
		bed.restart();

		const after = await bed.run('wf');
		expect(after.status).toBe('success');
		expect(idsOf(after)).toEqual(['Customer-3', 'Customer-6']);
		expect(loadControl.all().map((row) => row.id)).toEqual([
			'Customer-1',
			'Customer-2',
			'Customer-3',
			'Customer-4',
			'Customer-5',
			'Customer-3',
			'Customer-6',
		]);
	});

	test('rows modified exactly at the position or lagging it by less than the overlap: delivered once', async () => {
		// Customer-4 and Customer-5 share the newest modified date, the position.
		bed.sim.warehouse.rows('Customer')[3].modified = at(4);
		saveFlow('wf-boundary');
		expect(idsOf(await bed.run('wf-boundary'))).toHaveLength(5);
		expect(committed('wf-boundary')).toMatchObject({ since: at(4) });

		// Written after that run: one row at the position's very instant, one whose modified date
		// lags it by 3 minutes (less than the 5-minute overlap).
		bed.sim.warehouse.add('Customer', { id: 'at-position', modified: at(4) });
		bed.sim.warehouse.add('Customer', { id: 'lagging', modified: at(1) });
		bed.sim.warehouse.calls.length = 0;
		const next = await bed.run('wf-boundary');
		expect(bed.sim.warehouse.calls[0].query.modifiedFrom).toBe(at(-1));
		expect(idsOf(next)).toEqual(['lagging', 'at-position']);
		expect(idsOf(await bed.run('wf-boundary'))).toEqual([]);

		// A row modified again (a new modified date) is a new change, even at the same id.
		bed.sim.warehouse.rows('Customer').find((row) => row.id === 'lagging')!.modified = at(3);
		expect(idsOf(await bed.run('wf-boundary'))).toEqual(['lagging']);
	});

	test('a row modified while the pages are read (pages shift by one): the fetch walks again, no row skipped', async () => {
		saveFlow('wf', { pageSize: 2, initialSince: at(-10) });
		bed.sim.warehouse.afterCall = (call) => {
			if (call.query.page !== '1' || bed.sim.warehouse.calls.length !== 1) return;
			bed.clock.advance(1000);
			bed.sim.warehouse.modify('Customer', 'Customer-1');
		};
		const result = await bed.run('wf');
		bed.sim.warehouse.afterCall = undefined;
		expect(idsOf(result)).toEqual([
			'Customer-1',
			'Customer-2',
			'Customer-4',
			'Customer-5',
			'Customer-1',
			'Customer-3',
		]);
		expect(bed.sim.warehouse.calls.map((call) => call.query.page)).toEqual([
			'1',
			'2',
			'3',
			'1',
			'2',
			'3',
		]);
		expect(idsOf(await bed.run('wf'))).toEqual([]);
	});

	test('two overlapping executions: no row is skipped, whichever ends last', async () => {
		saveFlow('wf');
		await bed.run('wf');
		const versions = new Set<string>();
		const change = (id: string) => {
			bed.clock.advance(MINUTE);
			const row = bed.sim.warehouse.modify('Customer', id);
			versions.add(`${row.id} ${row.modified}`);
		};

		// A extracts, then waits in its load step; B starts, extracts more and confirms; A fails.
		change('Customer-1');
		const holdA = gate();
		loadControl.script = [{ gate: holdA.promise, fail: true }];
		const a = bed.run('wf');
		await loadControl.arrived(2);
		change('Customer-2');
		const b = await bed.run('wf');
		expect(b.status).toBe('success');
		holdA.open();
		expect((await a).status).toBe('error');

		// A loads and confirms after B did (its older copy of the static data is saved last).
		change('Customer-3');
		const holdC = gate();
		loadControl.script = [{ gate: holdC.promise }];
		const c = bed.run('wf');
		await loadControl.arrived(4);
		change('Customer-4');
		expect((await bed.run('wf')).status).toBe('success');
		holdC.open();
		expect((await c).status).toBe('success');

		change('Customer-5');
		expect((await bed.run('wf')).status).toBe('success');
		const loaded = new Set(loadControl.all().map((row) => `${row.id} ${row.modified}`));
		expect([...versions].filter((version) => !loaded.has(version))).toEqual([]);
		expect(versions.size).toBe(5);
	});

	test('a manual run delivers from the committed position and moves nothing', async () => {
		saveFlow('wf');
		await bed.run('wf');
		bed.sim.warehouse.modify('Customer', 'Customer-2');
		const before = bed.harness.staticData('wf');
		expect(idsOf(await bed.run('wf', { mode: 'manual' }))).toEqual(['Customer-2']);
		expect(bed.harness.staticData('wf')).toEqual(before);
		expect(idsOf(await bed.run('wf'))).toEqual(['Customer-2']);
	});

	test('Reset Position To extracts again from its date once, and again after a failed run', async () => {
		saveFlow('wf');
		await bed.run('wf');
		saveFlow('wf', { resetTo: at(2) });
		loadControl.script = [{ fail: true }];
		expect(idsOf(await bed.run('wf'))).toEqual(['Customer-3', 'Customer-4', 'Customer-5']);
		expect(bed.sim.warehouse.calls.at(-1)?.query.modifiedFrom).toBe(at(2));
		expect(idsOf(await bed.run('wf'))).toEqual(['Customer-3', 'Customer-4', 'Customer-5']);
		expect(idsOf(await bed.run('wf'))).toEqual([]);
		expect(committed('wf')).toMatchObject({ since: at(4), reset: at(2) });
	});

	test('nothing delivered: the position moves at once, the confirm step being skipped by n8n', async () => {
		saveFlow('wf', { initialSince: at(100) });
		const first = await bed.run('wf');
		expect(idsOf(first)).toEqual([]);
		expect(first.outputs['Confirm position']).toBeUndefined();
		expect(committed('wf')).toMatchObject({ since: at(100) });
	});

	test('a Confirm Position step with no extraction before it is refused', async () => {
		bed.save('wf-lonely', [ITEMS, confirm()]);
		const result = await bed.run('wf-lonely');
		expect(result.error?.message).toBe(
			'No "Changed Since Last Run" Genero Data Warehouse node comes before this Confirm Position step',
		);
	});
});

describe('without a Confirm Position step (or with it disabled)', () => {
	test.each([
		['no confirm step', []],
		['a disabled one', [confirm({ disabled: true })]],
	])(
		'with %s the position moves when the extraction succeeds, as the node says',
		async (_name, last) => {
			saveFlow('wf', {}, last);
			await bed.run('wf');
			bed.sim.warehouse.modify('Customer', 'Customer-2');
			loadControl.script = [{ fail: true }];
			expect(idsOf(await bed.run('wf'))).toEqual(['Customer-2']);
			// The failed load is not retried: without a confirm step the node cannot know of it.
			expect(idsOf(await bed.run('wf'))).toEqual([]);
		},
	);
});

describe('positions', () => {
	test('are kept per node and per credential client', async () => {
		bed.save('wf', [
			ITEMS,
			extract(),
			warehouseNode(
				{ entity: entity('Customer'), mode: 'sinceLastRun' },
				{ name: 'Same entity, other node' },
			),
		]);
		const result = await bed.run('wf');
		expect(result.outputs['Same entity, other node']).toHaveLength(5);
		expect(Object.keys(committedByScope(bed.harness.staticData('wf')))).toEqual(['Customer']);
		const keys = Object.keys(positionsIn(bed.harness.staticData('wf')));
		expect(keys.map((key) => (JSON.parse(key) as string[])[0])).toEqual([
			EXTRACT,
			'Same entity, other node',
		]);
		expect(keys.every((key) => /^[0-9a-f]{32}$/.test((JSON.parse(key) as string[])[1]))).toBe(true);
	});

	test('one kept by an earlier version in the node static data is continued', async () => {
		bed.save('wf', [ITEMS, extract()]);
		bed.harness.setStaticData('wf', {
			[`node:${EXTRACT}`]: {
				positions: { Customer: { since: at(3), idsAtSince: ['Customer-4'] } },
			},
		});
		// Rows within the overlap before the old position come once more (it kept no set of them).
		expect(idsOf(await bed.run('wf'))).toEqual([
			'Customer-1',
			'Customer-2',
			'Customer-3',
			'Customer-5',
		]);
	});
});
