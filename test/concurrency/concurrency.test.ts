import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { providerFor } from '../../nodes/shared/providers';
import { resetTokenCache } from '../../nodes/shared/token/cache';
import { setClock } from '../../nodes/shared/token/clock';
import { keysFor } from '../../nodes/shared/token/keys';
import { readToken } from '../../nodes/shared/token/static-store';
import {
	createFaultHarness,
	setupByTitle,
	startRig,
	type NodePath,
	type Rig,
} from '../faults/support/rig';
import type { ExecutionResult, Harness, WorkflowDefinition } from '../harness/n8n';
import { callNode, PROVIDER_SETUPS, type ProviderSetup } from '../workflows/provider-setups';

/**
 * Many items, many executions, many workflows and restarts in one process: still one token per
 * client and lifetime, and static data that always holds entries that open with the secret.
 * (test/workflows/credentials.test.ts covers 100 parallel items on each path alone.)
 */
let harness: Harness;
let rig: Rig | undefined;

beforeAll(async () => {
	harness = await createFaultHarness();
});

afterAll(async () => {
	await harness.close();
});

afterEach(async () => {
	await rig?.close();
	rig = undefined;
	setClock();
});

function call(current: Rig, path: NodePath, name: string, position: number): INode {
	const { setup, type, sim } = current;
	return {
		...callNode(type, path, { relative: setup.apiPath, absolute: setup.apiUrl(sim) }),
		id: `${name}-id`,
		name,
		typeVersion: 1,
		position: [position * 220, 0],
		credentials: { [type]: { id: current.credentialId, name: setup.title } },
	};
}

/** Items(count) feeding every call node (branches of one workflow). */
function fanOut(id: string, count: number, calls: INode[]): WorkflowDefinition {
	const items: INode = {
		id: `${id}-items`,
		name: 'Items',
		type: 'testItems',
		typeVersion: 1,
		position: [0, 0],
		parameters: { count },
	};
	return {
		id,
		name: id,
		nodes: [items, ...calls],
		connections: {
			Items: {
				main: [calls.map((call) => ({ node: call.name, type: 'main' as const, index: 0 }))],
			},
		},
	};
}

function expectAllAnswered(result: ExecutionResult, nodes: string[], count: number): void {
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	for (const node of nodes) {
		expect(result.outputs[node]).toHaveLength(count);
		expect(result.itemErrors[node]).toBeUndefined();
	}
}

/** The token a workflow's (global) static data holds for the rig's credential, opened with the secret. */
function sealedToken(
	staticData: IDataObject,
	data: ICredentialDataDecryptedObject,
	type: string,
): string | undefined {
	const request = providerFor(type).tokenRequest(data);
	const global = (staticData.global ?? {}) as IDataObject;
	return readToken(global, keysFor(request), request.clientSecret)?.accessToken;
}

describe.each(PROVIDER_SETUPS.map((setup) => [setup.title, setup] as const))(
	'%s',
	(_title, setup: ProviderSetup) => {
		test('both paths at once, 100 items each, in one workflow and in two overlapping executions: 1 token fetch', async () => {
			rig = await startRig(harness, setup);
			const current = rig;
			current.sim.tokenDelayMs = 150;
			harness.saveWorkflow(
				fanOut('wf-mixed', 100, [
					call(current, 'httpRequestNode', 'HTTP Request', 1),
					call(current, 'transport', 'Transport', 2),
				]),
			);

			// Two executions of it at once: 400 calls, while the one token request is still running.
			const [first, second] = await Promise.all([
				harness.execute('wf-mixed'),
				harness.execute('wf-mixed'),
			]);

			for (const result of [first, second])
				expectAllAnswered(result, ['HTTP Request', 'Transport'], 100);
			expect(current.sim.stats.tokenRequests).toBe(1);
			expect(current.sim.stats.apiRequests).toBe(400);
			expect(current.sim.stats.api401).toBe(0);
		});
	},
);

