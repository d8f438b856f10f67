import { createHash } from 'node:crypto';

import type { TokenRequest } from './profile';

export interface CacheKeys {
	/** Process memory: every request-shaping field including the secret (hashed, never raw). */
	memory: string;
	/** Static-data entry: the same without the secret, so a rotated secret finds and replaces its entry. */
	entry: string;
	/** Token-fetch budgets are per client: token URL and client id. */
	budget: string;
}

function hash(...parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

export function keysFor(request: TokenRequest): CacheKeys {
	const { profile } = request;
	const extra = Object.entries(request.extraParameters ?? {}).sort(([a], [b]) =>
		a.localeCompare(b),
	);
	const shape = [
		request.tokenUrl,
		request.clientId,
		request.audience ?? '',
		request.scope ?? '',
		extra,
		profile.bodyFormat,
		profile.clientAuthentication,
		profile.tokenField,
	];
	return {
		memory: hash('memory', shape, request.clientSecret),
		entry: hash('entry', shape),
		budget: hash('budget', request.tokenUrl, request.clientId),
	};
}
