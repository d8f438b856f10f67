import { DEFAULT_CDR_START, kaisaDateTime } from '../../../simulators';
import { TRIGGER_NAME, SECRET, useKaisaTriggerTestbed, withSecret } from './testbed';

const { bed, save, deliver, serve } = useKaisaTriggerTestbed();

describe('Kaisa Trigger: a post-call request starts one run with the call typed', () => {
	test('form-url-encoded (Kaisa’s default): numbers, an ISO start, answered as a boolean, raw kept', async () => {
		const workflow = save();
		const server = await serve(workflow);
		const fields = bed.sim.webhooks.callFields(5);

		const sent = await bed.sim.webhooks.post(withSecret(server.url), fields);

		expect(sent.attempts.map((attempt) => attempt.status)).toEqual([200]);
		expect(JSON.parse(sent.attempts[0].body)).toEqual({ received: true });
		const runs = server.executions();
		expect(runs).toHaveLength(1);
		expect(runs[0].status).toBe('success');
		const items = runs[0].outputs[TRIGGER_NAME];
		expect(items).toHaveLength(1);
		const start = new Date(DEFAULT_CDR_START + 5 * 4000).toISOString();
		expect(items[0].json).toEqual({
			cdr_id: '100000005',
			start,
			duration: fields.duration === '' ? null : Number(fields.duration),
			answered: true,
			anum: fields.anum,
			bnum: fields.bnum,
			cnum: fields.cnum,
			customer_id: fields.customer_id,
			source_id: fields.source_id,
			recording_id: '9002',
			stage: 'post-call',
			raw: fields,
		});
		expect(typeof items[0].json.duration).toBe('number');
		expect(fields.start).toBe(kaisaDateTime(DEFAULT_CDR_START + 5 * 4000));
		// The call ids and phone numbers stay text.
		expect(items[0].json.anum).toMatch(/^\+46/);
	});

	test('JSON gives the same typed item; an unanswered call is answered: false with an empty recording', async () => {
		const workflow = save();
		const server = await serve(workflow);
		const form = bed.sim.webhooks.callFields(7);
		const json = bed.sim.webhooks.callFields(14);

		await bed.sim.webhooks.post(withSecret(server.url), form, { format: 'form' });
		await bed.sim.webhooks.post(withSecret(server.url), json, { format: 'json' });

		const [first, second] = server.executions().map((run) => run.outputs[TRIGGER_NAME][0].json);
		expect(first).toMatchObject({ cdr_id: '100000007', answered: false, duration: 0 });
		expect(first.recording_id).toBe('');
		expect(second).toMatchObject({ cdr_id: '100000014', answered: false, duration: 0 });
		expect(Object.keys(second)).toEqual(Object.keys(first));
		expect(server.outcomes.map((outcome) => outcome.status)).toEqual([200, 200]);
	});

	test('JSON with real numbers and booleans, Unix times and unknown fields passed on as sent', async () => {
		const workflow = save();
		const outcome = await deliver(workflow, {
			query: { secret: SECRET },
			body: {
				cdr_id: 123456789,
				start: 1768348800,
				end: '2026-01-14T01:00:30+01:00',
				duration: 42,
				answered: 1,
				campaign: 'Spring',
				custom_1: '0012',
			},
		});

		expect(outcome.status).toBe(200);
		expect(outcome.execution?.outputs[TRIGGER_NAME][0].json).toEqual({
			cdr_id: 123456789,
			start: '2026-01-14T00:00:00.000Z',
			end: '2026-01-14T00:00:30.000Z',
			duration: 42,
			answered: true,
			campaign: 'Spring',
			custom_1: '0012',
			stage: 'post-call',
			raw: {
				cdr_id: 123456789,
				start: 1768348800,
				end: '2026-01-14T01:00:30+01:00',
				duration: 42,
				answered: 1,
				campaign: 'Spring',
				custom_1: '0012',
			},
		});
	});

	test('with Kaisa’s SSL signature the call comes from `payload` and `sign` is kept, unchecked', async () => {
		const workflow = save();
		const server = await serve(workflow);
		const calls = [bed.sim.webhooks.callFields(3), bed.sim.webhooks.callFields(4)];

		await bed.sim.webhooks.post(withSecret(server.url), calls[0], { format: 'form', signed: true });
		await bed.sim.webhooks.post(withSecret(server.url), calls[1], { format: 'json', signed: true });
		await bed.sim.webhooks.repeat(withSecret(server.url), calls[0], {
			format: 'json',
			signed: true,
		});

		const items = server.executions().map((run) => run.outputs[TRIGGER_NAME][0].json);
		expect(items.map((item) => item.cdr_id)).toEqual(['100000003', '100000004']);
		items.forEach((item, index) => {
			expect(item).toMatchObject({ answered: true, stage: 'post-call' });
			expect(typeof item.duration).toBe('number');
			expect(item.sign).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
			expect((item.raw as { payload: string }).payload).toBe(JSON.stringify(calls[index]));
		});
		// A repeat is recognised inside the signed payload too.
		expect(server.outcomes.map((outcome) => outcome.body)).toEqual([
			{ received: true },
			{ received: true },
			{ received: true, duplicate: true },
		]);
	});

	test('a value that does not read as its type stays as sent; a form field sent twice counts once', async () => {
		const workflow = save();
		const outcome = await deliver(workflow, {
			query: { secret: SECRET },
			body: { cdr_id: ['555', '556'], duration: 'n/a', answered: 'maybe', start: 'yesterday' },
		});

		expect(outcome.execution?.outputs[TRIGGER_NAME][0].json).toMatchObject({
			cdr_id: '555',
			duration: 'n/a',
			answered: 'maybe',
			start: 'yesterday',
			raw: { cdr_id: ['555', '556'] },
		});
	});

	test('the URL Secret appears in no output and no static data', async () => {
		const workflow = save();
		const server = await serve(workflow);
		await bed.sim.webhooks.post(withSecret(server.url), bed.sim.webhooks.callFields(1));

		const run = server.executions()[0];
		expect(JSON.stringify(run.run.data)).not.toContain(SECRET);
		expect(JSON.stringify(bed.harness.staticData(workflow.id))).not.toContain(SECRET);
	});
});
