import type { INodeParameters } from 'n8n-workflow';

import type { FenergoSimulatorOptions } from '../../../simulators';
import {
	apiCalls,
	emitted,
	notifications,
	outcome,
	saveTrigger,
	TENANT,
	until,
	useTriggerRig,
	WORKFLOW_ID,
} from './setup';

const rig = useTriggerRig();
const POLLING = { mode: 'polling', eventTypes: ['*'], feed: 'all' };

async function start(
	parameters: INodeParameters = POLLING,
	simOptions: FenergoSimulatorOptions = {},
) {
	await rig.bed.startOver(simOptions);
	saveTrigger(rig, parameters);
}

const ids = (list: Array<{ id?: unknown }>) => list.map((entry) => entry.id);

describe('Fenergo Trigger, polling mode', () => {
	it('reads batches until moreAvailable is false, emits every notification once and completes the batches after the run', async () => {
		await start(POLLING, { feedBatchSize: 10 });
		const sent = notifications(
			rig,
			Array.from({ length: 25 }, (_, i) =>
				i % 2 ? 'journey:taskcompleted' : 'entitydata:created',
			),
		);
		rig.bed.sim.events.enqueue(TENANT, sent);

		expect(await rig.runner.poll(WORKFLOW_ID)).toBeNull();
		await rig.runner.settle();
		await until(() => rig.bed.sim.events.stats.completed === 3, 'three completed batches');
		expect(emitted(rig).map(ids)).toEqual([ids(sent)]);
		expect(apiCalls(rig, '/next')).toHaveLength(3);
		expect(rig.bed.sim.events.pending(TENANT, 'all')).toBe(0);

		// Nothing waiting: one `next` (204) and no run.
		await rig.runner.poll(WORKFLOW_ID);
		await rig.runner.settle();
		expect(rig.runner.executions).toHaveLength(1);
		expect(rig.bed.sim.events.stats.empty).toBe(1);
	});

	it('leaves the batches uncompleted after a failed run, so the next poll delivers the same notifications again', async () => {
		await start(POLLING, { leaseMs: 60_000 });
		const sent = notifications(rig, [
			'entitydata:created',
			'entitydata:draftverified',
			'journey:taskcompleted',
		]);
		rig.bed.sim.events.enqueue(TENANT, sent);

		outcome.fail = true;
		await rig.runner.poll(WORKFLOW_ID);
		await rig.runner.settle();
		expect(rig.runner.executions[0].status).toBe('error');
		expect(rig.bed.sim.events.stats.completed).toBe(0);

		outcome.fail = false;
		rig.bed.clock.advance(61_000);
		await rig.runner.poll(WORKFLOW_ID);
		await rig.runner.settle();
		await until(() => rig.bed.sim.events.stats.completed === 1, 'the batch completed');
		expect(emitted(rig).map(ids)).toEqual([ids(sent), ids(sent)]);
		expect(rig.runner.executions[1].status).toBe('success');
		expect(rig.bed.sim.events.pending(TENANT, 'all')).toBe(0);

		rig.bed.clock.advance(61_000);
		await rig.runner.poll(WORKFLOW_ID);
		await rig.runner.settle();
		expect(rig.runner.executions).toHaveLength(2);
	});

	it('filters by event type in the node and completes batches holding nothing wanted without a run', async () => {
		await start({ ...POLLING, eventTypes: ['entitydata:draftverified'] });
		const sent = notifications(rig, [
			'entitydata:created',
			'entitydata:draftverified',
			'journey:taskcompleted',
		]);
		rig.bed.sim.events.enqueue(TENANT, sent);
		await rig.runner.poll(WORKFLOW_ID);
		await rig.runner.settle();
		await until(() => rig.bed.sim.events.stats.completed === 1, 'the batch completed');
		expect(emitted(rig).map(ids)).toEqual([[sent[1].id]]);

		rig.bed.sim.events.enqueue(TENANT, notifications(rig, ['journey:taskcompleted']));
		await rig.runner.poll(WORKFLOW_ID);
		await until(() => rig.bed.sim.events.stats.completed === 2, 'the second batch completed');
		expect(rig.runner.executions).toHaveLength(1);
	});

	it('reads the chosen per-source feed', async () => {
		await start({ ...POLLING, feed: 'journey' });
		const sent = notifications(rig, ['entitydata:created', 'journey:taskcompleted']);
		rig.bed.sim.events.enqueue(TENANT, sent);
		await rig.runner.poll(WORKFLOW_ID);
		await rig.runner.settle();
		await until(() => rig.bed.sim.events.stats.completed === 1, 'the batch completed');
		expect(emitted(rig).map(ids)).toEqual([[sent[1].id]]);
		expect(apiCalls(rig, '/next')).toEqual(['GET /eventnotifications/v2/journey/next']);
	});

	it('emits a notification that comes twice in one poll once', async () => {
		await start(POLLING, { feedBatchSize: 2 });
		const [a, b] = notifications(rig, ['entitydata:created', 'entitydata:created']);
		rig.bed.sim.events.enqueue(TENANT, [a, b, a]);
		await rig.runner.poll(WORKFLOW_ID);
		await rig.runner.settle();
		await until(() => rig.bed.sim.events.stats.completed === 2, 'both batches completed');
		expect(emitted(rig).map(ids)).toEqual([[a.id, b.id]]);
	});

	it('Fetch Test Event (manual): one batch shown, nothing completed', async () => {
		await start();
		const sent = notifications(rig, ['entitydata:created']);
		rig.bed.sim.events.enqueue(TENANT, sent);
		const result = await rig.runner.poll(WORKFLOW_ID, 'manual');
		expect(result?.[0].map((item) => item.json.id)).toEqual([sent[0].id]);
		expect(rig.bed.sim.events.stats.completed).toBe(0);
		expect(rig.runner.executions).toHaveLength(0);
	});

	it('fetches resources with one token fetch across a token expiry mid-stream', async () => {
		await start({ ...POLLING, options: { fetchResource: true } });
		const sent = notifications(rig, [
			'entitydata:created',
			'entitydata:created',
			'entitydata:created',
			'entitydata:created',
		]);
		rig.bed.sim.events.enqueue(TENANT, sent);
		let reads = 0;
		rig.bed.sim.beforeApi = async (ctx) => {
			if (ctx.path.startsWith('/entitydataquery/') && ++reads === 2) rig.bed.sim.revokeAll();
		};
		try {
			await rig.runner.poll(WORKFLOW_ID);
			await rig.runner.settle();
		} finally {
			rig.bed.sim.beforeApi = undefined;
		}
		await until(() => rig.bed.sim.events.stats.completed === 1, 'the batch completed');
		const items = emitted(rig).flat();
		expect(items.map((item) => (item.resource as { id?: string } | undefined)?.id)).toEqual(
			sent.map((n) => n.payload.entityId),
		);
		expect(rig.bed.sim.stats.tokensIssued).toBe(2);
	});

	it.each([
		['an empty event-type list', { eventTypes: [] }, /Event Types is empty/],
		['a feed that does not exist', { feed: 'payments' }, /Feed "payments" does not exist/],
	])('refuses %s before any request', async (_name, parameters, message) => {
		await start({ ...POLLING, ...parameters });
		await expect(rig.runner.poll(WORKFLOW_ID)).rejects.toThrow(message);
		expect(rig.bed.sim.requests).toHaveLength(0);
	});

	it('in webhook mode a poll tick does nothing', async () => {
		await start({ mode: 'webhook', eventTypes: ['*'] });
		rig.bed.sim.events.enqueue(TENANT, notifications(rig, ['entitydata:created']));
		expect(await rig.runner.poll(WORKFLOW_ID)).toBeNull();
		expect(rig.bed.sim.requests).toHaveLength(0);
	});
});
