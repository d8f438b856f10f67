import { resetTokenCache } from '../../nodes/shared/token/cache';
import { setClock } from '../../nodes/shared/token/clock';
import { testCredential } from '../harness/credential-test';
import { createHarness, type Harness } from '../harness/n8n';
import { ManualClock, type Simulator } from '../simulators';
import { FENERGO_TENANTS } from '../simulators';
import {
	CLIENT_SECRET,
	PROVIDER_SETUPS,
	testNodeTypes,
	type ProviderSetup,
} from '../workflows/provider-setups';

/**
 * The editor's "Test" button, as n8n's CLI runs it, when the token is good but the API refuses
 * the test call: the message names the field to check and keeps the provider's words.
 */

const setups = PROVIDER_SETUPS.filter((setup) => !setup.title.startsWith('Kaisa (form'));
const byTitle = (title: string) => setups.find((setup) => setup.title.startsWith(title))!;

/** The advice for 404, 403 and 401 of each credential type, as the user reads it. */
const ADVICE: Record<string, Record<404 | 403 | 401, string>> = {
	'Genero Public API': {
		404: 'Check the Base URL, e.g. https://prod.generosales.com/api.',
		403: 'Check the Scope (manage:customers) and that Genero granted this client access to your tenant.',
		401: 'The token was issued, but the API does not accept it: check the Audience (https://prod.generosales.com/api) and the Scope (manage:customers).',
	},
	'Genero Data Warehouse API': {
		404: 'Check the Base URL, e.g. https://prod.generosales.com/api/externalschema.',
		403: 'Check the Scope (read:externalschema) and that Genero granted this client access to your tenant.',
		401: 'The token was issued, but the API does not accept it: check the Audience (https://prod.generosales.com/api/externalschema) and the Scope (read:externalschema).',
	},
	Fenergo: {
		404: 'Check the Base URL: the API host without a path, e.g. https://api.fenergox.com.',
		403: "Check the Tenant ID (a tenant of this client, test or production) and the client's permissions for entity data in the Fenergo console.",
		401: 'The token was issued, but the API does not accept it: check the Scope (e.g. fenx.all) and that the Token URL and Base URL belong to the same region.',
	},
	Kaisa: {
		404: 'Check the Base URL: it is the API host followed by the API version Kaisa gave you, e.g. https://api.analytics.freespee.com/2.4.9.',
		403: 'Check with Kaisa that this client may use the API at this Base URL.',
		401: 'The token was issued, but the API does not accept it: check that the Token URL and the Base URL belong to the same Kaisa environment.',
	},
	Setu: {
		404: 'Check the Environment (and, for Custom, the Base URL: the API host without a path).',
		403: 'Check with Setu that this partner client is enabled for the FD API in this environment.',
		401: 'The token was issued, but the API does not accept it: check the Environment, since sandbox and production clients differ.',
	},
	Generic: {
		404: 'Check the Base URL (including any API version in it) and the Test Path.',
		403: "Check the client's permissions at the provider and the Scope.",
		401: 'The token was issued, but the API does not accept it: check the Scope and Audience, and the Header Name and Header Prefix the API expects the token in.',
	},
};

const adviceFor = (setup: ProviderSetup) =>
	ADVICE[Object.keys(ADVICE).find((title) => setup.title.startsWith(title))!];

