import type { IDataObject } from 'n8n-workflow';

/** One Fenergo event notification as the node outputs it (camelCase, whatever casing arrived). */
export interface FenergoNotification extends IDataObject {
	id: string;
	tenantId?: string;
	eventType?: string;
	relativeUrl?: string;
	payload?: IDataObject | string | null;
	when?: string;
	correlationId?: string;
	causationId?: string;
}

const FIELDS = [
	'id',
	'tenantId',
	'eventType',
	'relativeUrl',
	'payload',
	'when',
	'correlationId',
	'causationId',
] as const;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The notification with its known fields under camelCase names, read case-insensitively (the guide
 * shows PascalCase, the polling spec camelCase); other fields are kept as they came.
 */
export function normalizeNotification(raw: IDataObject): FenergoNotification | undefined {
	const byLowerName = new Map<string, string>();
	for (const key of Object.keys(raw)) byLowerName.set(key.toLowerCase(), key);
	const out: IDataObject = {};
	const known = new Set<string>();
	for (const field of FIELDS) {
		const key = byLowerName.get(field.toLowerCase());
		if (key === undefined) continue;
		known.add(key);
		out[field] = raw[key];
	}
	for (const [key, value] of Object.entries(raw)) if (!known.has(key)) out[key] = value;
	if (typeof out.id !== 'string' || out.id === '') return undefined;
	return out as FenergoNotification;
}

/**
 * The notifications of a delivery: one object (`Single`), or for `Batch` (shape not published) an
 * array, or an object holding an array under `notifications`, `items`, `events` or `data`.
 */
export function notificationsOf(body: unknown): unknown[] {
	if (Array.isArray(body)) return body;
	if (!isObject(body)) return [];
	const lower = new Map(Object.keys(body).map((key) => [key.toLowerCase(), key]));
	for (const name of ['notifications', 'items', 'events', 'data']) {
		const key = lower.get(name);
		if (key !== undefined && Array.isArray(body[key])) return body[key] as unknown[];
	}
	return [body];
}

/** Parsed notifications and how many entries were not notifications (no `id`). */
export function readNotifications(body: unknown): {
	notifications: FenergoNotification[];
	unreadable: number;
} {
	const notifications: FenergoNotification[] = [];
	let unreadable = 0;
	for (const entry of notificationsOf(body)) {
		const notification = isObject(entry) ? normalizeNotification(entry) : undefined;
		if (notification) notifications.push(notification);
		else unreadable++;
	}
	return { notifications, unreadable };
}
