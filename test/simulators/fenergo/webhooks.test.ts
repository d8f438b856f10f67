import { createHash, createHmac } from 'node:crypto';

import { startLocalServer, type LocalRequest } from '../../harness/local-server';
import { FENERGO_TENANTS, FenergoSimulator, makeNotification, ManualClock } from '../index';

const tenant = FENERGO_TENANTS[0];

async function token(sim: FenergoSimulator): Promise<string> {
	const response = await fetch(`${sim.url}/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: 'grant_type=client_credentials&client_id=test-client&client_secret=test-secret&scope=fenx.all',
	});
	return ((await response.json()) as { access_token: string }).access_token;
}

describe('Fenergo simulator: webhook API and polling feed', () => {
	const sim = new FenergoSimulator({ clock: new ManualClock(), generatedEntities: 0 });
	let call: (
		method: string,
		path: string,
		body?: object,
	) => Promise<{ status: number; body: unknown }>;
	const received: LocalRequest[] = [];
	let receiver: Awaited<ReturnType<typeof startLocalServer>>;

	beforeAll(async () => {
		await sim.start();
		receiver = await startLocalServer((request) => {
			received.push(request);
			return { status: 200 };
		});
		const bearer = await token(sim);
		call = async (method, path, body) => {
			const response = await fetch(`${sim.url}${path}`, {
				method,
				headers: {
					authorization: `Bearer ${bearer}`,
					'x-tenant-id': tenant,
					'content-type': 'application/json',
				},
				...(body && { body: JSON.stringify(body) }),
			});
			const text = await response.text();
			return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
		};
	});
	afterAll(async () => {
		await receiver.close();
		await sim.close();
	});

	it('validates add bodies as the spec does and allows 10 webhooks per tenant', async () => {
		const add = (body: object) => call('POST', '/webhooks/v1/webhooks', body);
		const base = { url: receiver.url, secret: 's3cret', enabled: true, eventTypes: ['*'] };
		expect((await add({ ...base, secret: '' })).status).toBe(400);
		expect((await add({ ...base, type: 'Batch', batchSize: 9 })).status).toBe(400);
		expect((await add({ ...base, data: {} })).status).toBe(400);
		for (let i = 0; i < 10; i++) expect((await add(base)).status).toBe(200);
		const full = await add(base);
		expect(full.status).toBe(400);
		expect(JSON.stringify(full.body)).toContain('MaxWebhooksReached');
		const list = (await call('GET', '/webhooks/v1/webhooks')).body as {
			webHooks: Array<{ id: string }>;
		};
		expect(list.webHooks).toHaveLength(10);
		for (const hook of list.webHooks.slice(1))
			expect((await call('DELETE', `/webhooks/v1/webhooks/${hook.id}`)).status).toBe(200);
		expect((await call('DELETE', `/webhooks/v1/webhooks/${list.webHooks[1].id}`)).status).toBe(404);
	});

	it('signs a delivery with HMAC-SHA256 keyed with the hex SHA-256 of the secret, over the body sent', async () => {
		received.length = 0;
		const notification = makeNotification(tenant, 'entitydata:created', 'e1', 0);
		const [result] = await sim.webhooks.publish(tenant, [notification]);
		expect(result).toMatchObject({ status: 'Successful', httpStatusCode: 200 });
		const key = createHash('sha256').update('s3cret').digest('hex');
		const expected = createHmac('sha256', key).update(received[0].body).digest('hex');
		expect(received[0].headers['x-fenx-signature']).toBe(expected);
		expect(JSON.parse(received[0].body)).toEqual(notification);
	});

	it('serves the feed in batches until 204, and offers an uncompleted batch again after its lease', async () => {
		const notes = Array.from({ length: 3 }, (_, i) =>
			makeNotification(tenant, 'journey:taskcompleted', `e${i}`, 0),
		);
		sim.events.enqueue(tenant, notes);
		const first = (await call('GET', '/eventnotifications/v2/journey/next')).body as {
			batchId: string;
			moreAvailable: boolean;
		};
		expect(first.moreAvailable).toBe(false);
		expect((await call('GET', '/eventnotifications/v2/journey/next')).status).toBe(204);
		(sim.clock as ManualClock).advance(61_000);
		const again = (await call('GET', '/eventnotifications/v2/journey/next')).body as {
			batchId: string;
			notifications: Array<{ id: string }>;
		};
		expect(again.notifications.map((n) => n.id)).toEqual(notes.map((n) => n.id));
		expect(
			(await call('POST', `/eventnotifications/v2/journey/${again.batchId}/complete`)).status,
		).toBe(200);
		(sim.clock as ManualClock).advance(61_000);
		expect((await call('GET', '/eventnotifications/v2/journey/next')).status).toBe(204);
		expect((await call('GET', '/eventnotifications/v2/payments/next')).status).toBe(404);
		expect(sim.events.pending(tenant, 'all')).toBe(3);
	});
});
