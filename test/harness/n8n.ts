/**
 * Runs real n8n workflows in-process (n8n-core's WorkflowExecute, n8n-workflow's Workflow)
 * against a credentials helper that mirrors the CLI's, with the CLI's static-data rule.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, UnexpectedError, Workflow } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { HarnessCredentialTypes } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import { summarizeRun } from './execution-result';
import type { ExecutionResult } from './execution-result';
import { bootN8nInstance } from './n8n-instance';
import { HarnessNodeTypes } from './node-types';

export type { ErrorSummary, ExecutionResult } from './execution-result';
export type { CredentialRecord } from './credentials-helper';

export interface WorkflowDefinition {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
}

export interface ExecuteOptions {
	/** Defaults to 'trigger' (a production run: static data is persisted). */
	mode?: WorkflowExecuteMode;
	/** Items fed to the start node; defaults to one empty item, as n8n does. */
	inputItems?: INodeExecutionData[];
	/** Name of the node to start from; defaults to the first node without a parent. */
	startNode?: string;
}

export interface Harness {
	credentials: HarnessCredentialsHelper;
	/** The node types the workflows run with (e.g. to call a trigger's webhook). */
	nodeTypes: HarnessNodeTypes;
	/**
	 * Stores (a deep copy of) the workflow, like saving it in the editor; replaces the same id
	 * but keeps its persisted static data unless the definition carries `staticData`.
	 */
	saveWorkflow(workflow: WorkflowDefinition): void;
	/** The persisted static data of a saved workflow (a copy). */
	staticData(workflowId: string): IDataObject;
	/** Overwrites the persisted static data (e.g. to seed or wipe a cursor). */
	setStaticData(workflowId: string, staticData: IDataObject): void;
	execute(workflowId: string, options?: ExecuteOptions): Promise<ExecutionResult>;
	/** Forgets workflows and credentials and zeroes the counters. */
	reset(): void;
	close(): Promise<void>;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** n8n starts production runs at the trigger; our start nodes are plain parentless nodes. */
function findStartNode(workflow: Workflow, nodes: INode[], name?: string): INode {
	const candidates = name
		? [workflow.getNode(name)]
		: nodes
				.map((node) => workflow.getNode(node.name))
				.filter(
					(node) => node && !node.disabled && workflow.getParentNodes(node.name).length === 0,
				);
	const startNode = candidates[0];
	if (!startNode) {
		throw new UnexpectedError(`Workflow "${workflow.id}" has no start node ${name ?? ''}`.trim());
	}
	return startNode;
}

export async function createHarness(options: {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
}): Promise<Harness> {
	const instance = await bootN8nInstance();
	const credentialTypes = new HarnessCredentialTypes(options.credentialTypes);
	const nodeTypes = new HarnessNodeTypes(options.nodeTypes, credentialTypes.names());
	const credentials = new HarnessCredentialsHelper(credentialTypes);
	const workflows = new Map<string, WorkflowDefinition>();
	let executionCounter = 0;
	let closed = false;

	const getSaved = (workflowId: string): WorkflowDefinition => {
		const saved = workflows.get(workflowId);
		if (!saved) throw new UnexpectedError(`No saved workflow with id "${workflowId}"`);
		return saved;
	};

	async function execute(
		workflowId: string,
		executeOptions: ExecuteOptions = {},
	): Promise<ExecutionResult> {
		if (closed) throw new UnexpectedError('The harness is closed');
		const mode = executeOptions.mode ?? 'trigger';
		// Like the CLI loading the workflow row: fresh objects every run (Workflow mutates nodes).
		const saved = copy(getSaved(workflowId));
		const settings: IWorkflowSettings = { executionOrder: 'v1', ...saved.settings };
		const workflow = new Workflow({
			id: saved.id,
			name: saved.name,
			nodes: saved.nodes,
			connections: saved.connections,
			active: mode !== 'manual',
			nodeTypes,
			staticData: saved.staticData,
			settings,
		});
		const startNode = findStartNode(workflow, saved.nodes, executeOptions.startNode);

		const executionId = String(++executionCounter);
		const workflowData: IWorkflowBase = {
			id: saved.id,
			name: saved.name,
			active: mode !== 'manual',
			activeVersionId: null,
			isArchived: false,
			nodes: saved.nodes,
			connections: saved.connections,
			settings,
			staticData: saved.staticData,
			createdAt: new Date(),
			updatedAt: new Date(),
		};
		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		let afterHookRan = false;
		hooks.addHandler('workflowExecuteAfter', (_fullRunData, newStaticData) => {
			afterHookRan = true;
			// The CLI's hookFunctionsSave: persist changed static data unless mode is 'manual'.
			if (mode !== 'manual' && newStaticData) {
				const stored = workflows.get(workflowId);
				if (stored) stored.staticData = copy(newStaticData);
			}
		});

		const additionalData = buildAdditionalData({
			credentialsHelper: credentials,
			hooks,
			executionId,
			workflowId: saved.id,
			workflowSettings: settings,
		});
		const runExecutionData: IRunExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node: startNode,
						data: { main: [copy(executeOptions.inputItems ?? [{ json: {} }])] },
						source: null,
					},
				],
			},
		});
		const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
		// Resolves after the workflowExecuteAfter hooks (WorkflowExecute awaits them).
		const run: IRun = await workflowExecute.processRunExecutionData(workflow);
		if (!afterHookRan) throw new UnexpectedError('workflowExecuteAfter hook did not run');
		return summarizeRun(run, copy(workflow.staticData));
	}

	return {
		credentials,
		nodeTypes,
		saveWorkflow(workflow) {
			// Like saving in the editor: static data the definition does not carry is kept.
			const staticData = workflow.staticData ?? workflows.get(workflow.id)?.staticData ?? {};
			workflows.set(workflow.id, copy({ ...workflow, staticData }));
		},
		staticData: (workflowId) => copy(getSaved(workflowId).staticData ?? {}),
		setStaticData(workflowId, staticData) {
			getSaved(workflowId).staticData = copy(staticData);
		},
		execute,
		reset() {
			workflows.clear();
			credentials.clear();
			executionCounter = 0;
		},
		async close() {
			if (closed) return;
			closed = true;
			workflows.clear();
			credentials.clear();
			instance.shutdown();
		},
	};
}
