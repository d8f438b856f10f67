import { resetTokenCache } from '../../nodes/shared/token/cache';
import { setClock } from '../../nodes/shared/token/clock';
import { readCredentialState } from '../../nodes/shared/token/credential-state';
import { createHarness, type Harness } from '../harness/n8n';
import { linearWorkflow } from '../harness/linear-workflow';
import { ManualClock, type Simulator } from '../simulators';
import {
	callNode,
	PROVIDER_SETUPS,
	testNodeTypes,
	type CallPath,
	type ProviderSetup,
} from './provider-setups';

/**
 * After the provider revokes every token, the next execution succeeds with exactly one new token
 * request, for every credential type — also the generic one without a Test Path, where nothing can
 * confirm that a failure was a rejected token: an unconfirmed refresh is limited by rate per client
 * (once a minute, remembered in the credential), not by the token's age, so a storm of 404s through
 * n8n's HTTP Request node (which calls preAuthentication after any error) costs one fetch a minute.
 */
const generic = PROVIDER_SETUPS.find((setup) => setup.title.startsWith('Generic'))!;
const genericWithoutTestPath: ProviderSetup = {
	...generic,
	title: 'Generic without a Test Path',
	credentialData: (sim) => ({ ...generic.credentialData(sim), testPath: '' }),
};
const SETUPS = [...PROVIDER_SETUPS, genericWithoutTestPath];
const PATHS: CallPath[] = ['httpRequestNode', 'httpRequestWithAuthentication', 'transport'];

describe.each(SETUPS.map((setup) => [setup.title, setup] as const))('%s', (_title, setup) => {
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

	test.each(PATHS)(
		'through the %s: a token revoked seconds after it was issued is replaced by one fetch',
		async (path) => {
			save(path);
			expect((await harness.execute('wf')).status).toBe('success');
			clock.advance(5_000);
			sim.revokeAll();
			const before = sim.stats.tokenRequests;
			const result = await harness.execute('wf');
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(sim.stats.tokenRequests - before).toBe(1);
		},
	);

	test('through the HTTP Request node: 404 and 500 storms cost at most one fetch a minute', async () => {
		save('httpRequestNode', 5);
		await harness.execute('wf');
		const before = sim.stats.tokenRequests;
		for (let run = 0; run < 3; run++) {
			for (let i = 0; i < 5; i++) {
				sim.injectApiFault({ status: i % 2 === 0 ? 404 : 500, body: { message: 'nope' } });
			}
			// n8n sends a request again after a refresh, so an injected fault may hit that retry.
			await harness.execute('wf');
			clock.advance(10_000);
		}
		// Three runs within 30 s: a provider probe tells 404s from rejected tokens (0 fetches);
		// without one, the first failure may cost one fetch, then nothing until the minute is over.
		const spent = sim.stats.tokenRequests - before;
		expect(spent).toBeLessThanOrEqual(setup === genericWithoutTestPath ? 1 : 0);
		const stored = readCredentialState(await harness.credentials.get('cred'));
		if (spent === 1) expect(stored.unconfirmedAt).toBeDefined();
	});
});
