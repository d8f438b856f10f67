import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FenergoApi } from '../../../credentials/FenergoApi.credentials';
import { Fenergo } from '../../../nodes/Fenergo/Fenergo.node';
import { setClock } from '../../../nodes/shared/token/clock';
import type { NodeSpec } from '../../harness/linear-workflow';
import type { ExecutionResult, Harness } from '../../harness/n8n';
import { startNodeTestbed, type NodeTestbed, type TestbedSpec } from '../../harness/node-testbed';
import {
	FENERGO_TENANTS,
	FenergoSimulator,
	type FenergoSimulatorOptions,
	type ManualClock,
} from '../../simulators';

export const NODE_TYPE = 'n8n-nodes-client-credentials.fenergo';
export const CLIENT_ID = 'fenergo-node-client';
export const CLIENT_SECRET = 'fenergo-Secret-91c2d7';
export const TENANT = FENERGO_TENANTS[1];
export const CREDENTIAL = { id: 'fenergo-cred', name: 'Fenergo test tenant' };

export interface RunOptions {
	/** Items fed to the node (it is the start node); one empty item by default. */
	items?: IDataObject[];
	continueOnFail?: boolean;
}

export const FENERGO_TESTBED: TestbedSpec<FenergoSimulator, FenergoSimulatorOptions> = {
	nodeTypes: { [NODE_TYPE]: new Fenergo() },
	credentialTypes: { fenergoApi: new FenergoApi() },
	simulator: (clock, options) =>
		new FenergoSimulator({ clock, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options }),
	credentials: (sim, overrides) => [
		{
			...CREDENTIAL,
			type: 'fenergoApi',
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				region: 'custom',
				tokenUrl: `${sim.url}/connect/token`,
				baseUrl: sim.url,
				tenantId: TENANT,
				scope: 'fenx.all',
				...overrides,
			},
		},
	],
};

/**
 * The shared node test bed with the Fenergo node and credential; every test starts over with a
 * simulator of its own on a hand-moved clock that the token engine shares.
 */
export class FenergoRig {
	private bed!: NodeTestbed<FenergoSimulator, FenergoSimulatorOptions>;

	get harness(): Harness {
		return this.bed.harness;
	}

	get sim(): FenergoSimulator {
		return this.bed.sim;
	}

	get clock(): ManualClock {
		return this.bed.clock;
	}

	/** Every engine sleep (ms), in order. */
	get sleeps(): number[] {
		return this.bed.sleeps;
	}

	async boot(): Promise<void> {
		this.bed = await startNodeTestbed(FENERGO_TESTBED);
	}

	async start(
		options: FenergoSimulatorOptions = {},
		credentialOverrides: IDataObject = {},
	): Promise<void> {
		await this.bed.startOver(options, credentialOverrides);
	}

	stop(): void {
		setClock();
	}

	async close(): Promise<void> {
		await this.bed?.close();
	}

	node(parameters: INodeParameters, name = 'Fenergo', continueOnFail = false): NodeSpec {
		return {
			name,
			type: NODE_TYPE,
			parameters,
			credentials: { fenergoApi: CREDENTIAL },
			...(continueOnFail && { onError: 'continueRegularOutput' as const }),
		};
	}

	/** Runs a workflow made of the Fenergo node alone, fed with `items`. */
	async run(parameters: INodeParameters, options: RunOptions = {}): Promise<ExecutionResult> {
		return await this.bed.runNodes([this.node(parameters, 'Fenergo', options.continueOnFail)], {
			id: 'wf-fenergo',
			items: options.items ?? [{}],
		});
	}

	/** Runs a chain of Fenergo nodes (each fed by the one before). */
	async chain(nodes: NodeSpec[], items: IDataObject[] = [{}]): Promise<ExecutionResult> {
		return await this.bed.runNodes(nodes, { id: 'wf-fenergo-chain', items });
	}

	store(): ReturnType<FenergoSimulator['entityStore']> {
		return this.sim.entityStore(TENANT);
	}

	/** API requests the simulator logged (token calls left out), with the parsed body. */
	apiCalls(
		pathPart?: string,
	): Array<{ method: string; path: string; body: IDataObject; headers: IDataObject }> {
		return this.sim.requests
			.filter(
				(request) =>
					request.path !== '/connect/token' &&
					(pathPart === undefined || request.path.includes(pathPart)),
			)
			.map((request) => ({
				method: request.method,
				path: request.path,
				body: request.body ? (JSON.parse(request.body) as IDataObject) : {},
				headers: request.headers as IDataObject,
			}));
	}
}

/** A rig with the usual hooks of one test file: booted before all tests, a fresh simulator for each. */
export function useFenergoRig(): FenergoRig {
	const rig = new FenergoRig();
	beforeAll(async () => await rig.boot());
	afterAll(async () => await rig.close());
	beforeEach(async () => await rig.start());
	afterEach(() => rig.stop());
	return rig;
}

export { jsonOf } from '../../harness/node-testbed';
