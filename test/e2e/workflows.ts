import type { CredentialImport, WorkflowImport } from '../../scripts/lib/n8n';

/** n8n workflow JSON, built as the editor would save it. */

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	[key: string]: unknown;
}

export const TRIGGER_NAME = 'When clicking ‘Execute workflow’';

/** The node types `n8n execute` starts from. */
export const CLI_START_TYPES = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.start'];

let counter = 0;
function nodeId(): string {
	counter++;
	return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

export function manualTrigger(name = TRIGGER_NAME): WorkflowNode {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

export function scheduleTrigger(name = 'Every 15 minutes'): WorkflowNode {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.scheduleTrigger',
		typeVersion: 1.2,
		position: [0, 200],
		parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } },
	};
}

export function credentialRef(
	credential: CredentialImport,
): Record<string, { id: string; name: string }> {
	return { [credential.type]: { id: credential.id, name: credential.name } };
}

/** n8n's own HTTP Request node (v4.2) using one of our credential types ("Predefined credential type"). */
export function httpRequestNode(
	name: string,
	credential: CredentialImport,
	call: { method: 'GET' | 'POST'; url: string; body?: Record<string, string> },
): WorkflowNode {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: {
			...(call.method !== 'GET' && { method: call.method }),
			url: call.url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credential.type,
			...(call.body && {
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON.stringify(call.body),
			}),
			options: {},
		},
		credentials: credentialRef(credential),
		// One failing call must not hide the others: its error becomes its output item.
		onError: 'continueRegularOutput',
	};
}

/** Every node hangs off the trigger(s) directly, laid out in a column. */
export function fanOut(
	id: string,
	name: string,
	triggers: WorkflowNode[],
	nodes: WorkflowNode[],
): WorkflowImport {
	triggers.forEach((trigger, index) => (trigger.position = [0, index * 200]));
	nodes.forEach((node, index) => (node.position = [300, index * 160]));
	const connections: Record<string, unknown> = {};
	for (const trigger of triggers) {
		connections[trigger.name] = {
			main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))],
		};
	}
	return {
		id,
		name,
		active: false,
		nodes: [...triggers, ...nodes],
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/**
 * A copy `n8n execute` can start: a workflow without a Manual Trigger gets one, wired to whatever
 * its Schedule Trigger feeds (the scheduled run, started by hand).
 */
export function withManualStart(
	workflow: WorkflowImport,
): { workflow: WorkflowImport; added: boolean } | undefined {
	const nodes = workflow.nodes as WorkflowNode[];
	if (nodes.some((node) => CLI_START_TYPES.includes(node.type))) return { workflow, added: false };
	const schedule = nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
	if (!schedule) return undefined;
	const trigger = manualTrigger();
	trigger.position = [schedule.position[0], schedule.position[1] + 200];
	const copy = structuredClone(workflow);
	copy.nodes = [...(copy.nodes as WorkflowNode[]), trigger];
	copy.connections = {
		...workflow.connections,
		[trigger.name]: workflow.connections[schedule.name],
	};
	return { workflow: copy, added: true };
}
