/**
 * Response headers as n8n's httpRequest hands them over (an object whose values may be arrays),
 * read by name whatever the case of the name.
 */

type HeaderValue = string | string[];

function entries(headers: unknown): Array<[string, HeaderValue]> {
	if (!headers || typeof headers !== 'object') return [];
	const out: Array<[string, HeaderValue]> = [];
	for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		out.push([name.toLowerCase(), Array.isArray(value) ? value.map(String) : String(value)]);
	}
	return out;
}

/** Every header under its lower-cased name; a repeated header's values joined with ", " (RFC 9110 §5.3). */
export function flatHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of entries(headers))
		out[name] = Array.isArray(value) ? value.join(', ') : value;
	return out;
}

/**
 * One header by name, any case; '' when absent. For a repeated header the first value, since the
 * single-valued headers read this way (Retry-After, Content-Type) would not parse once joined.
 */
export function headerValue(headers: unknown, name: string): string {
	const wanted = name.toLowerCase();
	const found = entries(headers).find(([key]) => key === wanted)?.[1];
	return Array.isArray(found) ? (found[0] ?? '') : (found ?? '');
}
