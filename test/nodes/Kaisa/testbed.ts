import type { IDataObject, INodeExecutionData, INodeParameters, IWorkflowSettings } from 'n8n-workflow';

import { KaisaApi } from '../../../credentials/KaisaApi.credentials';
import { Kaisa } from '../../../nodes/Kaisa/Kaisa.node';
import { resetTokenCache } from '../../../nodes/shared/token/cache';
import { setClock } from '../../../nodes/shared/token/clock';
import { useManualClock } from '../../shared/token/support/clock';
import { linearWorkflow, type NodeSpec } from '../../harness/linear-workflow';
import { createHarness, type ExecutionResult, type Harness } from '../../harness/n8n';
import { Items } from '../../harness/nodes/Items.node';
import { DEFAULT_CLIENT, KaisaSimulator, type KaisaSimulatorOptions, type ManualClock } from '../../simulators';
import { BinaryBytes } from './binary-bytes.node';

export const KAISA_NODE_TYPE = 'n8n-nodes-client-credentials.kaisa';
export const CREDENTIAL = { id: 'kaisa-1', name: 'Kaisa account' };

export interface RunOptions {
	/** Items the start node emits (`{ index }` each). */
	count?: number;
	/** n8n's per-node error setting: 'continueRegularOutput' is Continue On Fail. */
	onError?: NodeSpec['onError'];
	settings?: IWorkflowSettings;
	/** Nodes after the Kaisa node. */
	after?: NodeSpec[];
}

export interface KaisaTestbed {
	sim: KaisaSimulator;
	clock: ManualClock;
	harness: Harness;
	/** Runs Items → Kaisa(parameters) [→ after...] as a production (trigger) execution. */
	run(parameters: INodeParameters, options?: RunOptions): Promise<ExecutionResult>;
	/** Forgets tokens in memory and zeroes the simulator's counters and logs. */
	reset(): void;
	close(): Promise<void>;
}

/** A Kaisa simulator on a manual clock (shared with the token engine) and an n8n harness with the real node. */
export async function startKaisaTestbed(options: KaisaSimulatorOptions = {}): Promise<KaisaTestbed> {
	const { clock } = useManualClock();
	const sim = new KaisaSimulator({ clock, ...options });
	await sim.start();
	const harness = await createHarness({
		nodeTypes: { [KAISA_NODE_TYPE]: new Kaisa(), testItems: new Items(), testBinaryBytes: new BinaryBytes() },
		credentialTypes: { kaisaApi: new KaisaApi() },
	});
	await harness.credentials.add({
		...CREDENTIAL,
		type: 'kaisaApi',
		data: {
			clientId: DEFAULT_CLIENT.clientId,
			clientSecret: DEFAULT_CLIENT.clientSecret,
			tokenUrl: `${sim.url}/oauth2/token`,
			bodyFormat: 'form',
			baseUrl: `${sim.url}/${sim.version}`,
		},
	});
	let runs = 0;
	return {
		sim,
		clock,
		harness,
		async run(parameters, runOptions = {}) {
			const id = `wf-kaisa-${++runs}`;
			harness.saveWorkflow(
				linearWorkflow(
					id,
					[
						{ name: 'Items', type: 'testItems', parameters: { count: runOptions.count ?? 1 } },
						{
							name: 'Kaisa',
							type: KAISA_NODE_TYPE,
							parameters,
							credentials: { kaisaApi: CREDENTIAL },
							...(runOptions.onError && { onError: runOptions.onError }),
						},
						...(runOptions.after ?? []),
					],
					{ settings: runOptions.settings },
				),
			);
			return await harness.execute(id);
		},
		reset() {
			resetTokenCache();
			sim.resetStats();
			sim.afterApiCall = undefined;
		},
		async close() {
			await harness.close();
			await sim.close();
			setClock();
		},
	};
}

/**
 * Registers the usual hooks for one test file: a testbed started before all tests, reset before each
 * and closed after all. The returned object stands for that testbed once it has started.
 */
export function useKaisaTestbed(options?: KaisaSimulatorOptions): KaisaTestbed {
	let bed: KaisaTestbed | undefined;
	const current = (): KaisaTestbed => {
		if (!bed) throw new Error('The Kaisa testbed is used before beforeAll started it');
		return bed;
	};
	beforeAll(async () => {
		bed = await startKaisaTestbed(options);
	});
	afterAll(async () => {
		await current().close();
	});
	beforeEach(() => {
		current().reset();
	});
	return new Proxy({} as KaisaTestbed, { get: (_target, key) => Reflect.get(current(), key) as unknown });
}

export function jsonOf(items: INodeExecutionData[] | undefined): IDataObject[] {
	return (items ?? []).map((item) => item.json);
}

export function pairingOf(items: INodeExecutionData[] | undefined): unknown[] {
	return (items ?? []).map((item) => item.pairedItem);
}
