import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { open, seal, type SealedToken } from '../../shared/token/seal';

/**
 * Our registrations in the node's static data, one per webhook URL (the production URL, and the
 * test URL while the editor listens for a test event): Fenergo's webhook id and the random secret
 * made for it, sealed under the credential's client secret (static data is stored and exported in
 * the clear). The id and URL are bound to the sealed secret, so it cannot be moved.
 */
const FIELD = 'fenergoWebhooks';

interface StoredRegistration {
	v: 1;
	webhookId: string;
	url: string;
	secret: SealedToken;
}

export interface Registration {
	webhookId: string;
	url: string;
}

const context = (registration: Registration) =>
	`fenergo-trigger-secret|${registration.webhookId}|${registration.url}`;

function stored(staticData: IDataObject): Record<string, StoredRegistration> {
	const value = staticData[FIELD];
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as unknown as Record<string, StoredRegistration>)
		: {};
}

/** A new secret for one registration: 256 random bits (Fenergo accepts 1–128 characters). */
export function newWebhookSecret(): string {
	return randomBytes(32).toString('base64url');
}

export function readRegistration(staticData: IDataObject, url: string): Registration | undefined {
	const entry = stored(staticData)[url];
	if (!entry || entry.v !== 1 || typeof entry.webhookId !== 'string') return undefined;
	return { webhookId: entry.webhookId, url: entry.url };
}

/**
 * The secrets of every stored registration that opens under the client secret. A delivery cannot
 * tell which URL it arrived on (n8n names only the production URL), so each is tried.
 */
export function openSecrets(staticData: IDataObject, clientSecret: string): string[] {
	return Object.values(stored(staticData))
		.filter((entry) => entry?.v === 1 && entry.secret)
		.map((entry) => open(entry.secret, clientSecret, context(entry)))
		.filter((secret): secret is string => secret !== undefined);
}

export function saveRegistration(
	staticData: IDataObject,
	registration: Registration,
	secret: string,
	clientSecret: string,
): void {
	const entry: StoredRegistration = {
		v: 1,
		...registration,
		secret: seal(secret, clientSecret, context(registration)),
	};
	// Replaced as a whole, so n8n sees static data changed.
	staticData[FIELD] = {
		...stored(staticData),
		[registration.url]: entry,
	} as unknown as IDataObject;
}

export function clearRegistration(staticData: IDataObject, url: string): void {
	const rest = { ...stored(staticData) };
	delete rest[url];
	if (Object.keys(rest).length === 0) delete staticData[FIELD];
	else staticData[FIELD] = rest as unknown as IDataObject;
}
