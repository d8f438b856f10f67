import type { ICredentialType, INodeType } from 'n8n-workflow';

import { createHarness, type Harness } from '../harness/n8n';
import { linearWorkflow } from '../harness/linear-workflow';
import { Items } from '../harness/nodes/Items.node';
import { GeneroSimulator, KaisaSimulator, ManualClock, type Simulator } from '../simulators';

/**
 * Two queue-mode workers: two copies of the package (jest.isolateModules, so memory — tokens,
 * counts, pauses — is not shared) in two n8n harnesses that share one credentials table, as
 * workers share Postgres. The credential row, which n8n writes from `preAuthentication`, is the
 * only thing they share: it carries one token per client across the cluster.
 */
interface Worker {
	harness: Harness;
	/** This copy's engine clock and token cache. */
	setClock(clock: ManualClock): void;
	resetTokenCache(): void;
}

const CLIENT = { clientId: 'cluster-client', clientSecret: 'cluster-Secret-42' };

async function startWorker(credentialFile: string, credentialClass: string): Promise<Worker> {
	let loaded!: {
		credential: ICredentialType;
		probe: INodeType;
		clock: typeof import('../../nodes/shared/token/clock');
		cache: typeof import('../../nodes/shared/token/cache');
	};
	jest.isolateModules(() => {
		// The package's own modules are fresh; n8n's stay the ones the harness uses.
		jest.doMock('n8n-workflow', () => jest.requireActual('n8n-workflow'));
		/* eslint-disable @typescript-eslint/no-require-imports */
		const credentials = require(`../../credentials/${credentialFile}`) as Record<
			string,
			new () => ICredentialType
		>;
		const { TransportProbe } =
			require('../harness/nodes/TransportProbe.node') as typeof import('../harness/nodes/TransportProbe.node');
		loaded = {
			credential: new credentials[credentialClass](),
			probe: new TransportProbe(),
			clock:
				require('../../nodes/shared/token/clock') as typeof import('../../nodes/shared/token/clock'),
			cache:
				require('../../nodes/shared/token/cache') as typeof import('../../nodes/shared/token/cache'),
		};
		/* eslint-enable @typescript-eslint/no-require-imports */
	});
	jest.dontMock('n8n-workflow');
	const harness = await createHarness({
		nodeTypes: { testItems: new Items(), testTransport: loaded.probe },
		credentialTypes: { [loaded.credential.name]: loaded.credential },
	});
	return {
		harness,
		setClock: (clock) =>
			loaded.clock.setClock({
				now: () => clock.now(),
				sleep: async (ms) => clock.advance(ms),
			}),
		resetTokenCache: () => loaded.cache.resetTokenCache(),
	};
}

