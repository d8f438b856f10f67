import type { INodeParameters } from 'n8n-workflow';

import type { FenergoSimulatorOptions } from '../../../simulators';
import {
	TENANT,
	apiCalls,
	emitted,
	notifications,
	outcome,
	saveTrigger,
	until,
	useTriggerRig,
	WORKFLOW_ID,
} from './setup';

const rig = useTriggerRig();
const WEBHOOK = { mode: 'webhook', eventTypes: ['*'] };

async function activate(
	parameters: INodeParameters = WEBHOOK,
	simOptions: FenergoSimulatorOptions = {},
) {
	await rig.bed.startOver(simOptions);
	saveTrigger(rig, parameters);
	await rig.runner.activate(WORKFLOW_ID);
	return rig.bed.sim.webhooks.of(TENANT);
}

describe('Fenergo Trigger, webhook mode', () => {
	it('registers exactly one webhook on activation, with our URL, a fresh secret and the settings, and removes it on deactivation', async () => {
		const hooks = await activate({
			mode: 'webhook',
			eventTypes: ['entitydata:created', 'journey:taskcompleted'],
			deliveryType: 'Batch',
			batchSize: 20,
		});
		expect(hooks).toHaveLength(1);
		expect(hooks[0]).toMatchObject({
			url: `${rig.runner.webhookBaseUrl}/hook-${WORKFLOW_ID}/webhook`,
			enabled: true,
			eventTypes: ['entitydata:created', 'journey:taskcompleted'],
			type: 'Batch',
			batchSize: 20,
		});
		const stored = JSON.stringify(rig.bed.harness.staticData(WORKFLOW_ID));
		expect(stored).toContain(hooks[0].id);
		const addBody = JSON.parse(
			rig.bed.sim.requests.find((r) => r.method === 'POST' && r.path === '/webhooks/v1/webhooks')!
				.body,
		) as { secret: string };
		expect(addBody.secret.length).toBeGreaterThanOrEqual(32);
		expect(stored).not.toContain(addBody.secret);

		// A second activation finds it (checkExists) and registers nothing more.
		await rig.runner.activate(WORKFLOW_ID);
		expect(rig.bed.sim.webhooks.of(TENANT)).toHaveLength(1);
		expect(apiCalls(rig).filter((call) => call === 'POST /webhooks/v1/webhooks')).toHaveLength(1);

		await rig.runner.deactivate(WORKFLOW_ID);
		expect(rig.bed.sim.webhooks.of(TENANT)).toHaveLength(0);
		expect(JSON.stringify(rig.bed.harness.staticData(WORKFLOW_ID))).not.toContain(hooks[0].id);
	});

	it('a test registration (editor listening) leaves the production webhook and its secret alone', async () => {
		const [production] = await activate();
		await rig.runner.activate(WORKFLOW_ID, { test: true });
		expect(rig.bed.sim.webhooks.of(TENANT).map((hook) => hook.url)).toEqual([
			production.url,
			`${rig.runner.webhookBaseUrl}-test/hook-${WORKFLOW_ID}/webhook`,
		]);
		await rig.runner.deactivate(WORKFLOW_ID, { test: true });
		expect(rig.bed.sim.webhooks.of(TENANT).map((hook) => hook.id)).toEqual([production.id]);
		const results = await rig.bed.sim.webhooks.publish(
			TENANT,
			notifications(rig, ['entitydata:created']),
		);
		await rig.runner.settle();
		expect(results.map((r) => r.httpStatusCode)).toEqual([200]);
		expect(rig.runner.executions).toHaveLength(1);
	});

	it('starts one execution per signed delivery, one item per notification, fields read case-insensitively', async () => {
		await activate();
		const sent = notifications(rig, ['entitydata:created', 'entitydata:draftverified']);
		const results = await rig.bed.sim.webhooks.publish(TENANT, sent, { pascal: true });
		await rig.runner.settle();
		expect(results.map((r) => r.httpStatusCode)).toEqual([200, 200]);
		expect(emitted(rig)).toEqual([
			[
				expect.objectContaining({
					id: sent[0].id,
					eventType: 'entitydata:created',
					relativeUrl: sent[0].relativeUrl,
				}),
			],
			[expect.objectContaining({ id: sent[1].id, eventType: 'entitydata:draftverified' })],
		]);
		expect(outcome.seen).toHaveLength(2);
	});

	it('splits a Batch delivery into items, in the order delivered (out of order included)', async () => {
		await activate({ ...WEBHOOK, deliveryType: 'Batch', batchSize: 10 });
		const sent = notifications(
			rig,
			Array.from({ length: 12 }, () => 'entitydata:created'),
		);
		await rig.bed.sim.webhooks.publish(TENANT, sent, { reverse: true });
		await rig.runner.settle();
		const runs = emitted(rig);
		expect(runs.map((items) => items.length)).toEqual([10, 2]);
		expect(runs.flat().map((item) => item.id)).toEqual([...sent].reverse().map((n) => n.id));
	});

	it.each([
		['forged', 'wrong'],
		['missing', 'missing'],
	] as const)('answers 401 to a %s signature and starts nothing', async (_name, forge) => {
		await activate();
		const results = await rig.bed.sim.webhooks.publish(
			TENANT,
			notifications(rig, ['entitydata:created']),
			{ forge },
		);
		await rig.runner.settle();
		expect(results.map((r) => r.httpStatusCode)).toEqual([401]);
		expect(rig.runner.executions).toHaveLength(0);
	});

	it('answers 401 when the tenant signs by another recipe than the node is set to', async () => {
		await activate(WEBHOOK, { signature: 'hmacRawKey' });
		const results = await rig.bed.sim.webhooks.publish(
			TENANT,
			notifications(rig, ['entitydata:created']),
		);
		await rig.runner.settle();
		expect(results.map((r) => r.httpStatusCode)).toEqual([401]);
		expect(rig.runner.executions).toHaveLength(0);
	});

	it('accepts the recipe chosen in Signature Recipe (base64 output)', async () => {
		await activate(
			{ ...WEBHOOK, options: { signatureRecipe: 'hmacRawKey' } },
			{ signature: 'hmacRawKey', signatureEncoding: 'base64' },
		);
		const results = await rig.bed.sim.webhooks.publish(
			TENANT,
			notifications(rig, ['entitydata:created']),
		);
		await rig.runner.settle();
		expect(results.map((r) => r.httpStatusCode)).toEqual([200]);
		expect(rig.runner.executions).toHaveLength(1);
	});

	it('starts nothing for a duplicate (same id, delivered again), answering 200', async () => {
		await activate();
		const sent = notifications(rig, ['entitydata:created', 'journey:taskcompleted']);
		const results = await rig.bed.sim.webhooks.publish(TENANT, sent, { duplicate: true });
		await rig.bed.sim.webhooks.publish(TENANT, [sent[0]]);
		await rig.runner.settle();
		expect(results.map((r) => r.httpStatusCode)).toEqual([200, 200, 200, 200]);
		expect(emitted(rig).map((items) => items.map((item) => item.id))).toEqual([
			[sent[0].id],
			[sent[1].id],
		]);
	});

	it('reads the resource with the token, surviving a token expiry mid-stream with one token fetch', async () => {
		await activate({
			...WEBHOOK,
			deliveryType: 'Batch',
			batchSize: 10,
			options: { fetchResource: true },
		});
		const sent = notifications(rig, [
			'entitydata:created',
			'entitydata:created',
			'entitydata:created',
			'entitydata:created',
		]);
		const tokensBefore = rig.bed.sim.stats.tokensIssued;
		let reads = 0;
		rig.bed.sim.beforeApi = async (ctx) => {
			if (ctx.path.startsWith('/entitydataquery/') && ++reads === 3) rig.bed.sim.revokeAll();
		};
		try {
			await rig.bed.sim.webhooks.publish(TENANT, sent);
			await rig.runner.settle();
		} finally {
			rig.bed.sim.beforeApi = undefined;
		}
		const items = emitted(rig).flat();
		expect(items).toHaveLength(4);
		for (const [index, item] of items.entries()) {
			expect(item.resourceError).toBeUndefined();
			expect(item.resource).toMatchObject({ id: sent[index].payload.entityId });
		}
		expect(rig.bed.sim.stats.tokensIssued - tokensBefore).toBe(1);
		const reads4 = rig.bed.sim.requests.filter((r) => r.path.startsWith('/entitydataquery/'));
		expect(reads4.every((r) => r.headers['x-tenant-id'] === TENANT)).toBe(true);
	});

	it('retries a resource that is not readable yet, then reports it on the item', async () => {
		await activate({ ...WEBHOOK, options: { fetchResource: true } });
		const [known] = notifications(rig, ['entitydata:created']);
		const missing = {
			...known,
			id: 'n-missing',
			relativeUrl: 'entitydataquery/api/v2/entity/00000000-0000-4000-8000-000000000000',
		};
		rig.bed.sim.injectApiFault({
			status: 404,
			body: {
				data: null,
				messages: [{ message: 'Entity not found', type: 'Error', errorCode: 'NotFound' }],
			},
			path: `/${known.relativeUrl}`,
		});
		await rig.bed.sim.webhooks.publish(TENANT, [known, missing]);
		await rig.runner.settle();
		const [first, second] = emitted(rig).flat();
		expect(first.resource).toMatchObject({ id: known.payload.entityId });
		expect(second.resource).toBeUndefined();
		expect(second.resourceError).toEqual(expect.stringContaining('404'));
		expect(rig.bed.sleeps).toEqual(expect.arrayContaining([1000, 1000, 2000, 4000]));
	});

	it('names what is registered when the tenant already has 10 webhooks', async () => {
		await rig.bed.startOver();
		for (let i = 0; i < 10; i++)
			rig.bed.sim.webhooks.seed(TENANT, `https://other.example/${i}`, `integration ${i}`);
		saveTrigger(rig, WEBHOOK);
		await expect(rig.runner.activate(WORKFLOW_ID)).rejects.toThrow(/already has 10 webhooks/);
		await expect(rig.runner.activate(WORKFLOW_ID)).rejects.toMatchObject({
			description: expect.stringContaining('"integration 9" https://other.example/9 (Enabled)'),
		});
		expect(rig.bed.sim.webhooks.of(TENANT)).toHaveLength(10);
	});

	it('enables again, at the next activation, a webhook Fenergo disabled after failed deliveries', async () => {
		const [hook] = await activate(WEBHOOK, { disableAfterFailures: 2 });
		rig.bed.sim.webhooks.hooks.get(hook.id)!.url = 'http://127.0.0.1:1/unreachable';
		await rig.bed.sim.webhooks.publish(
			TENANT,
			notifications(rig, ['entitydata:created', 'entitydata:created']),
		);
		expect(rig.bed.sim.webhooks.hooks.get(hook.id)!.status).toBe('SystemDisabled');
		rig.bed.sim.webhooks.hooks.get(hook.id)!.url =
			`${rig.runner.webhookBaseUrl}/hook-${WORKFLOW_ID}/webhook`;

		await rig.runner.activate(WORKFLOW_ID);
		expect(rig.bed.sim.webhooks.of(TENANT)).toHaveLength(1);
		expect(rig.bed.sim.webhooks.hooks.get(hook.id)!.status).toBe('Enabled');
		const results = await rig.bed.sim.webhooks.publish(
			TENANT,
			notifications(rig, ['entitydata:created']),
		);
		await rig.runner.settle();
		expect(results.map((r) => r.httpStatusCode)).toEqual([200]);
		expect(rig.runner.executions).toHaveLength(1);
	});

	it('Send Test Event: Fenergo test-delivers after activation and the right recipe starts an execution', async () => {
		await activate({ ...WEBHOOK, options: { sendTestEvent: true } });
		await until(() => rig.bed.sim.webhooks.deliveries.length === 1, 'the test delivery');
		await rig.runner.settle();
		expect(rig.bed.sim.webhooks.deliveries[0]).toMatchObject({
			status: 'Successful',
			httpStatusCode: 200,
		});
		expect(emitted(rig)).toEqual([[expect.objectContaining({ eventType: 'webhook:test' })]]);
	});

	it('Send Test Event with a wrong recipe: the delivery is refused (401) and nothing runs', async () => {
		await activate({
			...WEBHOOK,
			options: { sendTestEvent: true, signatureRecipe: 'sha256Concat' },
		});
		await until(() => rig.bed.sim.webhooks.deliveries.length === 1, 'the test delivery');
		await rig.runner.settle();
		expect(rig.bed.sim.webhooks.deliveries[0]).toMatchObject({
			status: 'Failed',
			httpStatusCode: 401,
		});
		expect(rig.runner.executions).toHaveLength(0);
	});

	it.each([
		['an empty event-type list', { eventTypes: [] }, /Event Types is empty/],
		[
			'a batch size below 10',
			{ deliveryType: 'Batch', batchSize: 9 },
			/Batch Size 9 is outside 10–100/,
		],
		[
			'a batch size above 100',
			{ deliveryType: 'Batch', batchSize: 101 },
			/Batch Size 101 is outside 10–100/,
		],
	])('refuses %s before any request', async (_name, parameters, message) => {
		await rig.bed.startOver();
		saveTrigger(rig, { ...WEBHOOK, ...parameters });
		await expect(rig.runner.activate(WORKFLOW_ID)).rejects.toThrow(message);
		expect(rig.bed.sim.requests).toHaveLength(0);
	});
});
