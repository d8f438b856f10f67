import { createHash, timingSafeEqual } from 'node:crypto';
import { NodeOperationError, type INode } from 'n8n-workflow';

export const SECRET_QUERY_PARAMETER = 'secret';
/** Long enough not to be guessed through the public webhook URL. */
export const MIN_SECRET_LENGTH = 16;

/**
 * The URL Secret as the user entered it. Too short or empty fails naming the field (at activation,
 * before Kaisa's first request); the secret itself is never part of a message.
 */
export function readUrlSecret(node: INode, value: unknown): string {
	const secret = typeof value === 'string' ? value.trim() : '';
	if (secret.length < MIN_SECRET_LENGTH || !/^[A-Za-z0-9._~-]+$/.test(secret)) {
		throw new NodeOperationError(
			node,
			`The 'URL Secret' field must be at least ${MIN_SECRET_LENGTH} characters of letters, digits, '-', '_', '.' or '~'`,
			{
				description:
					'Enter a long random value (for example from a password manager) and add it to the URL in Kaisa as ?secret=<URL Secret>. These characters need no escaping in a URL.',
			},
		);
	}
	return secret;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether the request's secret is the expected one, in constant time: both sides are hashed to the
 * same length first, so neither their content nor their length shows in the timing.
 */
export function secretMatches(expected: string, received: unknown): boolean {
	const value = Array.isArray(received) ? received[0] : received;
	if (typeof value !== 'string' || value === '') return false;
	return timingSafeEqual(digest(expected), digest(value));
}
