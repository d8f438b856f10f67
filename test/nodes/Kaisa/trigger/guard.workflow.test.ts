import { KaisaTrigger } from '../../../../nodes/Kaisa/KaisaTrigger.node';
import { TRIGGER_NAME, SECRET, useKaisaTriggerTestbed, withSecret } from './testbed';

const { bed, save, deliver, serve } = useKaisaTriggerTestbed();

describe('Kaisa Trigger: the URL secret', () => {
	test('a forged or missing secret is answered 401 and starts nothing, however often Kaisa retries', async () => {
		const workflow = save();
		const server = await serve(workflow);
		const fields = bed.sim.webhooks.callFields(1);

		const forged = await bed.sim.webhooks.post(withSecret(server.url, `${SECRET}x`), fields, {
			maxAttempts: 3,
		});
		const shorter = await bed.sim.webhooks.post(
			withSecret(server.url, SECRET.slice(0, -1)),
			fields,
			{ retry: false },
		);
		const missing = await bed.sim.webhooks.post(server.url, fields, { retry: false });
		const empty = await bed.sim.webhooks.post(withSecret(server.url, ''), fields, { retry: false });

		expect(forged.attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401]);
		for (const result of [forged, shorter, missing, empty]) {
			expect(result.delivered).toBe(false);
			expect(JSON.parse(result.attempts[0].body)).toEqual({ message: 'Unauthorized' });
		}
		expect(server.executions()).toHaveLength(0);
		// Kaisa retried every 30 minutes.
		expect(forged.attempts[1].at - forged.attempts[0].at).toBe(30 * 60 * 1000);
		// Nothing was remembered: the real call, sent right, still starts its run.
		expect(bed.harness.staticData(workflow.id)).toEqual({});
		const right = await bed.sim.webhooks.post(withSecret(server.url), fields);
		expect(right.attempts.map((attempt) => attempt.status)).toEqual([200]);
		expect(server.executions()).toHaveLength(1);
	});

	test('Kaisa retrying after a refusal delivers the call once the secret in n8n is fixed', async () => {
		const workflow = save({ urlSecret: 'an-old-secret-0000000000' });
		const server = await serve(workflow);
		let waits = 0;

		const result = await bed.sim.webhooks.post(
			withSecret(server.url),
			bed.sim.webhooks.callFields(2),
			{
				maxAttempts: 5,
				wait: (ms) => {
					bed.clock.advance(ms);
					// After the second refusal the user puts the right secret in the trigger and saves.
					if (++waits === 2) {
						const fixed = {
							...workflow,
							nodes: workflow.nodes.map((node) => ({
								...node,
								parameters: { ...node.parameters, urlSecret: SECRET },
							})),
						};
						bed.harness.saveWorkflow(fixed);
						server.workflow = fixed;
					}
				},
			},
		);

		expect(result.attempts.map((attempt) => attempt.status)).toEqual([401, 401, 200]);
		expect(result.attempts[2].at - result.attempts[0].at).toBe(60 * 60 * 1000);
		expect(server.executions()).toHaveLength(1);
		expect(server.executions()[0].outputs[TRIGGER_NAME][0].json.cdr_id).toBe('100000002');
	});
});

describe('Kaisa Trigger: bad requests and settings', () => {
	test('a request without call fields is answered 400 and starts nothing', async () => {
		const workflow = save();
		for (const body of [{}, undefined, 'cdr_id=1', { stage: 'post-call' }]) {
			const outcome = await deliver(workflow, { query: { secret: SECRET }, body });
			expect(outcome.status).toBe(400);
			expect(outcome.body).toEqual({
				message:
					'The request carries no call fields: send the call macros form-url-encoded or as JSON',
			});
			expect(outcome.execution).toBeUndefined();
		}
	});

	test('a URL Secret too short fails activation naming the field, and answers 500 without a run', async () => {
		const workflow = save({ urlSecret: 'short' });
		const outcome = await deliver(workflow, {
			query: { secret: 'short' },
			body: bed.sim.webhooks.callFields(1),
		});
		expect(outcome.status).toBe(500);
		expect(outcome.execution).toBeUndefined();
		expect(JSON.stringify(outcome.body)).toContain("'URL Secret'");
		expect(JSON.stringify(outcome.body)).not.toContain('short"');

		const node = workflow.nodes[0];
		const hooks = new KaisaTrigger().webhookMethods.default;
		const context = (urlSecret: string) =>
			({
				getNode: () => node,
				getNodeParameter: () => urlSecret,
			}) as never;
		await expect(hooks.create.call(context('short'))).rejects.toThrow(
			"The 'URL Secret' field must be at least 16 characters",
		);
		await expect(hooks.create.call(context('with spaces and more than 16'))).rejects.toThrow(
			"'URL Secret'",
		);
		await expect(hooks.create.call(context(SECRET))).resolves.toBe(true);
		expect(bed.sim.stats.apiRequests + bed.sim.stats.tokenRequests).toBe(0);
	});

	test('pre-call requests are answered and ignored unless chosen; chosen, they run with stage pre-call', async () => {
		const ignoring = save();
		const fields = { cdr_id: '100000001', anum: '+46700000001', bnum: '+46850000001' };
		const ignored = await deliver(ignoring, {
			query: { secret: SECRET, stage: 'pre-call' },
			body: fields,
		});
		expect(ignored.status).toBe(200);
		expect(ignored.body).toEqual({ received: true, ignored: 'pre-call request' });
		expect(ignored.execution).toBeUndefined();

		const both = save({ requests: 'both' });
		const pre = await deliver(both, { query: { secret: SECRET, stage: 'pre-call' }, body: fields });
		const marked = await deliver(both, {
			query: { secret: SECRET },
			body: { ...fields, cdr_id: '100000002', stage: 'precall' },
		});
		const post = await deliver(both, {
			query: { secret: SECRET },
			body: { ...fields, duration: '30', answered: '1' },
		});
		expect(pre.execution?.outputs[TRIGGER_NAME][0].json).toMatchObject({
			cdr_id: '100000001',
			stage: 'pre-call',
		});
		expect(marked.execution?.outputs[TRIGGER_NAME][0].json).toMatchObject({
			cdr_id: '100000002',
			stage: 'pre-call',
		});
		// The post-call request of the same call is its own event.
		expect(post.execution?.outputs[TRIGGER_NAME][0].json).toMatchObject({
			cdr_id: '100000001',
			stage: 'post-call',
			duration: 30,
		});
	});
});
