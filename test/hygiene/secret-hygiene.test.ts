import { setClock } from '../../nodes/shared/token/clock';
import { FAULT_CASES } from '../faults/matrix';
import { createFaultHarness, hygieneSecret } from '../faults/support/rig';
import { caseVariants, runCase, type CaseRun } from '../faults/support/run-case';
import type { Harness } from '../harness/n8n';
import { CLIENT_ID } from '../workflows/provider-setups';
import { captureLogs, findLeaks, type LogCapture } from './leak-scan';

/**
 * Every case of the fault matrix again, with a recognisable client secret, looking for the secret
 * and every token the simulator issued in: the whole execution record n8n keeps (node output,
 * item errors, the execution error with its description, cause and stack), the workflow's static
 * data as n8n persists it, the credential's persisted token state, and everything logged.
 */
const N8N_REQUEST_ERROR_HEADERS = /\.json\.error\.cause\.options\.headers\.[^.]+$/;

let harness: Harness;
let logs: LogCapture;
let current: CaseRun | undefined;

beforeAll(async () => {
	harness = await createFaultHarness();
	logs = captureLogs();
});

afterAll(async () => {
	logs.restore();
	await harness.close();
});

beforeEach(() => logs.clear());

afterEach(async () => {
	await current?.rig.close();
	current = undefined;
	setClock();
});

function secretsOf(run: CaseRun): Record<string, string> {
	const secrets: Record<string, string> = {
		'client secret': run.rig.secret,
		'Basic credentials': Buffer.from(`${CLIENT_ID}:${run.rig.secret}`).toString('base64'),
	};
	run.rig.issuedTokens().forEach((token, index) => {
		secrets[`token ${index + 1}`] = token;
		// A token cut short (e.g. in a log line) still gives itself away by its signature.
		const signature = token.split('.')[2];
		if (signature) secrets[`token ${index + 1} signature`] = signature;
	});
	return secrets;
}

test.each(caseVariants(FAULT_CASES).map((variant) => [variant.name, variant] as const))(
	'%s',
	async (_name, variant) => {
		current = await runCase(harness, variant, hygieneSecret());
		const { rig, result } = current;
		const stored = await harness.credentials.get(rig.credentialId);

		const places = {
			'execution record': result.run,
			'node output': result.outputs,
			'execution error': result.error,
			'static data (execution)': result.staticData,
			'static data (persisted)': harness.staticData(rig.workflowId),
			'credential tokenState': stored.tokenState,
			logs: logs.entries,
		};
		// The places hold something: a sealed entry or a persisted token state once a token was issued.
		if (
			variant.kase.expected[variant.path].outcome === 'success' &&
			variant.kase.id !== 'api-500-mid-paging'
		) {
			if (variant.path === 'transport')
				expect(JSON.stringify(places['static data (persisted)'])).toContain('"sealed"');
			else expect(stored.tokenState).toMatch(/"expiresAt":\d+/);
		}
		const secrets = secretsOf(current);
		// What n8n stores, exports and shows in the editor: nothing, on either path.
		expect(findLeaks(secrets, places, { mode: 'json' })).toEqual([]);
		// In memory too — except n8n-core's own error for a failed request of the HTTP Request node,
		// which keeps the request it sent (token header included) as the non-enumerable `cause` of
		// its NodeApiError, for every credential type; it is never serialized (checked just above).
		const ignore =
			variant.path === 'httpRequestNode'
				? (path: string) => N8N_REQUEST_ERROR_HEADERS.test(path)
				: undefined;
		expect(findLeaks(secrets, places, { ignore })).toEqual([]);
		// The credential row itself is n8n ciphertext.
		expect(harness.credentials.ciphertext(rig.credentialId)).not.toContain(rig.secret);
	},
);

test('the scan finds a planted leak (the test can fail)', async () => {
	const secret = hygieneSecret();
	const error = new Error('wrapped', {
		cause: { config: { headers: { Authorization: `Bearer x.y.${secret}` } } },
	});
	console.warn('token', { at: secret.slice(0) });
	expect(findLeaks({ secret }, { error })).toEqual([
		{ what: 'secret', where: 'error.cause.config.headers.Authorization' },
	]);
	// A non-enumerable cause is not serialized.
	expect(findLeaks({ secret }, { error }, { mode: 'json' })).toEqual([]);
	expect(findLeaks({ secret }, { logs: logs.entries })).toEqual([
		{ what: 'secret', where: 'logs.0.2.at' },
	]);
	expect(
		findLeaks({ secret }, { output: [{ json: { nested: [{ deep: secret }] } }] }, { mode: 'json' }),
	).toHaveLength(1);
});
