import { resetTokenCache } from '../../nodes/shared/token/cache';
import { setClock } from '../../nodes/shared/token/clock';
import { createHarness, type Harness } from '../harness/n8n';
import { linearWorkflow } from '../harness/linear-workflow';
import { ManualClock, type Simulator } from '../simulators';
import {
	callNode,
	CLIENT_SECRET,
	PROVIDER_SETUPS,
	testNodeTypes,
	type CallPath,
	type ProviderSetup,
} from './provider-setups';

/**
 * Every credential type, through every way n8n reaches it: n8n's HTTP Request node (the legacy
 * requestWithAuthentication helper), the newer httpRequestWithAuthentication helper other nodes
 * use (both with preAuthentication + authenticate as the CLI runs them), and our nodes' transport.
 */

describe.each(PROVIDER_SETUPS.map((setup) => [setup.title, setup] as const))(
	'%s',
	(_title, setup: ProviderSetup) => {
		let harness: Harness;
		let sim: Simulator;
		let clock: ManualClock;
		const type = setup.credentialType.name;
		const credential = { id: 'cred', name: setup.title };

		beforeAll(async () => {
			harness = await createHarness({
				nodeTypes: testNodeTypes(),
				credentialTypes: { [type]: setup.credentialType },
			});
		});

		afterAll(async () => await harness.close());

		beforeEach(async () => {
			clock = new ManualClock();
			setClock({ now: () => clock.now() });
			resetTokenCache();
			harness.reset();
			sim = await setup.start(clock);
			await harness.credentials.add({ ...credential, type, data: setup.credentialData(sim) });
		});

		afterEach(async () => {
			await sim.close();
			setClock();
		});

		function save(path: CallPath, count = 1): void {
			const call = callNode(type, path, { relative: setup.apiPath, absolute: setup.apiUrl(sim) });
			harness.saveWorkflow(
				linearWorkflow('wf', [
					{ name: 'Items', type: 'testItems', parameters: { count } },
					{ ...call, credentials: { [type]: credential } },
				]),
			);
		}

		async function run() {
			const result = await harness.execute('wf');
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			return result;
		}

		describe.each<CallPath>(['httpRequestNode', 'httpRequestWithAuthentication', 'transport'])(
			'through the %s',
			(path) => {
				it('reuses one token across executions and a restart', async () => {
					save(path);
					await run();
					await run();
					resetTokenCache();
					await run();
					expect(sim.stats.tokensIssued).toBe(1);
					expect(sim.stats.apiRequests).toBe(3);
					expect(sim.stats.api401).toBe(0);
				});

				it('refreshes an expiring token before sending it, without any 401', async () => {
					save(path);
					await run();
					clock.advance(setup.lifetimeSeconds * 1000 - 1000);
					await run();
					clock.advance(setup.lifetimeSeconds * 1000);
					resetTokenCache();
					await run();
					expect(sim.stats.tokensIssued).toBe(3);
					expect(sim.stats.api401).toBe(0);
				});

				it('makes one token fetch for 100 parallel items', async () => {
					sim.tokenDelayMs = 300;
					save(path, 100);
					const result = await run();
					expect(result.outputs.Call).toHaveLength(100);
					expect(sim.stats.tokenRequests).toBe(1);
					expect(sim.stats.apiRequests).toBe(100);
				});

				it('replaces a revoked token with exactly one fetch', async () => {
					save(path);
					await run();
					sim.revokeAll();
					await run();
					expect(sim.stats.tokensIssued).toBe(2);
					// n8n's HTTP Request node reports any failure; the provider's probe call confirms the 401.
					expect(sim.stats.api401).toBe(path === 'transport' ? 1 : 2);
				});

				it('does not fetch a token when a request fails for another reason', async () => {
					save(path, 5);
					await run();
					sim.injectApiFault({ status: 404, body: { message: 'no such thing' } });
					sim.injectApiFault({ status: 500, body: { message: 'boom' } });
					const result = await harness.execute('wf');
					expect(result.error?.httpCode).toMatch(/404|500/);
					expect(sim.stats.tokensIssued).toBe(1);
				});
			},
		);

		it('keeps the token sealed: static data and outputs never hold it or the secret in the clear', async () => {
			save('transport');
			const result = await run();
			const token = [...sim.tokens.keys()][0];
			const persisted = JSON.stringify(harness.staticData('wf'));
			expect(persisted).toContain('clientCredentialsTokens');
			for (const text of [persisted, JSON.stringify(result.outputs)]) {
				expect(text).not.toContain(token);
				expect(text).not.toContain(CLIENT_SECRET);
			}
		});

		it('shares one token between the HTTP Request node and our nodes', async () => {
			save('httpRequestNode');
			await run();
			save('transport');
			await run();
			resetTokenCache();
			await run();
			expect(sim.stats.tokensIssued).toBe(1);
		});
	},
);
