import { readFileSync } from 'node:fs';
import path from 'node:path';

import { setClock } from '../../nodes/shared/token/clock';
import type { Harness } from '../harness/n8n';
import { FAULT_CASES, matrixMarkdown } from './matrix';
import { createFaultHarness } from './support/rig';
import { caseVariants, checkCase, runCase, type CaseRun } from './support/run-case';

/**
 * Every fault of the matrix, on every provider it applies to, through our nodes' transport and
 * n8n's HTTP Request node, once stopping on the error and once with Continue On Fail.
 */
let harness: Harness;
let current: CaseRun | undefined;

beforeAll(async () => {
	harness = await createFaultHarness();
});

afterAll(async () => {
	await harness.close();
});

afterEach(async () => {
	await current?.rig.close();
	current = undefined;
	setClock();
});

test.each(caseVariants(FAULT_CASES).map((variant) => [variant.name, variant] as const))(
	'%s',
	async (_name, variant) => {
		current = await runCase(harness, variant);
		await checkCase(current);
	},
);

/** Wording slips a template can make when the provider name is not a name. */
const AWKWARD = /\bThe The\b|the The\b|token endpoint token endpoint/;
const WORDED = ['token-500-always', 'token-html', 'token-connection-refused', 'token-timeout'];

function wordingVariant(id: string, generic: boolean) {
	return caseVariants(FAULT_CASES.filter((kase) => kase.id === id)).filter(
		(variant) => variant.mode === 'stop' && variant.setup.title.startsWith('Generic') === generic,
	);
}

test.each(
	WORDED.flatMap((id) => wordingVariant(id, false)).map(
		(variant) => [variant.name, variant] as const,
	),
)('%s: the error reads naturally', async (_name, variant) => {
	current = await runCase(harness, variant);
	expect(`${current.result.error?.message} ${current.result.error?.description}`).not.toMatch(
		AWKWARD,
	);
});

// The generic credential names its provider after the token URL's host, so messages built as
// `The ${provider} token endpoint failed` read naturally there too.
test.each(
	WORDED.flatMap((id) => wordingVariant(id, true)).map(
		(variant) => [variant.name, variant] as const,
	),
)('%s: the error reads naturally', async (_name, variant) => {
	current = await runCase(harness, variant);
	expect(`${current.result.error?.message} ${current.result.error?.description}`).not.toMatch(
		AWKWARD,
	);
});

test('docs/reliability.md carries the matrix as the tests run it', () => {
	const doc = readFileSync(path.join(__dirname, '../../docs/reliability.md'), 'utf8');
	expect(doc).toContain(matrixMarkdown());
});
