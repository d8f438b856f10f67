import type { IHttpRequestHelper } from 'n8n-workflow';

import { GeneroPublicApi } from '../../credentials/GeneroPublicApi.credentials';
import { resetTokenCache } from '../../nodes/shared/token/cache';
import { setClock } from '../../nodes/shared/token/clock';
import { createHarness, type Harness } from '../harness/n8n';
import { linearWorkflow } from '../harness/linear-workflow';
import { Items } from '../harness/nodes/Items.node';
import { TransportProbe } from '../harness/nodes/TransportProbe.node';
import { GeneroSimulator, ManualClock } from '../simulators';

/**
 * n8n wraps what a credential's hooks throw in a NodeApiError. n8n 1.x's NodeApiError drops an
 * Error cause (its ExecutionBaseError declares `cause` as a class field, which resets it): with
 * `mockOneX` the harness's n8n behaves so, as n8n 1.123 does.
 */
let mockOneX = false;
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	class NodeApiError extends actual.NodeApiError {
		constructor(...args: ConstructorParameters<typeof actual.NodeApiError>) {
			super(...args);
			if (mockOneX && this.cause instanceof Error) this.cause = undefined;
		}
	}
	return { ...actual, NodeApiError };
});

const TYPE = 'generoPublicApi';
const CLIENT = { clientId: 'quota-client', clientSecret: 'quota-Secret-42' };
const QUOTA_429 = {
	status: 429,
	body: { error: 'too_many_requests', error_description: 'Global limit has been reached' },
};
const ISO_TIME = /before 20\d\d-\d\d-\d\dT\d\d:\d\d/;

/** The Genero credential; with `refreshYieldsNothing` its refresh gives no token (`authenticate` asks twice). */
let refreshYieldsNothing = false;
function generoCredential(): GeneroPublicApi {
	const genero = new GeneroPublicApi();
	const refresh = genero.preAuthentication;
	genero.preAuthentication = async function (this: IHttpRequestHelper, credentials) {
		return refreshYieldsNothing ? {} : await refresh.call(this, credentials);
	};
	return genero;
}

describe.each([
	{ n8n: 'n8n 2.x', oneX: false },
	{ n8n: 'n8n 1.x (NodeApiError drops the cause)', oneX: true },
])('the transport names what failed, as in $n8n', ({ oneX }) => {
	let harness: Harness;
	let sim: GeneroSimulator;
	let clock: ManualClock;

	beforeAll(async () => {
		harness = await createHarness({
			nodeTypes: { testItems: new Items(), testTransport: new TransportProbe() },
			credentialTypes: { [TYPE]: generoCredential() },
		});
	});
	afterAll(async () => await harness.close());
	beforeEach(async () => {
		mockOneX = oneX;
		clock = new ManualClock();
		setClock({ now: () => clock.now(), sleep: async (ms) => clock.advance(ms) });
		resetTokenCache();
		harness.reset();
		sim = new GeneroSimulator({ clock, ...CLIENT, tokenLifetimeSeconds: 15 });
		await sim.start();
	});
	afterEach(async () => {
		mockOneX = false;
		refreshYieldsNothing = false;
		await sim.close();
		setClock();
	});

	async function workflowWith(baseUrl = `${sim.url}/api`): Promise<void> {
		const type = TYPE;
		await harness.credentials.add({
			id: 'c',
			name: 'c',
			type,
			data: { ...CLIENT, tokenUrl: `${sim.url}/oauth/token`, baseUrl },
		});
		harness.saveWorkflow(
			linearWorkflow('wf', [
				{ name: 'Items', type: 'testItems', parameters: { count: 1 } },
				{
					name: 'Genero',
					type: 'testTransport',
					parameters: { credentialType: type, method: 'GET', url: '/customers' },
					credentials: { [type]: { id: 'c', name: 'c' } },
				},
			]),
		);
	}

	const said = (error: unknown) => {
		const { message, description } = (error ?? {}) as { message?: string; description?: string };
		return `${message} | ${description}`;
	};

	it("every run after Genero's quota refusal says when a fetch is possible again, asking nobody", async () => {
		await workflowWith();
		expect((await harness.execute('wf')).status).toBe('success');
		sim.revokeAll();
		sim.injectTokenFault(QUOTA_429);
		const refused = await harness.execute('wf');
		expect(said(refused.error)).toMatch(/quota is used up/);
		const asked = { ...sim.stats };
		for (let run = 0; run < 8; run++) {
			clock.advance(5_000);
			const result = await harness.execute('wf');
			expect(result.status).toBe('error');
			expect(said(result.error)).toMatch(/Genero token quota is used up/);
			expect(said(result.error)).toMatch(ISO_TIME);
			expect(said(result.error)).not.toMatch(/Could not reach|Base URL/);
		}
		expect(sim.stats.tokenRequests).toBe(asked.tokenRequests);
		expect(sim.stats.apiRequests).toBe(asked.apiRequests);
	});

	it('a wrong secret says what to check, not that the host is unreachable', async () => {
		await harness.credentials.add({
			id: 'c',
			name: 'c',
			type: TYPE,
			data: {
				...CLIENT,
				clientSecret: 'wrong-Secret-999',
				tokenUrl: `${sim.url}/oauth/token`,
				baseUrl: `${sim.url}/api`,
			},
		});
		harness.saveWorkflow(
			linearWorkflow('wf', [
				{ name: 'Items', type: 'testItems', parameters: { count: 1 } },
				{
					name: 'Genero',
					type: 'testTransport',
					parameters: { credentialType: TYPE, method: 'GET', url: '/customers' },
					credentials: { [TYPE]: { id: 'c', name: 'c' } },
				},
			]),
		);
		const result = await harness.execute('wf');
		expect(said(result.error)).toMatch(/Check the Client ID and Client Secret/);
		expect(said(result.error)).not.toMatch(/Could not reach|wrong-Secret-999/);
	});

	it('a credential that still has no token after the refresh is not called unreachable', async () => {
		refreshYieldsNothing = true;
		await workflowWith();
		const result = await harness.execute('wf');
		expect(said(result.error)).toMatch(/No usable Genero access token after a refresh/);
		expect(said(result.error)).not.toMatch(/Could not reach|Base URL/);
		expect(sim.stats.apiRequests).toBe(0);
	});

	it('a refused connection still is one, with its code and the Base URL advice', async () => {
		const closed = new GeneroSimulator({ clock, ...CLIENT });
		await closed.start();
		const unreachable = `${closed.url}/api`;
		await closed.close();
		await workflowWith(unreachable);
		const result = await harness.execute('wf');
		// n8n words a message naming ECONNREFUSED its own way ("refused the connection").
		expect(said(result.error)).toMatch(/refused the connection|Could not reach.*ECONNREFUSED/);
		expect(said(result.error)).toMatch(/Check the Base URL/);
	});
});
