import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { open, seal, type SealedToken } from '../../shared/token/seal';

/**
 * Our registration in the node's static data: Fenergo's webhook id, the URL it posts to, and the
 * random secret made for it, sealed under the credential's client secret (static data is stored and
 * exported in the clear). The id and URL are bound to the sealed secret, so it cannot be moved.
 */
const FIELD = 'fenergoWebhook';

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

/** A new secret for one registration: 256 random bits (Fenergo accepts 1–128 characters). */
export function newWebhookSecret(): string {
	return randomBytes(32).toString('base64url');
}

export function readRegistration(staticData: IDataObject): Registration | undefined {
	const stored = staticData[FIELD] as StoredRegistration | undefined;
	if (!stored || stored.v !== 1 || typeof stored.webhookId !== 'string') return undefined;
	return { webhookId: stored.webhookId, url: stored.url };
}

/** The secret of the stored registration, or undefined (none, or sealed under another client secret). */
export function openSecret(staticData: IDataObject, clientSecret: string): string | undefined {
	const stored = staticData[FIELD] as StoredRegistration | undefined;
	if (!stored || stored.v !== 1 || !stored.secret) return undefined;
	return open(stored.secret, clientSecret, context(stored));
}

export function saveRegistration(
	staticData: IDataObject,
	registration: Registration,
	secret: string,
	clientSecret: string,
): void {
	const stored: StoredRegistration = {
		v: 1,
		...registration,
		secret: seal(secret, clientSecret, context(registration)),
	};
	staticData[FIELD] = stored as unknown as IDataObject;
}

export function clearRegistration(staticData: IDataObject): void {
	delete staticData[FIELD];
}
