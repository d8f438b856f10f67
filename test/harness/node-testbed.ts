import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IWorkflowSettings,
} from 'n8n-workflow';

import { resetTokenCache } from '../../nodes/shared/token/cache';
import { setClock } from '../../nodes/shared/token/clock';
import { useManualClock } from '../shared/token/support/clock';
import type { ManualClock, Simulator } from '../simulators';
import { linearWorkflow, type NodeSpec } from './linear-workflow';
import {
	createHarness,
	type CredentialRecord,
	type ExecuteOptions,
	type ExecutionResult,
	type Harness,
} from './n8n';
import { Items } from './nodes/Items.node';

/** What makes a provider's test bed: its nodes, credentials and simulator. */
export interface TestbedSpec<Sim extends Simulator, SimOptions> {
	nodeTypes: Record<string, INodeType>;
	credentialTypes: Record<string, ICredentialType>;
	simulator(clock: ManualClock, options: SimOptions): Sim;
	/** The credentials the test bed saves, their data made from the running simulator (and a test's overrides). */
	credentials(sim: Sim, overrides: IDataObject): CredentialRecord[];
	/** Provider state in process memory beyond tokens (e.g. the warehouse limiter), forgotten on restart. */
	forget?(): void;
}

export interface RunNodesOptions extends ExecuteOptions {
	/** Put `Items(count)` (items `{ index }`) in front of the nodes. */
	count?: number;
	/** Feed these JSON items to the first node instead. */
	items?: IDataObject[];
	/** The workflow id (runs of one id share static data). */
	id?: string;
	settings?: IWorkflowSettings;
}

/**
 * n8n-core running real workflows with one provider's nodes and credentials, against its simulator on
 * a hand-moved clock that the token engine shares (sleeps advance it and are recorded in `sleeps`).
 */
export interface NodeTestbed<Sim extends Simulator, SimOptions> {
	sim: Sim;
	clock: ManualClock;
	sleeps: number[];
	harness: Harness;
	/** Saves the nodes chained in order as workflow `id`. */
	save(id: string, nodes: NodeSpec[], settings?: IWorkflowSettings): void;
	run(id: string, options?: ExecuteOptions): Promise<ExecutionResult>;
	/** Saves and runs the nodes (as a production execution unless `mode` says otherwise). */
	runNodes(nodes: NodeSpec[], options?: RunNodesOptions): Promise<ExecutionResult>;
	/** As a restart does: tokens and other provider state in memory are forgotten. */
	restart(): void;
	/** Between tests: restart, the credentials as saved, the simulator's counters and logs zeroed. */
	reset(): void;
	/**
	 * Starts over: a new clock and simulator (with other options), workflows and credentials
	 * forgotten and the credentials saved again (with a test's overrides), memory forgotten.
	 */
	startOver(options?: Partial<SimOptions>, credentialOverrides?: IDataObject): Promise<void>;
	close(): Promise<void>;
}

export async function startNodeTestbed<Sim extends Simulator, SimOptions>(
	spec: TestbedSpec<Sim, SimOptions>,
	simOptions: SimOptions = {} as SimOptions,
): Promise<NodeTestbed<Sim, SimOptions>> {
	let manual = useManualClock();
	const harness = await createHarness({
		nodeTypes: { testItems: new Items(), ...spec.nodeTypes },
		credentialTypes: spec.credentialTypes,
	});
	const restart = () => {
		resetTokenCache();
		spec.forget?.();
	};
	const startSimulator = async (options: SimOptions, overrides: IDataObject = {}): Promise<Sim> => {
		const sim = spec.simulator(manual.clock, options);
		await sim.start();
		for (const credential of spec.credentials(sim, overrides))
			await harness.credentials.add(credential);
		harness.credentials.keepAsSaved();
		return sim;
	};
	restart();
	let runs = 0;
	const bed: NodeTestbed<Sim, SimOptions> = {
		sim: await startSimulator(simOptions),
		clock: manual.clock,
		sleeps: manual.sleeps,
		harness,
		save(id, nodes, settings) {
			harness.saveWorkflow(linearWorkflow(id, nodes, { settings }));
		},
		async run(id, options) {
			return await harness.execute(id, options);
		},
		async runNodes(nodes, options = {}) {
			const { count, items, id = `wf-${++runs}`, settings, ...execute } = options;
			const chain =
				count === undefined
					? nodes
					: [{ name: 'Items', type: 'testItems', parameters: { count } }, ...nodes];
			bed.save(id, chain, settings);
			const inputItems = items?.map((json) => ({ json })) ?? execute.inputItems;
			return await harness.execute(id, { ...execute, ...(inputItems && { inputItems }) });
		},
		restart,
		reset() {
			restart();
			// n8n persists tokens in the credential row: each test starts from the saved credentials.
			harness.credentials.restoreSaved();
			bed.sleeps.length = 0;
			bed.sim.resetStats();
		},
		async startOver(options, credentialOverrides) {
			await bed.sim.close();
			restart();
			harness.reset();
			manual = useManualClock();
			bed.clock = manual.clock;
			bed.sleeps = manual.sleeps;
			bed.sim = await startSimulator(
				{ ...simOptions, ...options } as SimOptions,
				credentialOverrides,
			);
		},
		async close() {
			await harness.close();
			await bed.sim.close();
			setClock();
			restart();
		},
	};
	return bed;
}

/**
 * Registers the usual hooks of one test file: the test bed starts before all tests, is reset before
 * each and closed after all. The returned object stands for the test bed once it has started.
 */
export function useNodeTestbed<Sim extends Simulator, SimOptions>(
	spec: TestbedSpec<Sim, SimOptions>,
	simOptions?: SimOptions,
): NodeTestbed<Sim, SimOptions> {
	let bed: NodeTestbed<Sim, SimOptions> | undefined;
	const current = (): NodeTestbed<Sim, SimOptions> => {
		if (!bed) throw new Error('The test bed is used before beforeAll started it');
		return bed;
	};
	beforeAll(async () => {
		bed = await startNodeTestbed(spec, simOptions);
	});
	afterAll(async () => await current().close());
	beforeEach(() => current().reset());
	return new Proxy({} as NodeTestbed<Sim, SimOptions>, {
		get: (_target, key) => Reflect.get(current(), key) as unknown,
	});
}

export const jsonOf = (items: INodeExecutionData[] | undefined): IDataObject[] =>
	(items ?? []).map((item) => item.json);
export const pairingOf = (items: INodeExecutionData[] | undefined): unknown[] =>
	(items ?? []).map((item) => item.pairedItem);
