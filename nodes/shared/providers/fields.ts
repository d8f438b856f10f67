import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { TokenError } from '../token/token-error';

/** Reading and checking credential fields; every failure names the field and what to do. */

function fieldError(label: string, field: string, problem: string, advice: string): TokenError {
	return new TokenError(
		`The credential's ${label} ${problem}`,
		'configuration',
		advice,
		undefined,
		field,
	);
}

export function text(credentials: ICredentialDataDecryptedObject, field: string): string {
	const value = credentials[field];
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

export function requiredText(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
): string {
	const value = text(credentials, field);
	if (value === '')
		throw fieldError(label, field, 'is empty', `Enter the ${label} in the credential.`);
	return value;
}

/** The secret as typed, refusing only an empty or blank one (spaces inside may be meaningful). */
export function requiredSecret(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
): string {
	const value = credentials[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw fieldError(label, field, 'is empty', `Enter the ${label} in the credential.`);
	}
	return value.trim();
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** An absolute URL; `https:` unless the host is loopback (local simulators and tests). */
export function url(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
): string {
	const value = requiredText(credentials, field, label);
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		throw fieldError(
			label,
			field,
			`"${value}" is not a URL`,
			`Enter a full URL starting with https://.`,
		);
	}
	if (parsed.protocol === 'https:') return value.replace(/\/+$/, '');
	if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))
		return value.replace(/\/+$/, '');
	throw fieldError(
		label,
		field,
		`must use https`,
		`"${parsed.protocol}//${parsed.host}" would send the client secret or token unencrypted; use https:// (plain http is allowed only for localhost).`,
	);
}

export function oneOf<T extends string>(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
	allowed: readonly T[],
	fallback: T,
): T {
	const value = text(credentials, field) || fallback;
	if (!(allowed as readonly string[]).includes(value)) {
		throw fieldError(
			label,
			field,
			`"${value}" is not supported`,
			`Choose one of: ${allowed.join(', ')}.`,
		);
	}
	return value as T;
}

/** A JSON object of string values (numbers and booleans are turned into text). */
export function jsonObject(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
): Record<string, string> {
	const raw = credentials[field];
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return {};
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw fieldError(
				label,
				field,
				'is not valid JSON',
				'Enter a JSON object such as {"resource": "https://api.example.com"}.',
			);
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw fieldError(
			label,
			field,
			'is not a JSON object',
			'Enter a JSON object such as {"resource": "https://api.example.com"}.',
		);
	}
	const out: Record<string, string> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry === null || typeof entry === 'object') {
			throw fieldError(
				label,
				field,
				`has a nested value at "${key}"`,
				'Use only text, number or boolean values.',
			);
		}
		out[key] = String(entry);
	}
	return out;
}

export function positiveNumber(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
): number | undefined {
	const raw = credentials[field];
	if (raw === undefined || raw === null || raw === '' || raw === 0) return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw fieldError(
			label,
			field,
			`"${String(raw)}" is not a positive number`,
			'Enter a number of seconds, or 0 to leave it unset.',
		);
	}
	return value;
}

/** An HTTP header name (RFC 9110 token characters), or '' when the field is empty. */
export function headerName(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
): string {
	const value = text(credentials, field);
	if (value !== '' && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value)) {
		throw fieldError(
			label,
			field,
			`"${value}" is not a valid header name`,
			'Use letters, digits and dashes only, e.g. X-Api-Token.',
		);
	}
	return value;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function guid(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
): string {
	const value = requiredText(credentials, field, label);
	if (!GUID.test(value)) {
		throw fieldError(
			label,
			field,
			`"${value}" is not a GUID`,
			'Copy the tenant id (format xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) from the Fenergo console.',
		);
	}
	return value;
}

/** Common client fields. */
export function client(credentials: ICredentialDataDecryptedObject): {
	clientId: string;
	clientSecret: string;
} {
	return {
		clientId: requiredText(credentials, 'clientId', 'Client ID'),
		clientSecret: requiredSecret(credentials, 'clientSecret', 'Client Secret'),
	};
}

export function bearer(accessToken: string): Record<string, string> {
	return { Authorization: `Bearer ${accessToken}` };
}

/** The first text found at any of these paths of an error body. */
export function firstText(body: unknown, paths: string[][]): string | undefined {
	for (const path of paths) {
		let value: unknown = body;
		for (const key of path)
			value =
				value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}
