import {
	NodeApiError,
	type IDataObject,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import { apiRequestFull, type ApiResponse, type TransportFunctions } from '../../shared/transport';
import { CREDENTIAL_TYPE } from '../transport';

/** Fenergo's event APIs answer plain DTOs (no `{data}` envelope), so they go through the transport directly. */
export async function eventApi(
	this: TransportFunctions,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
): Promise<ApiResponse> {
	return await apiRequestFull.call(this, CREDENTIAL_TYPE, {
		method,
		url: path,
		...(body !== undefined && { body }),
	});
}

export const WEBHOOKS_PATH = '/webhooks/v1/webhooks';
export const FEED_PATH = '/eventnotifications/v2';

export type WebhookStatus = 'Enabled' | 'UserDisabled' | 'SystemDisabled' | 'Retrying';

export interface RegisteredWebhook {
	id: string;
	name?: string;
	url: string;
	enabled?: boolean;
	eventTypes?: string[];
	status?: WebhookStatus;
	type?: 'Single' | 'Batch';
	batchSize?: number;
}

export interface WebhookBody extends IDataObject {
	name?: string;
	url: string;
	secret?: string;
	enabled: boolean;
	eventTypes: string[];
	emailAddresses?: string[];
	type: 'Single' | 'Batch';
	batchSize?: number;
}

const asWebhook = (entry: unknown): RegisteredWebhook | undefined => {
	const value = entry as Partial<RegisteredWebhook> | null;
	return value && typeof value.id === 'string' && typeof value.url === 'string'
		? (value as RegisteredWebhook)
		: undefined;
};

export async function listWebhooks(this: TransportFunctions): Promise<RegisteredWebhook[]> {
	const { body } = await eventApi.call(this, 'GET', WEBHOOKS_PATH);
	const list = (body as { webHooks?: unknown; webhooks?: unknown } | null) ?? {};
	const entries = Array.isArray(list.webHooks) ? list.webHooks : list.webhooks;
	return (Array.isArray(entries) ? entries : [])
		.map(asWebhook)
		.filter((hook): hook is RegisteredWebhook => hook !== undefined);
}

/** The webhook, or undefined when Fenergo does not know it (404). */
export async function getWebhook(
	this: TransportFunctions,
	webhookId: string,
): Promise<RegisteredWebhook | undefined> {
	try {
		const { body } = await eventApi.call(
			this,
			'GET',
			`${WEBHOOKS_PATH}/${encodeURIComponent(webhookId)}`,
		);
		return asWebhook((body as { webhook?: unknown } | null)?.webhook);
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asNodeError.call(this, error);
	}
}

export async function addWebhook(this: TransportFunctions, body: WebhookBody): Promise<string> {
	const response = await eventApi.call(this, 'POST', WEBHOOKS_PATH, body);
	const id = (response.body as { webhookId?: unknown } | null)?.webhookId;
	if (typeof id !== 'string' || id === '') {
		throw new NodeApiError(this.getNode(), (response.body ?? {}) as JsonObject, {
			message: 'Fenergo accepted the webhook but sent no webhookId',
		});
	}
	return id;
}

export async function updateWebhook(
	this: TransportFunctions,
	webhookId: string,
	body: WebhookBody,
): Promise<void> {
	await eventApi.call(this, 'PUT', `${WEBHOOKS_PATH}/${encodeURIComponent(webhookId)}`, body);
}

/** Deletes the webhook; true when it was there. */
export async function deleteWebhook(this: TransportFunctions, webhookId: string): Promise<boolean> {
	try {
		await eventApi.call(this, 'DELETE', `${WEBHOOKS_PATH}/${encodeURIComponent(webhookId)}`);
		return true;
	} catch (error) {
		if (isNotFound(error)) return false;
		throw asNodeError.call(this, error);
	}
}

/** Asks Fenergo to deliver a test message to the webhook; its delivery result. */
export async function testWebhook(
	this: TransportFunctions,
	webhookId: string,
): Promise<{ status?: string; httpStatusCode?: number }> {
	const { body } = await eventApi.call(
		this,
		'GET',
		`${WEBHOOKS_PATH}/${encodeURIComponent(webhookId)}/test`,
	);
	return (
		(body as { delivery?: { status?: string; httpStatusCode?: number } } | null)?.delivery ?? {}
	);
}

export interface EventType {
	eventType: string;
	title?: string;
}

export async function listEventTypes(
	this: TransportFunctions,
	source: 'webhooks' | 'polling',
): Promise<EventType[]> {
	const path =
		source === 'webhooks'
			? `${WEBHOOKS_PATH}/event-notification-types`
			: `${FEED_PATH}/event-notification-types`;
	const { body } = await eventApi.call(this, 'GET', path);
	const types = (body as { eventTypes?: unknown } | null)?.eventTypes;
	return (Array.isArray(types) ? types : []).filter(
		(entry): entry is EventType =>
			typeof (entry as EventType | null)?.eventType === 'string' &&
			(entry as EventType).eventType !== '',
	);
}

/** The transport's errors are NodeApiError or NodeOperationError already; anything else is wrapped. */
function asNodeError(this: TransportFunctions, error: unknown): Error {
	return error instanceof NodeApiError || (error as Error)?.name === 'NodeOperationError'
		? (error as Error)
		: new NodeApiError(this.getNode(), { message: String(error) } as JsonObject);
}

export function isNotFound(error: unknown): boolean {
	return String((error as { httpCode?: unknown } | null)?.httpCode) === '404';
}
