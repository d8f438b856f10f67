/** Reading a token endpoint's answer: any body shape, the token, its lifetime. */

export type ParsedBody =
	| { kind: 'object'; value: Record<string, unknown> }
	| { kind: 'empty' }
	| { kind: 'html' }
	| { kind: 'text'; text: string };

export function parseBody(raw: unknown, contentType = ''): ParsedBody {
	if (raw === undefined || raw === null) return { kind: 'empty' };
	if (Buffer.isBuffer(raw)) raw = raw.toString('utf8');
	if (typeof raw === 'object') return { kind: 'object', value: raw as Record<string, unknown> };
	const text = String(raw).trim();
	if (text === '') return { kind: 'empty' };
	if (text.startsWith('{')) {
		try {
			const value: unknown = JSON.parse(text);
			if (value && typeof value === 'object' && !Array.isArray(value)) {
				return { kind: 'object', value: value as Record<string, unknown> };
			}
		} catch {
			return { kind: 'text', text };
		}
	}
	if (text.startsWith('<') || /text\/html/i.test(contentType)) return { kind: 'html' };
	if (
		/x-www-form-urlencoded/i.test(contentType) ||
		/^[\w.-]+=[^\s]*(&[\w.-]+=[^\s]*)*$/.test(text)
	) {
		return { kind: 'object', value: Object.fromEntries(new URLSearchParams(text)) };
	}
	return { kind: 'text', text };
}

export function readPath(source: unknown, path: string): unknown {
	let value: unknown = source;
	for (const part of path.split('.').filter(Boolean)) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

/** Seconds from a number or a numeric string; undefined when absent or not a positive number. */
export function readSeconds(value: unknown): number | undefined {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
		? seconds
		: undefined;
}

/** The `exp` claim (seconds since the epoch) of a JWT, without verifying it. */
export function jwtExpiry(token: string): number | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		const exp = readPath(payload, 'exp');
		return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
	} catch {
		return undefined;
	}
}