describe('one process, several workflows', () => {
	const kaisa = () => setupByTitle('Kaisa (JSON');

	test('two workflows using the same credential, run one after the other and at once: 1 token', async () => {
		rig = await startRig(harness, kaisa());
		const current = rig;
		current.sim.tokenDelayMs = 100;
		harness.saveWorkflow(fanOut('wf-a', 10, [call(current, 'transport', 'A', 1)]));
		harness.saveWorkflow(fanOut('wf-b', 10, [call(current, 'httpRequestNode', 'B', 1)]));
		harness.saveWorkflow(fanOut('wf-c', 10, [call(current, 'transport', 'C', 1)]));

		const [a, b] = await Promise.all([harness.execute('wf-a'), harness.execute('wf-b')]);
		const c = await harness.execute('wf-c');

		expectAllAnswered(a, ['A'], 10);
		expectAllAnswered(b, ['B'], 10);
		expectAllAnswered(c, ['C'], 10);
		expect(current.sim.stats.tokenRequests).toBe(1);
		// Each workflow keeps its own sealed copy of the same token.
		const token = current.issuedTokens()[0];
		for (const id of ['wf-a', 'wf-c'])
			expect(sealedToken(harness.staticData(id), current.credentialData, current.type)).toBe(token);
	});

	test('a restart (memory lost, static data kept) costs no fetch while the token is fresh, on either path', async () => {
		rig = await startRig(harness, kaisa());
		const current = rig;
		harness.saveWorkflow(fanOut('wf-nightly', 5, [call(current, 'transport', 'Transport', 1)]));
		harness.saveWorkflow(
			fanOut('wf-http', 5, [call(current, 'httpRequestNode', 'HTTP Request', 1)]),
		);
		harness.saveWorkflow(fanOut('wf-other', 5, [call(current, 'transport', 'Other', 1)]));
		expectAllAnswered(await harness.execute('wf-nightly'), ['Transport'], 5);
		expectAllAnswered(await harness.execute('wf-http'), ['HTTP Request'], 5);
		expect(current.sim.stats.tokenRequests).toBe(1);

		// Restart, twice, a minute apart; the 300 s token stays fresh until 270 s.
		for (let restart = 0; restart < 2; restart++) {
			current.clock.advance(60_000);
			resetTokenCache();
			const [nightly, http] = await Promise.all([
				harness.execute('wf-nightly'),
				harness.execute('wf-http'),
			]);
			expectAllAnswered(nightly, ['Transport'], 5);
			expectAllAnswered(http, ['HTTP Request'], 5);
			// A workflow that never ran gets the token its siblings brought back into memory.
			expectAllAnswered(await harness.execute('wf-other'), ['Other'], 5);
		}
		expect(current.sim.stats.tokenRequests).toBe(1);
		expect(current.sim.stats.api401).toBe(0);

		// Past its freshness, after another restart: exactly one new token for everyone.
		current.clock.advance(160_000);
		resetTokenCache();
		await Promise.all(
			['wf-nightly', 'wf-http', 'wf-other'].map(async (id) => await harness.execute(id)),
		);
		expect(current.sim.stats.tokenRequests).toBe(2);
		expect(current.sim.stats.api401).toBe(0);
	});

	test('overlapping executions of one workflow each holding another token: every persisted entry opens, last writer wins', async () => {
		rig = await startRig(harness, kaisa());
		const current = rig;
		// Long enough that no execution ends before the last one starts.
		current.sim.apiDelayMs = 1000;
		harness.saveWorkflow(fanOut('wf-race', 5, [call(current, 'transport', 'Transport', 1)]));

		// Ten executions overlap; before each starts, memory is wiped (as on another worker) and the
		// credential row forgets its token (as when the credential is saved again), so each fetches
		// its own token and writes its own entry into its copy of static data.
		const running: Array<Promise<ExecutionResult>> = [];
		for (let execution = 0; execution < 10; execution++) {
			resetTokenCache();
			await current.updateCredential({ accessToken: '', tokenState: '' });
			running.push(harness.execute('wf-race'));
			await waitFor(() => current.sim.stats.tokensIssued === execution + 1);
			current.clock.advance(1000);
		}
		const results = await Promise.all(running);

		const issued = current.issuedTokens();
		expect(issued).toHaveLength(10);
		results.forEach((result, index) => {
			expectAllAnswered(result, ['Transport'], 5);
			// What each execution would have persisted holds its own token, sealed and intact.
			expect(sealedToken(result.staticData, current.credentialData, current.type)).toBe(
				issued[index],
			);
		});
		const persisted = harness.staticData('wf-race');
		const survivor = sealedToken(persisted, current.credentialData, current.type);
		expect(issued).toContain(survivor);
		// Another secret does not open it (the entry is sealed, not merely encoded).
		expect(
			sealedToken(
				persisted,
				{ ...current.credentialData, clientSecret: 'another-secret-123' },
				current.type,
			),
		).toBeUndefined();

		// After one more restart the survivor is used as is.
		resetTokenCache();
		current.sim.resetStats();
		expectAllAnswered(await harness.execute('wf-race'), ['Transport'], 5);
		expect(current.sim.stats.tokenRequests).toBe(0);
		expect(
			current.sim.requests.every(
				(request) => request.headers.authorization === `Bearer ${survivor}`,
			),
		).toBe(true);
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
