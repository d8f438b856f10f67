/**
 * Runs a trigger node's webhook and poll functions with n8n-core's own contexts (HookContext,
 * WebhookContext, PollContext), the way the CLI does around a saved workflow:
 * - `activate` / `deactivate`: the node's webhookMethods (checkExists → create, delete), with the
 *   production webhook URL on a loopback server, static data saved afterwards as activation does;
 * - a request to that URL runs `webhook()` (raw body kept as `rawBody`), answers as n8n does, and
 *   starts a production execution from the trigger with the items it returned;
 * - `poll()`: one poll tick; `__emit` starts an execution and resolves the done promise with its run.
 */
import { ExecutionLifecycleHooks, HookContext, PollContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IWebhookData,
	IWebhookDescription,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { HarnessCredentialTypes } from './credential-types';
import { startLocalServer, type LocalResponse, type LocalServer } from './local-server';
import type { ExecutionResult, Harness, WorkflowDefinition } from './n8n';
import { HarnessNodeTypes } from './node-types';

export interface DeliveryAnswer {
	status: number;
	body: unknown;
}

export interface TriggerRunner {
	/** The production webhook base URL (`<loopback>/webhook`). */
	webhookBaseUrl: string;
	/** Every execution a delivery or poll started, in order of start. */
	executions: ExecutionResult[];
	/** Every answer the webhook gave, in order. */
	answers: DeliveryAnswer[];
	/** Saves the workflow in the harness (like the editor) and keeps its nodes for the hooks. */
	save(workflow: WorkflowDefinition): void;
	/** `test`: as the editor's "Listen for test event" does, on the test webhook URL. */
	activate(workflowId: string, options?: { test?: boolean }): Promise<void>;
	deactivate(workflowId: string, options?: { test?: boolean }): Promise<void>;
	/** One poll tick of the workflow's poll node: what poll() returned and the runs it started. */
	poll(workflowId: string, mode?: WorkflowExecuteMode): Promise<INodeExecutionData[][] | null>;
	/** Waits until every started execution and background task (done promises) has finished. */
	settle(): Promise<void>;
	close(): Promise<void>;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

interface ActiveWebhook {
	workflowId: string;
	nodeName: string;
	description: IWebhookDescription;
	test: boolean;
}

export async function startTriggerRunner(options: {
	harness: Harness;
	nodeTypes: Record<string, INodeType>;
	credentialTypes: Record<string, ICredentialType>;
}): Promise<TriggerRunner> {
	const definitions = new Map<string, WorkflowDefinition>();
	/** The in-memory static data of a test registration (the CLI keeps that workflow object). */
	const testStaticData = new Map<string, IDataObject>();
	const credentialTypes = new HarnessCredentialTypes(options.credentialTypes);
	const nodeTypes = new HarnessNodeTypes(options.nodeTypes, credentialTypes.names());
	const active = new Map<string, ActiveWebhook>();
	const executions: ExecutionResult[] = [];
	const answers: DeliveryAnswer[] = [];
	const pending = new Set<Promise<unknown>>();
	let executionCounter = 0;
	const track = <T>(promise: Promise<T>): Promise<T> => {
		pending.add(promise);
		void promise.finally(() => pending.delete(promise)).catch(() => undefined);
		return promise;
	};

	let server: LocalServer | undefined;
	const baseUrl = () => {
		if (!server) throw new UnexpectedError('The trigger runner has no server');
		return server.url;
	};

	const workflowOf = (workflowId: string, test = false): Workflow => {
		const saved = definitions.get(workflowId);
		if (!saved) throw new UnexpectedError(`No saved workflow "${workflowId}"`);
		return new Workflow({
			id: saved.id,
			name: saved.name,
			nodes: copy(saved.nodes),
			connections: copy(saved.connections),
			active: true,
			nodeTypes,
			staticData:
				(test && testStaticData.get(workflowId)) || options.harness.staticData(workflowId),
			settings: { executionOrder: 'v1' },
		});
	};

	const additionalData = (workflowId: string, mode: WorkflowExecuteMode) => {
		const data = buildAdditionalData({
			credentialsHelper: options.harness.credentials,
			hooks: new ExecutionLifecycleHooks(mode, `trigger-${++executionCounter}`, {
				id: workflowId,
			} as never),
			executionId: `trigger-${executionCounter}`,
			workflowId,
			workflowSettings: { executionOrder: 'v1' },
		});
		const base = `${baseUrl()}`;
		return Object.assign(data, {
			webhookBaseUrl: `${base}/webhook`,
			webhookTestBaseUrl: `${base}/webhook-test`,
		});
	};

	/** Static data changed by a hook, webhook or poll function, saved as n8n does after it. */
	const persist = (workflowId: string, workflow: Workflow) => {
		options.harness.setStaticData(workflowId, copy(workflow.staticData));
	};

	const triggerNodes = (workflow: Workflow) =>
		Object.values(workflow.nodes).filter((node) => {
			const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			return !node.disabled && (type.description.webhooks?.length || type.poll);
		});

	const webhookData = (
		workflow: Workflow,
		node: INode,
		description: IWebhookDescription,
		isTest = false,
	) =>
		({
			isTest,
			httpMethod: description.httpMethod,
			node: node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData(workflow.id, 'webhook'),
			webhookId: node.webhookId,
		}) as unknown as IWebhookData;

	const runFrom = (
		workflowId: string,
		nodeName: string,
		items: INodeExecutionData[],
		mode: WorkflowExecuteMode,
	) =>
		track(
			options.harness
				.execute(workflowId, { mode, startNode: nodeName, inputItems: items })
				.then((result) => {
					executions.push(result);
					return result;
				}),
		);

	async function handle(
		method: string,
		path: string,
		headers: IDataObject,
		body: string,
	): Promise<LocalResponse> {
		const route = path.split('?')[0].replace(/^\/webhook(-test)?\//, '$1:');
		const hook = active.get(`${method} ${route}`);
		if (!hook) return { status: 404, body: { message: 'The requested webhook is not registered' } };
		const workflow = workflowOf(hook.workflowId, hook.test);
		const node = workflow.getNode(hook.nodeName) as INode;
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		let parsed: unknown = {};
		try {
			parsed = body ? JSON.parse(body) : {};
		} catch {
			parsed = {};
		}
		let answer: ((value: LocalResponse) => void) | undefined;
		const answered = new Promise<LocalResponse>((resolve) => (answer = resolve));
		const response = {
			statusCode: 200,
			status(code: number) {
				response.statusCode = code;
				return response;
			},
			json(value: unknown) {
				answer?.({ status: response.statusCode, body: value });
				return response;
			},
			send(value: unknown) {
				return response.json(value);
			},
			end(value?: unknown) {
				return response.json(value ?? '');
			},
			setHeader() {
				return response;
			},
			headersSent: false,
		};
		const request = {
			method,
			url: path,
			headers,
			body: parsed,
			rawBody: Buffer.from(body, 'utf8'),
			query: {},
			params: {},
		};
		const data = additionalData(workflow.id, 'webhook');
		Object.assign(data, { httpRequest: request, httpResponse: response });
		const context = new WebhookContext(
			workflow,
			node,
			data,
			'webhook',
			webhookData(workflow, node, hook.description, hook.test),
			[],
			null,
		);
		const work = track(
			(async () => {
				const result = await (nodeType.webhook as NonNullable<INodeType['webhook']>).call(context);
				if (!hook.test) persist(hook.workflowId, workflow);
				if (!result.noWebhookResponse) {
					answer?.({
						status: 200,
						body: result.webhookResponse ?? { message: 'Workflow was started' },
					});
				}
				if (result.workflowData) {
					await runFrom(hook.workflowId, hook.nodeName, result.workflowData[0], 'webhook');
				}
			})(),
		);
		work.catch((error: Error) => answer?.({ status: 500, body: { message: error.message } }));
		const sent = await answered;
		answers.push({ status: sent.status ?? 200, body: sent.body });
		return sent;
	}

	server = await startLocalServer(
		async (request) =>
			await handle(request.method, request.path, request.headers as IDataObject, request.body),
	);

	async function runHooks(workflowId: string, activating: boolean, test = false): Promise<void> {
		const workflow = workflowOf(workflowId, test);
		for (const node of triggerNodes(workflow)) {
			const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			for (const description of nodeType.description.webhooks ?? []) {
				const name = description.name as 'default';
				const methods = nodeType.webhookMethods?.[name];
				const data = webhookData(workflow, node, description, test);
				const context = new HookContext(
					workflow,
					node,
					additionalData(workflowId, test ? 'manual' : 'trigger'),
					test ? 'manual' : 'trigger',
					activating ? 'activate' : 'manual',
					data,
				);
				const key = `${description.httpMethod as string} ${test ? '-test' : ''}:${node.webhookId}/${String(description.path)}`;
				if (activating) {
					active.set(key, { workflowId, nodeName: node.name, description, test });
					try {
						if (methods && !(await methods.checkExists.call(context))) {
							await methods.create.call(context);
						}
					} catch (error) {
						active.delete(key);
						throw error;
					}
				} else {
					active.delete(key);
					if (methods) await methods.delete.call(context);
				}
			}
		}
		// The CLI saves static data after activation, never for a test (manual) registration.
		if (!test) persist(workflowId, workflow);
		else testStaticData.set(workflowId, copy(workflow.staticData));
	}

	return {
		webhookBaseUrl: `${server.url}/webhook`,
		executions,
		answers,
		save(workflow) {
			definitions.set(workflow.id, copy(workflow));
			options.harness.saveWorkflow(workflow);
		},
		activate: async (workflowId, hookOptions) =>
			await runHooks(workflowId, true, hookOptions?.test),
		deactivate: async (workflowId, hookOptions) =>
			await runHooks(workflowId, false, hookOptions?.test),
		async poll(workflowId, mode = 'trigger') {
			const workflow = workflowOf(workflowId);
			const node = triggerNodes(workflow).find(
				(candidate) => nodeTypes.getByNameAndVersion(candidate.type, candidate.typeVersion).poll,
			);
			if (!node) throw new UnexpectedError(`Workflow "${workflowId}" has no poll node`);
			const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const emit = (
				data: INodeExecutionData[][],
				_response?: unknown,
				done?: { resolve(run: IRun | undefined): void; reject(error: Error): void },
			) => {
				persist(workflowId, workflow);
				const run = runFrom(workflowId, node.name, data[0], 'trigger');
				run.then(
					(result) => done?.resolve(result.run),
					(error: Error) => done?.reject(error),
				);
			};
			const context = new PollContext(
				workflow,
				node,
				additionalData(workflowId, mode),
				mode,
				mode === 'manual' ? 'manual' : 'activate',
				emit as never,
				(error: Error) => {
					throw error;
				},
			);
			const result = await (nodeType.poll as NonNullable<INodeType['poll']>).call(context);
			persist(workflowId, workflow);
			if (result && mode !== 'manual') await runFrom(workflowId, node.name, result[0], 'trigger');
			return result;
		},
		async settle() {
			for (let round = 0; round < 50 && pending.size > 0; round++) {
				await Promise.allSettled([...pending]);
			}
		},
		async close() {
			await Promise.allSettled([...pending]);
			await server?.close();
		},
	};
}
