import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { FenergoApi } from '../../../credentials/FenergoApi.credentials';
import { Fenergo } from '../../../nodes/Fenergo/Fenergo.node';
import { resetTokenCache } from '../../../nodes/shared/token/cache';
import { setClock } from '../../../nodes/shared/token/clock';
import { useManualClock } from '../../shared/token/support/clock';
import { linearWorkflow, type NodeSpec } from '../../harness/linear-workflow';
import { createHarness, type ExecutionResult, type Harness } from '../../harness/n8n';
import { FENERGO_TENANTS, FenergoSimulator, type FenergoSimulatorOptions, type ManualClock } from '../../simulators';

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

/**
 * A harness with the Fenergo node and credential, a simulator per test on a hand-moved clock that
 * the token engine shares (sleeps advance it and are recorded in `sleeps`).
 */
export class FenergoRig {
	harness!: Harness;
	sim!: FenergoSimulator;
	clock!: ManualClock;
	sleeps: number[] = [];

	async boot(): Promise<void> {
		this.harness = await createHarness({
			nodeTypes: { [NODE_TYPE]: new Fenergo() },
			credentialTypes: { fenergoApi: new FenergoApi() },
		});
	}

	async start(options: FenergoSimulatorOptions = {}, credentialOverrides: IDataObject = {}): Promise<void> {
		await this.sim?.close();
		const manual = useManualClock();
		this.clock = manual.clock;
		this.sleeps = manual.sleeps;
		resetTokenCache();
		this.harness.reset();
		this.sim = new FenergoSimulator({ clock: this.clock, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
		await this.sim.start();
		await this.harness.credentials.add({
			...CREDENTIAL,
			type: 'fenergoApi',
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				region: 'custom',
				tokenUrl: `${this.sim.url}/connect/token`,
				baseUrl: this.sim.url,
				tenantId: TENANT,
				scope: 'fenx.all',
				...credentialOverrides,
			},
		});
	}

	async stop(): Promise<void> {
		await this.sim?.close();
		setClock();
	}

	async close(): Promise<void> {
		await this.harness?.close();
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
		this.harness.saveWorkflow(linearWorkflow('wf-fenergo', [this.node(parameters, 'Fenergo', options.continueOnFail)]));
		return await this.harness.execute('wf-fenergo', { inputItems: (options.items ?? [{}]).map((json) => ({ json })) });
	}

	/** Runs a chain of Fenergo nodes (each fed by the one before). */
	async chain(nodes: NodeSpec[], items: IDataObject[] = [{}]): Promise<ExecutionResult> {
		this.harness.saveWorkflow(linearWorkflow('wf-fenergo-chain', nodes));
		return await this.harness.execute('wf-fenergo-chain', { inputItems: items.map((json) => ({ json })) });
	}

	store(): ReturnType<FenergoSimulator['entityStore']> {
		return this.sim.entityStore(TENANT);
	}

	/** API requests the simulator logged (token calls left out), with the parsed body. */
	apiCalls(pathPart?: string): Array<{ method: string; path: string; body: IDataObject; headers: IDataObject }> {
		return this.sim.requests
			.filter((request) => request.path !== '/connect/token' && (pathPart === undefined || request.path.includes(pathPart)))
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
	afterEach(async () => await rig.stop());
	return rig;
}

export const jsonOf = (items: INodeExecutionData[] | undefined): IDataObject[] => (items ?? []).map((item) => item.json);
