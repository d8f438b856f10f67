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
} from './provider-setups';

const byTitle = (title: string) => PROVIDER_SETUPS.find((setup) => setup.title.startsWith(title))!;
type Path = Extract<CallPath, 'httpRequestNode' | 'transport'>;

describe('credential errors through real workflows', () => {
	let harness: Harness;
	let sim: Simulator;
	let clock: ManualClock;

	beforeAll(async () => {
		harness = await createHarness({
			nodeTypes: testNodeTypes(),
			credentialTypes: Object.fromEntries(
				PROVIDER_SETUPS.map((s) => [s.credentialType.name, s.credentialType]),
			),
		});
	});
	afterAll(async () => await harness.close());
	beforeEach(() => {
		clock = new ManualClock();
		setClock({ now: () => clock.now() });
		resetTokenCache();
		harness.reset();
	});
	afterEach(async () => {
		await sim?.close();
		setClock();
	});

	async function runWith(title: string, path: Path, data: Record<string, string> = {}) {
		const setup = byTitle(title);
		sim = await setup.start(clock);
		const type = setup.credentialType.name;
		await harness.credentials.add({
			id: 'c',
			name: 'c',
			type,
			data: { ...setup.credentialData(sim), ...data },
		});
		harness.saveWorkflow(
			linearWorkflow('wf', [
				{ name: 'Items', type: 'testItems', parameters: { count: 1 } },
				{
					...callNode(type, path, { relative: setup.apiPath, absolute: setup.apiUrl(sim) }),
					credentials: { [type]: { id: 'c', name: 'c' } },
				},
			]),
		);
		return await harness.execute('wf');
	}

	const text = (error: unknown) => JSON.stringify(error);

	describe.each<Path>(['httpRequestNode', 'transport'])('through the %s', (path) => {
		it('says the client was refused and what to check, without the secret', async () => {
			const result = await runWith('Kaisa (JSON', path, { clientSecret: 'wrong-Secret-999' });
			expect(text(result.error)).toMatch(/Kaisa refused the token request \(invalid_client\)/);
			expect(text(result.error)).toMatch(/Check the Client ID and Client Secret/);
			expect(text(result.error)).not.toContain('wrong-Secret-999');
			expect(text(result.error)).not.toContain(CLIENT_SECRET);
			expect(sim.stats.apiRequests).toBe(0);
		});

		it('refuses a plain-http token URL on a public host before any request', async () => {
			const result = await runWith('Generic', path, { tokenUrl: 'http://auth.example.com/token' });
			expect(text(result.error)).toMatch(/Token URL must use https/);
			expect(sim.stats.tokenRequests).toBe(0);
		});

		it('names an empty client id', async () => {
			const result = await runWith('Setu', path, { clientId: '   ' });
			expect(text(result.error)).toMatch(/Client ID is empty/);
			expect(sim.stats.tokenRequests).toBe(0);
		});

		it('refuses a Fenergo tenant id that is not a GUID', async () => {
			const result = await runWith('Fenergo', path, { tenantId: 'tenant-1' });
			expect(result.error?.message).toMatch(/Tenant ID "tenant-1" is not a GUID/);
			expect(sim.stats.apiRequests).toBe(0);
		});

		it('reads invalid JSON in extra headers as a field error', async () => {
			const result = await runWith('Generic', path, { extraHeaders: '{x-team: n8n' });
			expect(text(result.error)).toMatch(/Extra Headers is not valid JSON/);
			expect(sim.stats.apiRequests).toBe(0);
		});
	});

	it("keeps Genero's daily budget: the fifth token of the day is kept back and refused without asking Auth0", async () => {
		// Every token is revoked after use (say, by a misconfigured API), so each run needs a new one.
		await runWith('Genero Public', 'transport');
		for (let run = 2; run <= 5; run++) {
			sim.revokeAll();
			clock.advance(60_000);
			const result = await harness.execute('wf');
			if (run <= 4) expect(result.error?.message).toBeUndefined();
			else {
				expect(result.error?.message).toMatch(/Genero token budget used up/);
				expect(result.error?.description).toMatch(
					/allows 5 per day, of which this package uses 4: the rest is kept for n8n processes.*no request was sent/,
				);
			}
		}
		expect(sim.stats.tokenRequests).toBe(4);
	});
});