describe.each([
	{
		provider: 'Kaisa',
		file: 'KaisaApi.credentials',
		className: 'KaisaApi',
		lifetimeMs: 300_000,
		start: (clock: ManualClock): Simulator => new KaisaSimulator({ clock, ...CLIENT }),
		data: (sim: Simulator) => ({
			...CLIENT,
			tokenUrl: `${sim.url}/oauth2/token`,
			baseUrl: `${sim.url}/2.4.9`,
		}),
		path: '/miscellaneous/ping',
	},
	{
		provider: 'Genero',
		file: 'GeneroPublicApi.credentials',
		className: 'GeneroPublicApi',
		lifetimeMs: 900_000,
		start: (clock: ManualClock): Simulator =>
			new GeneroSimulator({ clock, ...CLIENT, tokenLifetimeSeconds: 900 }),
		data: (sim: Simulator) => ({
			...CLIENT,
			tokenUrl: `${sim.url}/oauth/token`,
			baseUrl: `${sim.url}/api`,
		}),
		path: '/customers',
	},
])(
	'two workers, one $provider credential',
	({ provider, file, className, lifetimeMs, start, data, path }) => {
		let workers: Worker[];
		let sim: Simulator;
		let clock: ManualClock;
		const credential = { id: 'shared', name: 'Shared credential' };
		let type: string;

		beforeEach(async () => {
			clock = new ManualClock();
			workers = [await startWorker(file, className), await startWorker(file, className)];
			workers[1].harness.credentials.shareRowsWith(workers[0].harness.credentials);
			for (const worker of workers) worker.setClock(clock);
			sim = start(clock);
			await sim.start();
			const credentialType = (await import(`../../credentials/${file}`))[
				className
			] as new () => ICredentialType;
			type = new credentialType().name;
			await workers[0].harness.credentials.add({ ...credential, type, data: data(sim) });
			workers.forEach((worker, index) =>
				worker.harness.saveWorkflow(
					linearWorkflow(`wf-${index}`, [
						{ name: 'Items', type: 'testItems', parameters: { count: 3 } },
						{
							name: 'Call',
							type: 'testTransport',
							parameters: { credentialType: type, method: 'GET', url: path },
							credentials: { [type]: credential },
						},
					]),
				),
			);
		});

		if (provider === 'Genero') {
			test("Genero's five a day hold across both workers: the fetch log travels in the credential row", async () => {
				const outcomes: string[] = [];
				for (let run = 0; run < 8; run++) {
					sim.revokeAll();
					const result = await workers[run % 2].harness.execute(`wf-${run % 2}`);
					outcomes.push(result.status === 'success' ? 'ok' : `${result.error?.message}`);
					clock.advance(60_000);
				}
				// 1 first token + 3 replacements (the fifth is kept back for workers racing); then
				// every run on either worker refuses locally.
				expect(sim.stats.tokenRequests).toBe(4);
				expect(outcomes.slice(0, 4)).toEqual(['ok', 'ok', 'ok', 'ok']);
				for (const outcome of outcomes.slice(4)) expect(outcome).toMatch(/budget used up/);
			});

			test('both workers refreshing at the same moment stay within five a day', async () => {
				await runOn(0);
				sim.revokeAll();
				await runOn(0);
				expect(sim.stats.tokenRequests).toBe(2);
				for (let round = 0; round < 3; round++) {
					sim.revokeAll();
					// The same count in both rows: each worker may fetch once.
					await Promise.all([
						workers[0].harness.execute('wf-0'),
						workers[1].harness.execute('wf-1'),
					]);
					clock.advance(60_000);
					expect(sim.stats.tokenRequests).toBeLessThanOrEqual(5);
				}
				expect(sim.stats.tokenRequests).toBeGreaterThanOrEqual(4);
				const refused = await workers[1].harness.execute('wf-1');
				expect(`${refused.error?.message} ${refused.error?.description}`).toMatch(
					/budget used up.*allows 5 per day, of which this package uses 4/s,
				);
			});
		}

		if (provider === 'Genero') {
			test('a quota refusal from Genero on one worker makes the other refuse without asking', async () => {
				await runOn(0);
				sim.revokeAll();
				sim.injectTokenFault({
					status: 429,
					body: { error: 'too_many_requests', error_description: 'Global limit has been reached' },
				});
				const refused = await workers[0].harness.execute('wf-0');
				expect(refused.error?.message).toMatch(/quota is used up/);
				const asked = sim.stats.tokenRequests;
				const elsewhere = await workers[1].harness.execute('wf-1');
				expect(`${elsewhere.error?.message} ${elsewhere.error?.description}`).toMatch(
					/quota is used up.*before 20\d\d-/s,
				);
				expect(sim.stats.tokenRequests).toBe(asked);
			});
		}

		afterEach(async () => {
			await sim.close();
			for (const worker of workers) await worker.harness.close();
		});

		async function runOn(worker: number): Promise<void> {
			const result = await workers[worker].harness.execute(`wf-${worker}`);
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
		}

		test('a token one worker fetched is used by the other, over three lifetimes', async () => {
			for (let lifetime = 0; lifetime < 3; lifetime++) {
				// Both workers busy within one lifetime, each in its own memory.
				for (let run = 0; run < 4; run++) {
					await runOn(run % 2);
					clock.advance(lifetimeMs / 10);
				}
				clock.advance(lifetimeMs / 2);
			}
			// One fetch per lifetime for the cluster (each worker alone would fetch its own).
			expect(sim.stats.tokenRequests).toBe(3);
			expect(sim.stats.api401).toBe(0);
		});

		test('a token revoked at the provider is replaced once, and the other worker takes the replacement', async () => {
			await runOn(0);
			await runOn(1);
			sim.revokeAll();
			await runOn(0);
			await runOn(1);
			expect(sim.stats.tokenRequests).toBe(2);
			// Worker 0 saw the 401 of the revoked token (3 parallel items, one refresh); worker 1 took the
			// replacement from the credential row without a 401 of its own.
			expect(sim.stats.api401).toBe(3);
		});
	},
);
