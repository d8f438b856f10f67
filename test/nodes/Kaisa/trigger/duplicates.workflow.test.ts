import { REMEMBER_MS } from '../../../../nodes/Kaisa/trigger/duplicates';
import { SECRET, TRIGGER_NAME, useKaisaTriggerTestbed, withSecret } from './testbed';

const { bed, save, deliver, serve } = useKaisaTriggerTestbed();

const callIds = (runs: Array<{ outputs: Record<string, Array<{ json: { cdr_id?: unknown } }>> }>) =>
	runs.map((run) => run.outputs[TRIGGER_NAME][0].json.cdr_id);

describe('Kaisa Trigger: a call Kaisa sends again starts no second run', () => {
	test('a repeat (Kaisa did not see our 200) is answered 200 and starts nothing, form or JSON', async () => {
		const workflow = save();
		const server = await serve(workflow);
		const url = withSecret(server.url);
		const call = bed.sim.webhooks.callFields(10);

		await bed.sim.webhooks.post(url, call);
		const again = await bed.sim.webhooks.repeat(url, call, { format: 'json' });
		await bed.sim.webhooks.post(url, bed.sim.webhooks.callFields(11));

		expect(again.attempts.map((attempt) => [attempt.status, JSON.parse(attempt.body)])).toEqual([
			[200, { received: true, duplicate: true }],
		]);
		expect(callIds(server.executions())).toEqual(['100000010', '100000011']);
	});

	test('remembered in static data: after a restart (memory forgotten) and hours later, still no second run', async () => {
		const workflow = save();
		const server = await serve(workflow);
		const call = bed.sim.webhooks.callFields(20);

		await bed.sim.webhooks.post(withSecret(server.url), call);
		bed.restart();
		bed.clock.advance(6 * 24 * 60 * 60 * 1000);
		await bed.sim.webhooks.repeat(withSecret(server.url), call);

		expect(server.executions()).toHaveLength(1);
		expect(server.outcomes[1].body).toEqual({ received: true, duplicate: true });
		const seen = bed.harness.staticData(workflow.id)[`node:${TRIGGER_NAME}`] as {
			seenCalls: Record<string, number>;
		};
		expect(Object.keys(seen.seenCalls)).toEqual(['post-call:100000020']);
	});

	test('remembered in memory: two requests at the same moment (neither saw the other’s static data) start one run', async () => {
		const workflow = save();
		const call = bed.sim.webhooks.callFields(30);

		const outcomes = await Promise.all([
			deliver(workflow, { query: { secret: SECRET }, body: call }),
			deliver(workflow, { query: { secret: SECRET }, body: call }),
		]);

		expect(outcomes.filter((outcome) => outcome.execution)).toHaveLength(1);
		expect(outcomes.map((outcome) => outcome.body)).toEqual([
			{ received: true },
			{ received: true, duplicate: true },
		]);
	});

	test('two different calls at the same moment: static data keeps both (each save writes what the process saw)', async () => {
		const workflow = save();
		await Promise.all(
			[50, 51].map(
				async (index) =>
					await deliver(workflow, {
						query: { secret: SECRET },
						body: bed.sim.webhooks.callFields(index),
					}),
			),
		);

		const seen = bed.harness.staticData(workflow.id)[`node:${TRIGGER_NAME}`] as {
			seenCalls: Record<string, number>;
		};
		expect(Object.keys(seen.seenCalls).sort()).toEqual([
			'post-call:100000050',
			'post-call:100000051',
		]);
	});

	test('the window is bounded: 8 days after the first request the call counts as new', async () => {
		const workflow = save();
		const call = bed.sim.webhooks.callFields(40);
		const send = async (body: Record<string, string>) =>
			await deliver(workflow, { query: { secret: SECRET }, body });

		expect((await send(call)).execution).toBeDefined();
		bed.clock.advance(REMEMBER_MS - 1000);
		expect((await send(call)).execution).toBeUndefined();
		bed.clock.advance(2000);
		expect((await send(call)).execution).toBeDefined();
	});

	test('a request without a call id cannot be recognised again: each one runs', async () => {
		const workflow = save();
		const body = { start: '2026-01-14 10:00:00', duration: '12' };

		const first = await deliver(workflow, { query: { secret: SECRET }, body });
		const second = await deliver(workflow, { query: { secret: SECRET }, body });

		expect([first.execution, second.execution].every(Boolean)).toBe(true);
	});
});
