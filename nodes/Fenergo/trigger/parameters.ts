import { NodeOperationError, type INode } from 'n8n-workflow';

import { DEFAULT_SIGNATURE_RECIPE, SIGNATURE_RECIPES, type SignatureRecipe } from './signature';

/** Every notification; per-source feeds hold one source's events (Fenergo's polling API). */
export const FEEDS = [
	'all',
	'entitydata',
	'journey',
	'document',
	'screening',
	'digitalidv',
	'association',
] as const;
export type Feed = (typeof FEEDS)[number];

export const ALL_EVENT_TYPES = '*';
export const MIN_BATCH_SIZE = 10;
export const MAX_BATCH_SIZE = 100;

export type TriggerMode = 'webhook' | 'polling';

export interface TriggerOptions {
	fetchResource: boolean;
	signatureRecipe: SignatureRecipe;
	sendTestEvent: boolean;
	webhookName?: string;
	emailAddresses: string[];
}

export interface WebhookSettings {
	eventTypes: string[];
	type: 'Single' | 'Batch';
	batchSize?: number;
	options: TriggerOptions;
}

export interface PollingSettings {
	eventTypes: string[];
	feed: Feed;
	options: TriggerOptions;
}

/** What the node's parameter reader offers in hook, webhook and poll functions alike. */
export interface ParameterReader {
	getNode(): INode;
	getNodeParameter(name: string, fallback?: unknown): unknown;
}

const fail = (node: INode, message: string, description: string): never => {
	throw new NodeOperationError(node, message, { description });
};

export function readMode(reader: ParameterReader): TriggerMode {
	return reader.getNodeParameter('mode', 'webhook') === 'polling' ? 'polling' : 'webhook';
}

/** The chosen event types: `["*"]` when All is among them; never empty. */
export function readEventTypes(reader: ParameterReader): string[] {
	const node = reader.getNode();
	const value = reader.getNodeParameter('eventTypes', []);
	const list = (Array.isArray(value) ? value : [value])
		.filter((entry): entry is string => typeof entry === 'string')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (list.length === 0) {
		fail(
			node,
			'Event Types is empty',
			'Choose at least one event type in Event Types, or "All Event Types"',
		);
	}
	return list.includes(ALL_EVENT_TYPES) ? [ALL_EVENT_TYPES] : [...new Set(list)];
}

export function readOptions(reader: ParameterReader): TriggerOptions {
	const node = reader.getNode();
	const raw = (reader.getNodeParameter('options', {}) ?? {}) as Record<string, unknown>;
	const recipe = raw.signatureRecipe ?? DEFAULT_SIGNATURE_RECIPE;
	if (typeof recipe !== 'string' || !(recipe in SIGNATURE_RECIPES)) {
		fail(
			node,
			`Signature Recipe "${String(recipe)}" is unknown`,
			`Choose one of: ${Object.values(SIGNATURE_RECIPES).join('; ')}`,
		);
	}
	const emails =
		typeof raw.emailAddresses === 'string'
			? raw.emailAddresses
					.split(/[,;\s]+/)
					.map((entry) => entry.trim())
					.filter(Boolean)
			: [];
	if (emails.length > 5) {
		fail(
			node,
			'Notification Emails lists more than 5 addresses',
			'Fenergo accepts at most 5 addresses to tell when it disables the webhook',
		);
	}
	const name = typeof raw.webhookName === 'string' ? raw.webhookName.trim() : '';
	if (name.length > 128) {
		fail(node, 'Webhook Name is longer than 128 characters', 'Shorten Webhook Name');
	}
	return {
		fetchResource: raw.fetchResource === true,
		signatureRecipe: recipe as SignatureRecipe,
		sendTestEvent: raw.sendTestEvent === true,
		webhookName: name || undefined,
		emailAddresses: emails,
	};
}

/** The webhook-mode parameters, checked before any request. */
export function readWebhookSettings(reader: ParameterReader): WebhookSettings {
	const node = reader.getNode();
	const eventTypes = readEventTypes(reader);
	const type = reader.getNodeParameter('deliveryType', 'Single') === 'Batch' ? 'Batch' : 'Single';
	let batchSize: number | undefined;
	if (type === 'Batch') {
		const value = Number(reader.getNodeParameter('batchSize', 50));
		if (!Number.isInteger(value) || value < MIN_BATCH_SIZE || value > MAX_BATCH_SIZE) {
			fail(
				node,
				`Batch Size ${String(value)} is outside ${MIN_BATCH_SIZE}–${MAX_BATCH_SIZE}`,
				`Set Batch Size to a whole number from ${MIN_BATCH_SIZE} to ${MAX_BATCH_SIZE} (Fenergo's limits)`,
			);
		}
		batchSize = value;
	}
	return { eventTypes, type, batchSize, options: readOptions(reader) };
}

/** The polling-mode parameters, checked before any request. */
export function readPollingSettings(reader: ParameterReader): PollingSettings {
	const node = reader.getNode();
	const eventTypes = readEventTypes(reader);
	const feed = reader.getNodeParameter('feed', 'all');
	if (typeof feed !== 'string' || !(FEEDS as readonly string[]).includes(feed)) {
		fail(
			node,
			`Feed "${String(feed)}" does not exist`,
			`Choose one of Fenergo's feeds: ${FEEDS.join(', ')}`,
		);
	}
	return { eventTypes, feed: feed as Feed, options: readOptions(reader) };
}

/** Whether a notification's type is one the node was asked for (types match exactly). */
export function wanted(eventTypes: string[], eventType: unknown): boolean {
	return (
		eventTypes.includes(ALL_EVENT_TYPES) ||
		(typeof eventType === 'string' && eventTypes.includes(eventType))
	);
}