describe('credential test messages', () => {
	let harness: Harness;
	let sim: Simulator | undefined;
	let clock: ManualClock;

	beforeAll(async () => {
		harness = await createHarness({
			nodeTypes: testNodeTypes(),
			credentialTypes: Object.fromEntries(
				setups.map((setup) => [setup.credentialType.name, setup.credentialType]),
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
		sim = undefined;
		setClock();
	});

	async function start(setup: ProviderSetup): Promise<Simulator> {
		sim = await setup.start(clock);
		return sim;
	}

	/** Presses "Test" on a stored credential of the setup's type, with `data` over its working data. */
	async function test(setup: ProviderSetup, data: Record<string, string> = {}) {
		const stored = {
			id: 'c',
			name: 'c',
			data: { ...setup.credentialData(sim!), ...data },
		};
		await harness.credentials.add({ ...stored, type: setup.credentialType.name });
		return await testCredential(harness.credentials, setup.credentialType, stored);
	}

	function expectNoSecret(message: string): void {
		expect(message).not.toContain(CLIENT_SECRET);
		for (const token of sim!.tokens.keys()) expect(message).not.toContain(token);
	}

	describe.each(setups.map((setup) => [setup.title, setup] as const))('%s', (_title, setup) => {
		it('passes with a good credential, sending the probe and the test call', async () => {
			await start(setup);
			const result = await test(setup);
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(sim!.stats.tokensIssued).toBe(1);
			expect(sim!.stats.apiRequests).toBe(2);
			// The marker header never reaches the provider.
			for (const request of sim!.requests)
				expect(Object.keys(request.headers)).not.toContain('x-n8n-credential-test');
		});

		it.each([404, 403, 401] as const)(
			'names the field to check for an HTTP %i at the API step, with the provider text',
			async (status) => {
				await start(setup);
				sim!.injectApiFault({ status, body: { message: `provider text ${status}` } });
				const result = await test(setup);
				expect(result.status).toBe('Error');
				expect(result.message).toContain(`with HTTP ${status}. ${adviceFor(setup)[status]}`);
				expect(result.message).toMatch(new RegExp(`says: "provider text ${status}"$`));
				expect(sim!.stats.tokensIssued).toBe(1);
				expectNoSecret(result.message);
			},
		);

		it('says what a token URL answering a JSON 404 answered', async () => {
			await start(setup);
			sim!.injectTokenFault({
				status: 404,
				body: { error: 'not_found', message: 'No route for POST', secret: CLIENT_SECRET },
			});
			const result = await test(setup);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/refused the token request \(HTTP 404\)\. Check the Token URL in the credential\. The Token URL answered HTTP 404 with a JSON body: error "not_found", message "No route for POST"\.$/,
			);
			expect(sim!.stats.apiRequests).toBe(0);
			expectNoSecret(result.message);
		});
	});

	it('Kaisa Base URL without the version: 404, the Base URL and the version to add', async () => {
		const setup = byTitle('Kaisa');
		await start(setup);
		const result = await test(setup, { baseUrl: sim!.url });
		expect(result).toEqual({
			status: 'Error',
			message: `The Kaisa API refused the test call GET ${sim!.url}/miscellaneous/ping with HTTP 404. ${ADVICE.Kaisa[404]} Kaisa says: "not_found"`,
		});
	});

	it("an unknown Fenergo tenant: 403, the Tenant ID and Fenergo's words", async () => {
		const setup = byTitle('Fenergo');
		await start(setup);
		const unknown = '0e0e0e0e-1111-4222-8333-444444444444';
		expect(FENERGO_TENANTS).not.toContain(unknown);
		const result = await test(setup, { tenantId: unknown });
		expect(result).toEqual({
			status: 'Error',
			message: `The Fenergo API refused the test call GET ${sim!.url}/entitydataquery/api/v2/entity-index-configuration with HTTP 403. ${ADVICE.Fenergo[403]} Fenergo says: "Access denied. Tenant ${unknown} is not accessible to this client (TenantAccessDenied)"`,
		});
	});

	it('a Genero token URL pointing at a JSON 404 says what the URL answered', async () => {
		const setup = byTitle('Genero Public');
		await start(setup);
		const result = await test(setup, { tokenUrl: `${sim!.url}/oauth/tokens` });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Genero refused the token request (HTTP 404). Check the Token URL in the credential. The Token URL answered HTTP 404 with a JSON body: error "not_found", path "/oauth/tokens".',
		});
	});

	it('a second test right after a failed one checks again', async () => {
		const setup = byTitle('Kaisa');
		await start(setup);
		expect((await test(setup, { baseUrl: sim!.url })).status).toBe('Error');
		expect(await test(setup)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim!.stats.tokensIssued).toBe(1);
	});
});
