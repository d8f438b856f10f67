/**
 * A webhook request to a trigger node, handled the way n8n's production webhook server does it
 * (n8n 1.123 `LiveWebhooks` / `WebhookHelpers.executeWebhook`): the workflow is loaded with its
 * persisted static data, the node's `webhook()` runs in n8n-core's own WebhookContext, the node's
 * answer is what the caller gets, static data the node changed is saved once the request is
 * answered, and returned items start a run of the workflow at the trigger.
 */
import { parse as parseQuery } from 'node:querystring';
import { ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import type { ExecutionResult, Harness, WorkflowDefinition } from './n8n';
import { startLocalServer, type LocalServer } from './local-server';

export interface WebhookRequestInput {
	/** The body as n8n's body parser hands it to the node (form fields as strings, JSON as parsed). */
	body?: unknown;
	query?: IDataObject;
	headers?: Record<string, string>;
	/** The trigger node's name; defaults to the workflow's first node. */
	node?: string;
	/** A test webhook (the editor's "Listen for test event"): static data is not saved. */
	test?: boolean;
	/** Called the moment the node answers (before `webhook()` has returned, if it answers early). */
	onAnswer?: (status: number) => void;
}

export interface WebhookOutcome {
	status: number;
	body: unknown;
	/** The run the request started, if any. */
	execution?: ExecutionResult;
	/** The error `webhook()` threw (n8n answers 500 then). */
	error?: Error;
}

type HttpRequest = NonNullable<IWorkflowExecuteAdditionalData['httpRequest']>;
type HttpResponse = NonNullable<IWorkflowExecuteAdditionalData['httpResponse']>;

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The part of express's Response our nodes use, recording what was sent. */
class ResponseRecorder {
	constructor(private readonly onAnswer?: (status: number) => void) {}

	statusCode = 200;
	headersSent = false;
	body: unknown = undefined;
	readonly headers: Record<string, string> = {};

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	json(body: unknown): this {
		return this.send(body);
	}

	send(body?: unknown): this {
		if (this.headersSent) throw new UnexpectedError('The response was already sent');
		this.body = body;
		this.headersSent = true;
		this.onAnswer?.(this.statusCode);
		return this;
	}

	end(body?: unknown): this {
		return this.send(body);
	}
}

let webhookCounter = 0;

/** One request to the trigger of a saved workflow (`workflow` is the definition the test saved). */
export async function deliverWebhook(
	harness: Harness,
	workflow: WorkflowDefinition,
	input: WebhookRequestInput,
): Promise<WebhookOutcome> {
	const nodeTypes = harness.nodeTypes;
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...workflow.settings };
	const loaded = new Workflow({
		id: workflow.id,
		name: workflow.name,
		nodes: copy(workflow.nodes),
		connections: copy(workflow.connections),
		active: true,
		nodeTypes,
		staticData: harness.staticData(workflow.id),
		settings,
	});
	const trigger: INode | null = loaded.getNode(input.node ?? workflow.nodes[0].name);
	if (!trigger) throw new UnexpectedError(`No node "${input.node}" in workflow ${workflow.id}`);
	const nodeType = nodeTypes.getByNameAndVersion(trigger.type, trigger.typeVersion) as INodeType;
	const description = nodeType.description.webhooks?.[0];
	if (!nodeType.webhook || !description)
		throw new UnexpectedError(`Node "${trigger.name}" has no webhook`);

	const request = {
		method: 'POST',
		body: input.body ?? {},
		query: input.query ?? {},
		headers: input.headers ?? {},
		params: {},
	} as unknown as HttpRequest;
	const response = new ResponseRecorder(input.onAnswer);
	const executionId = `webhook-${++webhookCounter}`;
	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name,
		active: true,
		activeVersionId: null,
		isArchived: false,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const additionalData = {
		...buildAdditionalData({
			credentialsHelper: harness.credentials,
			hooks: new ExecutionLifecycleHooks('webhook', executionId, workflowData),
			executionId,
			workflowId: workflow.id,
			workflowSettings: settings,
		}),
		httpRequest: request,
		httpResponse: response as unknown as HttpResponse,
	};
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: trigger.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		isTest: input.test === true,
	};
	const context = new WebhookContext(
		loaded,
		trigger,
		additionalData,
		input.test ? 'manual' : 'webhook',
		webhookData,
		[],
		null,
	);

	let result: IWebhookResponseData;
	try {
		result = await nodeType.webhook.call(context);
	} catch (error) {
		return { status: 500, body: { message: (error as Error).message }, error: error as Error };
	}
	// n8n saves static data the webhook changed once the request is answered (production only).
	const staticData = loaded.staticData as IDataObject & { __dataChanged?: boolean };
	if (!input.test && staticData.__dataChanged === true)
		harness.setStaticData(workflow.id, copy(staticData));

	if (!result.noWebhookResponse && !response.headersSent) {
		response.send(
			result.workflowData
				? { message: 'Workflow was started' }
				: (result.webhookResponse ?? { message: 'Webhook call received' }),
		);
	}
	const outcome: WebhookOutcome = { status: response.statusCode, body: response.body };
	if (result.workflowData) {
		outcome.execution = await harness.execute(workflow.id, {
			mode: input.test ? 'manual' : 'webhook',
			startNode: trigger.name,
			inputItems: result.workflowData[0],
		});
	}
	return outcome;
}

export interface WebhookServer {
	/** e.g. http://127.0.0.1:54321/webhook (add the query the trigger expects). */
	url: string;
	/** The workflow requests go to; replace it to serve an edited, saved version. */
	workflow: WorkflowDefinition;
	/** Every request's outcome, in arrival order. */
	outcomes: WebhookOutcome[];
	/** The runs started, in order. */
	executions(): ExecutionResult[];
	server: LocalServer;
	close(): Promise<void>;
}

/**
 * The saved workflow's trigger behind a loopback HTTP server, for senders that post to a URL (the
 * simulators' webhook senders): bodies parsed as n8n does (JSON, or form fields with `querystring`).
 */
export async function startWebhookServer(
	harness: Harness,
	workflow: WorkflowDefinition,
	options: { node?: string } = {},
): Promise<WebhookServer> {
	const outcomes: WebhookOutcome[] = [];
	let served = workflow;
	const server = await startLocalServer(async (request) => {
		const url = new URL(request.path, 'http://127.0.0.1');
		const type = String(request.headers['content-type'] ?? '')
			.split(';')[0]
			.trim();
		let body: unknown = {};
		if (type === 'application/json') body = request.body ? JSON.parse(request.body) : {};
		else if (type === 'application/x-www-form-urlencoded') body = parseQuery(request.body);
		const outcome = await deliverWebhook(harness, served, {
			body,
			query: Object.fromEntries(url.searchParams),
			headers: request.headers as Record<string, string>,
			node: options.node,
		});
		outcomes.push(outcome);
		return { status: outcome.status, body: outcome.body ?? '' };
	});
	return {
		url: `${server.url}/webhook`,
		get workflow() {
			return served;
		},
		set workflow(next: WorkflowDefinition) {
			served = next;
		},
		outcomes,
		executions: () => outcomes.flatMap((outcome) => (outcome.execution ? [outcome.execution] : [])),
		server,
		close: async () => await server.close(),
	};
}
