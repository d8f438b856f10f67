import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { redact, TokenError } from './token/token-error';

/** An API answer that was not a success, with nothing of the request (headers, token) attached. */
export class ApiResponseError extends Error {
	constructor(
		readonly statusCode: number,
		readonly body: unknown,
		readonly headers: Record<string, string>,
		readonly providerText: string | undefined,
	) {
		super(`HTTP ${statusCode}${providerText ? `: ${providerText}` : ''}`);
		this.name = 'ApiResponseError';
	}
}

const STATUS_ADVICE: Record<number, string> = {
	400: 'The provider rejected the request; check the fields of this node',
	401: 'The provider rejected the access token even after a refresh; check that the client is granted the API and scope',
	403: 'The client is not allowed to do this; check its permissions or scope at the provider',
	404: 'Not found; check the ID or path',
	409: 'The record changed meanwhile; read it again and retry',
	410: 'This endpoint is obsolete at the provider',
	429: 'The provider is limiting requests; wait and retry, or lower the pace of the workflow',
};

/** NodeApiError from an API failure: the provider's words, a hint of what to do, no secrets. */
export function apiError(
	node: INode,
	error: ApiResponseError,
	secrets: Array<string | undefined>,
	itemIndex?: number,
	advice?: string,
): NodeApiError {
	const status = error.statusCode;
	const hint =
		advice ??
		STATUS_ADVICE[status] ??
		(status >= 500 ? 'The provider failed; try again later' : 'The request failed');
	const said = error.providerText ? redact(error.providerText, secrets) : undefined;
	return new NodeApiError(node, { statusCode: status } as JsonObject, {
		message: `${hint} (HTTP ${status})`,
		description: said,
		httpCode: String(status),
		itemIndex,
	});
}

/** NodeOperationError (bad credential field) or NodeApiError (provider refused) from a TokenError. */
export function tokenError(
	node: INode,
	error: TokenError,
	itemIndex?: number,
): NodeOperationError | NodeApiError {
	if (error.kind === 'configuration') {
		return new NodeOperationError(node, error.title, { description: error.advice, itemIndex });
	}
	return new NodeApiError(node, { kind: error.kind } as JsonObject, {
		message: error.title,
		description: error.advice,
		httpCode: error.providerStatus ? String(error.providerStatus) : undefined,
		itemIndex,
	});
}

/** A network failure of an API call, as NodeApiError without the request's headers. */
export function networkError(
	node: INode,
	error: unknown,
	url: string,
	itemIndex?: number,
): NodeApiError {
	const code = (error as { code?: unknown })?.code;
	return new NodeApiError(node, { kind: 'network' } as JsonObject, {
		message: `Could not reach ${hostOf(url)}${typeof code === 'string' ? ` (${code})` : ''}`,
		description: 'Check the Base URL in the credential and that n8n can reach it.',
		itemIndex,
	});
}

/**
 * A request that failed before or outside the connection (no connection error code): what
 * happened, without the Base URL advice a connection failure gets.
 */
export function requestError(
	node: INode,
	error: unknown,
	url: string,
	itemIndex?: number,
): NodeApiError {
	const said = error instanceof Error && error.message ? error.message : 'no reason given';
	return new NodeApiError(node, { kind: 'request' } as JsonObject, {
		message: `The request to ${hostOf(url)} was not sent or did not complete`,
		description: `n8n reported: ${said}`,
		itemIndex,
	});
}

/**
 * The credential still held no usable token after n8n ran its refresh (preAuthentication) and
 * authenticated again: nothing was sent.
 */
export function noUsableTokenError(
	node: INode,
	provider: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(node, { kind: 'token' } as JsonObject, {
		message: `No usable ${provider} access token after a refresh`,
		description: `n8n refreshed the credential, but it still holds no valid ${provider} token, so no request was sent. Run the workflow again; if this repeats, test the credential.`,
		itemIndex,
	});
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
