import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FenergoTrigger } from '../../../../nodes/Fenergo/FenergoTrigger.node';
import { resetDuplicateWindow } from '../../../../nodes/Fenergo/trigger/duplicates';
import { linearWorkflow } from '../../../harness/linear-workflow';
import {
	startNodeTestbed,
	type NodeTestbed,
	type TestbedSpec,
} from '../../../harness/node-testbed';
import { startTriggerRunner, type TriggerRunner } from '../../../harness/triggers';
import {
	FenergoSimulator,
	makeNotification,
	type FenergoSimulatorOptions,
	type SimNotification,
} from '../../../simulators';
import { CREDENTIAL, FENERGO_TESTBED, TENANT } from '../setup';

export const TRIGGER_TYPE = 'n8n-nodes-client-credentials.fenergoTrigger';
export const OUTCOME_TYPE = 'testOutcome';
export const WORKFLOW_ID = 'wf-fenergo-trigger';
export { TENANT };

/** After the trigger: passes items through, or fails the run while `outcome.fail` is set. */
export const outcome = { fail: false, seen: [] as IDataObject[] };

class Outcome implements INodeType {
	description = {
		displayName: 'Outcome',
		name: OUTCOME_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Passes items through or fails',
		defaults: { name: 'Outcome' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (outcome.fail) throw new NodeOperationError(this.getNode(), 'The downstream step failed');
		const items = this.getInputData();
		outcome.seen.push(...items.map((item) => item.json));
		return [items];
	}
}

export const TRIGGER_TESTBED: TestbedSpec<FenergoSimulator, FenergoSimulatorOptions> = {
	...FENERGO_TESTBED,
	nodeTypes: { [TRIGGER_TYPE]: new FenergoTrigger(), [OUTCOME_TYPE]: new Outcome() },
	forget: resetDuplicateWindow,
};

export interface TriggerRig {
	bed: NodeTestbed<FenergoSimulator, FenergoSimulatorOptions>;
	runner: TriggerRunner;
}

/** The trigger test bed: n8n-core, the Fenergo simulator and the trigger runner on loopback. */
export function useTriggerRig(): TriggerRig {
	const rig = {} as TriggerRig;
	beforeAll(async () => {
		rig.bed = await startNodeTestbed(TRIGGER_TESTBED);
		rig.runner = await startTriggerRunner({
			harness: rig.bed.harness,
			nodeTypes: TRIGGER_TESTBED.nodeTypes,
			credentialTypes: TRIGGER_TESTBED.credentialTypes,
		});
	});
	afterAll(async () => {
		await rig.runner.close();
		await rig.bed.close();
	});
	beforeEach(() => {
		outcome.fail = false;
		outcome.seen.length = 0;
		rig.runner.executions.length = 0;
		rig.runner.answers.length = 0;
	});
	return rig;
}

/** Saves Trigger → Outcome as the test workflow. */
export function saveTrigger(rig: TriggerRig, parameters: INodeParameters, id = WORKFLOW_ID): void {
	rig.runner.save(
		linearWorkflow(id, [
			{
				name: 'Fenergo Trigger',
				type: TRIGGER_TYPE,
				parameters,
				credentials: { fenergoApi: CREDENTIAL },
				webhookId: `hook-${id}`,
			},
			{ name: 'Outcome', type: OUTCOME_TYPE, parameters: {} },
		]),
	);
}

/** Notifications about the simulator's seed entities. */
export function notifications(rig: TriggerRig, eventTypes: string[]): SimNotification[] {
	const ids = [...rig.bed.sim.entityStore(TENANT).keys()];
	return eventTypes.map((eventType, index) =>
		makeNotification(TENANT, eventType, ids[index % ids.length], rig.bed.clock.now()),
	);
}

/** API calls to Fenergo (token calls left out). */
export function apiCalls(rig: TriggerRig, pathPart = ''): string[] {
	return rig.bed.sim.requests
		.filter((request) => request.path !== '/connect/token' && request.path.includes(pathPart))
		.map((request) => `${request.method} ${request.path}`);
}

/** Waits (real time, bounded) until a condition holds: background work after a run. */
export async function until(condition: () => boolean, what: string): Promise<void> {
	for (let round = 0; round < 200; round++) {
		if (condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`Timed out waiting for ${what}`);
}

/** Items the trigger emitted, per execution. */
export const emitted = (rig: TriggerRig): IDataObject[][] =>
	rig.runner.executions.map((run) =>
		(run.outputs['Fenergo Trigger'] ?? []).map((item) => item.json),
	);
