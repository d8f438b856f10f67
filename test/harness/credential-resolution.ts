/**
 * The pure pieces of packages/cli/src/credentials-helper.ts (n8n 2.x) that turn stored
 * credential data into what a node sees, and that wrap the helpers handed to a credential
 * type's `preAuthentication`.
 */
import { getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IExecuteData,
	ICredentialsExpressionResolveValues,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	getCredentialOwnRequestAllowedDomains,
	isExpression,
	NodeHelpers,
	UserError,
	Workflow,
} from 'n8n-workflow';

/**
 * The CLI hands a credential's `preAuthentication` only `{ helpers: { httpRequest } }`,
 * applying the credential's own domain allowlist per request (n8n 2.x; 1.x passed the
 * node's whole helper bag).
 */
export function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions): Promise<unknown> => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) {
					return await helpers.helpers.httpRequest(requestOptions);
				}
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	} as IHttpRequestHelper;
}

/** The CLI resolves declarative `authenticate` values with the real expression engine. */
export function resolveValue(
	parameterValue: string,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(parameterValue)) return parameterValue;
	const returnValue = workflow.expression.getSimpleParameterValue(
		node,
		parameterValue,
		'internal',
		additionalKeys,
		undefined,
		'',
	);
	if (!returnValue) return '';
	return returnValue.toString();
}

const mockNode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
} as INode;

const mockNodeType: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const mockNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

/**
 * CLI `applyDefaultsAndOverwrites` minus overwrites, OAuth pinned fields, dynamic client
 * registration and JSON-leaf fields (none configured in tests): fill type defaults (so an
 * unset hidden expirable field reads `''`), keep the fields defaults would drop, then
 * resolve expressions, with item context when the caller gave it.
 */
export async function applyDefaults(
	properties: INodeProperties[],
	stored: ICredentialDataDecryptedObject,
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
	executeData?: IExecuteData,
	expressionResolveValues?: ICredentialsExpressionResolveValues,
): Promise<ICredentialDataDecryptedObject> {
	let data = NodeHelpers.getNodeParameters(
		properties,
		{ ...stored } as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;

	for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
		if (data[key] === undefined && stored[key] !== undefined) data[key] = stored[key];
	}

	const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

	if (expressionResolveValues) {
		try {
			data = expressionResolveValues.workflow.expression.getParameterValue(
				data as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		} catch (e) {
			e.message += ' [Error resolving credentials]';
			throw e;
		}
		return data;
	}

	const workflow = new Workflow({
		nodes: [{ ...mockNode }],
		connections: {},
		active: false,
		nodeTypes: mockNodeTypes,
	});
	await workflow.expression.acquireIsolate();
	try {
		return workflow.expression.getComplexParameterValue(
			mockNode,
			data as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
	} finally {
		await workflow.expression.releaseIsolate();
	}
}
