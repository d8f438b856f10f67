import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { firstSightings } from './duplicates';
import { withResources } from './fetch-resource';
import { readNotifications } from './notifications';
import { readMode, readOptions } from './parameters';
import { openSecrets } from './registration-state';
import { sealKey } from './seal-key';
import { verifySignature } from './signature';

export const SIGNATURE_HEADER = 'x-fenx-signature';

interface RawRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	headers: Record<string, string | string[] | undefined>;
}

/** The body bytes as they came: n8n keeps them as `rawBody` (read on demand in newer versions). */
async function rawBodyOf(request: RawRequest): Promise<Buffer | undefined> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

function headerValue(request: RawRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * One delivery: the signature over the raw body first (401 and no run when it fails), then 200 at
 * once, then one item per notification not seen within the duplicate window.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as RawRequest;
	const response = this.getResponseObject();
	const answer = (status: number, body: IDataObject): IWebhookResponseData => {
		response.status(status).json(body);
		return { noWebhookResponse: true };
	};
	if (readMode(this) !== 'webhook') {
		return answer(404, { message: 'This Fenergo Trigger polls; it takes no deliveries' });
	}
	const options = readOptions(this);
	const raw = await rawBodyOf(request);
	const key = await sealKey.call(this);
	const secrets = key ? openSecrets(this.getWorkflowStaticData('node'), key) : [];
	if (secrets.length === 0) {
		this.logger.warn(
			'Fenergo Trigger: a delivery arrived but this node holds no webhook secret (deactivate and activate the workflow)',
		);
	}
	const signature = headerValue(request, SIGNATURE_HEADER);
	const signed =
		raw !== undefined &&
		secrets.some((secret) => verifySignature(options.signatureRecipe, secret, raw, signature));
	if (!signed) {
		return answer(401, { message: 'Unauthorized' });
	}
	let body: unknown;
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch {
		return answer(400, { message: 'The body is not JSON' });
	}
	const { notifications, unreadable } = readNotifications(body);
	if (unreadable > 0) {
		this.logger.warn(`Fenergo Trigger: ${unreadable} entries of a delivery had no notification id`);
	}
	const nodeKey = `${this.getWorkflow().id ?? ''}|${this.getNode().id ?? this.getNode().name}`;
	const fresh = firstSightings(
		nodeKey,
		notifications.map((notification) => notification.id),
	);
	const emitted = new Set<string>();
	const items = notifications.filter((notification) => {
		if (!fresh.has(notification.id) || emitted.has(notification.id)) return false;
		emitted.add(notification.id);
		return true;
	});
	// Fenergo counts any answer below 400 as delivered and retries slow ones: answer before any work.
	answer(200, { received: notifications.length });
	if (items.length === 0) return { noWebhookResponse: true };
	const out = options.fetchResource ? await withResources.call(this, items) : items;
	return { noWebhookResponse: true, workflowData: [out.map((json) => ({ json }))] };
}
