import type { INodeParameters, IWorkflowSettings } from 'n8n-workflow';

import { KaisaApi } from '../../../credentials/KaisaApi.credentials';
import { Kaisa } from '../../../nodes/Kaisa/Kaisa.node';
import type { NodeSpec } from '../../harness/linear-workflow';
import type { ExecutionResult } from '../../harness/n8n';
import { useNodeTestbed, type NodeTestbed, type TestbedSpec } from '../../harness/node-testbed';
import { DEFAULT_CLIENT, KaisaSimulator, type KaisaSimulatorOptions } from '../../simulators';
import { BinaryBytes } from './binary-bytes.node';

export { jsonOf, pairingOf } from '../../harness/node-testbed';

export const KAISA_NODE_TYPE = 'n8n-nodes-client-credentials.kaisa';
export const CREDENTIAL = { id: 'kaisa-1', name: 'Kaisa account' };

export const KAISA_TESTBED: TestbedSpec<KaisaSimulator, KaisaSimulatorOptions> = {
	nodeTypes: { [KAISA_NODE_TYPE]: new Kaisa(), testBinaryBytes: new BinaryBytes() },
	credentialTypes: { kaisaApi: new KaisaApi() },
	simulator: (clock, options) => new KaisaSimulator({ clock, ...options }),
	credentials: (sim) => [
		{
			...CREDENTIAL,
			type: 'kaisaApi',
			data: {
				clientId: DEFAULT_CLIENT.clientId,
				clientSecret: DEFAULT_CLIENT.clientSecret,
				tokenUrl: `${sim.url}/oauth2/token`,
				bodyFormat: 'form',
				baseUrl: `${sim.url}/${sim.version}`,
			},
		},
	],
};

export interface RunOptions {
	/** Items the start node emits (`{ index }` each). */
	count?: number;
	/** n8n's per-node error setting: 'continueRegularOutput' is Continue On Fail. */
	onError?: NodeSpec['onError'];
	settings?: IWorkflowSettings;
	/** Nodes after the Kaisa node. */
	after?: NodeSpec[];
}

export type KaisaTestbed = Omit<NodeTestbed<KaisaSimulator, KaisaSimulatorOptions>, 'run'> & {
	/** Runs Items → Kaisa(parameters) [→ after...] as a production (trigger) execution. */
	run(parameters: INodeParameters, options?: RunOptions): Promise<ExecutionResult>;
};

export function kaisaNode(parameters: INodeParameters, onError?: NodeSpec['onError']): NodeSpec {
	return {
		name: 'Kaisa',
		type: KAISA_NODE_TYPE,
		parameters,
		credentials: { kaisaApi: CREDENTIAL },
		...(onError && { onError }),
	};
}

/** The shared node test bed with the Kaisa node, credential and simulator, for one test file. */
export function useKaisaTestbed(options?: KaisaSimulatorOptions): KaisaTestbed {
	const bed = useNodeTestbed(KAISA_TESTBED, options);
	return new Proxy(bed as unknown as KaisaTestbed, {
		get: (_target, key) =>
			key === 'run'
				? async (parameters: INodeParameters, run: RunOptions = {}) =>
						await bed.runNodes([kaisaNode(parameters, run.onError), ...(run.after ?? [])], {
							count: run.count ?? 1,
							settings: run.settings,
						})
				: (Reflect.get(bed, key) as unknown),
	});
}
