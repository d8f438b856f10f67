/**
 * The editor's "Test" button for a credential type with a `test` request, as n8n's CLI runs it
 * (packages/cli/src/services/credentials-tester.service.ts): a mock noOp node whose one property
 * routes the test request, run through n8n-core's RoutingNode with the credentials helper, and
 * the same reading of a failure (the status text of an HTTP error, else the error's code, else
 * its message).
 */
import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeType,
	INodeTypes,
	IWorkflowBase,
} from 'n8n-workflow';
import { createRunExecutionData, UnexpectedError, Workflow } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import type { HarnessCredentialsHelper } from './credentials-helper';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

interface ErrorWithCause {
	message: string;
	cause?: { response?: { status: number; statusText?: string }; code?: string };
}

export async function testCredential(
	credentials: HarnessCredentialsHelper,
	credentialType: ICredentialType,
	stored: { id: string; name: string; data: ICredentialDataDecryptedObject },
): Promise<CredentialTestResult> {
	const test = credentialType.test;
	if (!test) throw new UnexpectedError(`${credentialType.name} has no test request`);
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'The credential test mock node',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType.name]: { id: stored.id, name: stored.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const workflowData = {
		id: 'credential-test',
		name: 'credential test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const additionalData = buildAdditionalData({
		credentialsHelper: credentials,
		hooks: new ExecutionLifecycleHooks('internal', 'credential-test', workflowData),
		executionId: 'credential-test',
		workflowId: 'credential-test',
		workflowSettings: {},
	});
	const context = new ExecuteContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = {
		id: stored.id,
		name: stored.name,
		type: credentialType.name,
		data: stored.data,
	};
	try {
		await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (caught) {
		const error = caught as ErrorWithCause;
		const response = error.cause?.response;
		if (response) {
			if (response.status < 199 || response.status > 299)
				return {
					status: 'Error',
					message: response.statusText || `Received HTTP status code: ${response.status}`,
				};
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
