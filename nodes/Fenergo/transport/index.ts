import {
	NodeApiError,
	type IDataObject,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import { apiRequest, type TransportFunctions } from '../../shared/transport';
import {
	isFailure,
	isWarning,
	messagesText,
	readEnvelope,
	type FenergoMessage,
} from '../helpers/envelope';
import { fenergoError, type ErrorContext } from '../helpers/errors';

export const CREDENTIAL_TYPE = 'fenergoApi';

export interface FenergoCall {
	method: IHttpRequestMethods;
	path: string;
	/** The request's `data`; the node wraps it in Fenergo's `{"data": ...}` envelope. */
	data?: IDataObject;
	context?: ErrorContext;
}

export interface FenergoResult {
	data: unknown;
	warnings: FenergoMessage[];
}

/**
 * One Fenergo call through the shared transport (token, x-tenant-id, 401 retry, 429 wait), with
 * Fenergo's envelope unwrapped: Error messages fail the call, Warning messages are handed back.
 */
export async function fenergoRequest(
	this: TransportFunctions,
	call: FenergoCall,
	itemIndex: number,
): Promise<FenergoResult> {
	let body: unknown;
	try {
		body = await apiRequest.call(
			this,
			CREDENTIAL_TYPE,
			{
				method: call.method,
				url: call.path,
				...(call.data !== undefined && { body: { data: call.data } }),
			},
			itemIndex,
		);
	} catch (error) {
		// NodeOperationErrors (a credential field) pass as they are; API errors get Fenergo's wording.
		throw error instanceof NodeApiError
			? fenergoError(this.getNode(), error, call.context ?? {}, itemIndex)
			: error;
	}
	const { data, messages } = readEnvelope(body);
	const failures = messages.filter(isFailure);
	if (failures.length > 0) {
		throw new NodeApiError(this.getNode(), { messages: failures } as unknown as JsonObject, {
			message: `Fenergo reported an error: ${failures[0].message ?? failures[0].errorCode ?? 'no message'}`,
			description: messagesText(failures),
			itemIndex,
		});
	}
	return { data, warnings: messages.filter(isWarning) };
}
