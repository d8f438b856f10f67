import type { INodeParameters } from 'n8n-workflow';

import { KaisaTrigger } from '../../../../nodes/Kaisa/KaisaTrigger.node';
import { forgetRememberedCalls } from '../../../../nodes/Kaisa/trigger/duplicates';
import { linearWorkflow, type NodeSpec } from '../../../harness/linear-workflow';
import type { WorkflowDefinition } from '../../../harness/n8n';
import { useNodeTestbed, type TestbedSpec } from '../../../harness/node-testbed';
import {
	deliverWebhook,
	startWebhookServer,
	type WebhookOutcome,
	type WebhookRequestInput,
	type WebhookServer,
} from '../../../harness/webhook-request';
import type { KaisaSimulator, KaisaSimulatorOptions } from '../../../simulators';
import { CREDENTIAL, KAISA_TESTBED } from '../testbed';

export const TRIGGER_TYPE = 'n8n-nodes-client-credentials.kaisaTrigger';
export const TRIGGER_NAME = 'Kaisa Trigger';
/** The URL Secret the test workflows use. */
export const SECRET = 'kaisa-url-Secret-4c1d9e2f7a';

export const KAISA_TRIGGER_TESTBED: TestbedSpec<KaisaSimulator, KaisaSimulatorOptions> = {
	...KAISA_TESTBED,
	nodeTypes: { ...KAISA_TESTBED.nodeTypes, [TRIGGER_TYPE]: new KaisaTrigger() },
	// The trigger's in-process memory of calls is forgotten on a restart, like tokens.
	forget: forgetRememberedCalls,
};

export const readBack = (field = 'data'): NodeSpec => ({
	name: 'Bytes',
	type: 'testBinaryBytes',
	parameters: { field },
});

let saved = 0;

/** The shared node test bed with the Kaisa Trigger, and helpers to save a workflow and post to it. */
export function useKaisaTriggerTestbed() {
	const bed = useNodeTestbed(KAISA_TRIGGER_TESTBED);
	const servers: WebhookServer[] = [];
	afterEach(async () => {
		for (const server of servers.splice(0)) await server.close();
	});
	return {
		bed,
		/** Saves Kaisa Trigger(parameters, URL Secret set) → after… as a new workflow. */
		save(parameters: INodeParameters = {}, after: NodeSpec[] = []): WorkflowDefinition {
			const workflow = linearWorkflow(`kaisa-trigger-${++saved}`, [
				{
					name: TRIGGER_NAME,
					type: TRIGGER_TYPE,
					parameters: { urlSecret: SECRET, ...parameters },
					credentials: { kaisaApi: CREDENTIAL },
				},
				...after,
			]);
			bed.harness.saveWorkflow(workflow);
			return workflow;
		},
		async deliver(
			workflow: WorkflowDefinition,
			input: WebhookRequestInput,
		): Promise<WebhookOutcome> {
			return await deliverWebhook(bed.harness, workflow, input);
		},
		/** The workflow's trigger behind a loopback URL that the simulator's sender posts to. */
		async serve(workflow: WorkflowDefinition): Promise<WebhookServer> {
			const server = await startWebhookServer(bed.harness, workflow);
			servers.push(server);
			return server;
		},
	};
}

export const withSecret = (url: string, secret = SECRET): string =>
	`${url}?secret=${encodeURIComponent(secret)}`;
