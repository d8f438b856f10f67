/**
 * Finding secrets anywhere a user, a log shipper or an export could see them: every string reachable
 * from a value (own properties, enumerable or not, so an Error's message, stack and cause count too).
 */
import { Logger } from '@n8n/backend-common';

/** Every string reachable from a value, with its path (own properties, enumerable or not: an Error's message, stack and cause count). */
export function reachableStrings(
	root: unknown,
	limit = 200_000,
): Array<[path: string, text: string]> {
	const out: Array<[string, string]> = [];
	const seen = new Set<unknown>();
	const stack: Array<[string, unknown]> = [['', root]];
	while (stack.length > 0 && out.length < limit) {
		const [path, value] = stack.pop()!;
		if (typeof value === 'string') {
			out.push([path, value]);
			continue;
		}
		if (Buffer.isBuffer(value)) {
			out.push([path, value.toString('utf8')]);
			continue;
		}
		if (!value || typeof value !== 'object' || seen.has(value)) continue;
		seen.add(value);
		for (const key of Object.getOwnPropertyNames(value)) {
			out.push([`${path}.${key}#key`, key]);
			try {
				stack.push([`${path}.${key}`, (value as Record<string, unknown>)[key]]);
			} catch {
				// a getter that throws holds nothing we could leak
			}
		}
	}
	return out;
}

export interface Leak {
	/** Which secret (its name, never its value). */
	what: string;
	/** Where it was found: the place and the property path. */
	where: string;
}

/**
 * Every (secret, place, path) where a secret occurs in a string reachable from the place, in
 * memory (`deep`) or in the JSON n8n stores, exports and sends to the editor (`json`).
 */
export function findLeaks(
	secrets: Record<string, string>,
	places: Record<string, unknown>,
	options: { mode?: 'deep' | 'json'; ignore?: (path: string) => boolean } = {},
): Leak[] {
	const leaks: Leak[] = [];
	for (const [place, value] of Object.entries(places)) {
		if (value === undefined) continue;
		const strings: Array<[string, string]> =
			options.mode === 'json' ? [[' (serialized)', serialize(value)]] : reachableStrings(value);
		for (const [path, text] of strings) {
			if (options.ignore?.(path)) continue;
			for (const [what, secret] of Object.entries(secrets)) {
				if (secret.length >= 8 && text.includes(secret))
					leaks.push({ what, where: `${place}${path}` });
			}
		}
	}
	return leaks;
}

/** JSON as n8n writes it (flatted keeps shared objects; plain JSON semantics otherwise). */
function serialize(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, entry: unknown) => {
			if (entry && typeof entry === 'object') {
				if (seen.has(entry)) return '[shared]';
				seen.add(entry);
			}
			return entry;
		}) ?? ''
	);
}

export interface LogCapture {
	/** Everything logged since the last `clear` (console and n8n's logger, arguments as given). */
	entries: unknown[][];
	clear(): void;
	restore(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const LOGGER_METHODS = ['error', 'warn', 'info', 'debug'] as const;

/**
 * Records console.* (instead of printing it) and n8n's Logger (every instance, scoped ones
 * included; LoggerProxy forwards to the root instance, which still logs as configured).
 */
export function captureLogs(): LogCapture {
	const entries: unknown[][] = [];
	const spies = [
		...CONSOLE_METHODS.map((method) =>
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				entries.push([`console.${method}`, ...args]);
			}),
		),
		...LOGGER_METHODS.map((method) => {
			const original = Logger.prototype[method];
			return jest.spyOn(Logger.prototype, method).mockImplementation(function (
				this: Logger,
				...args: Parameters<Logger['error']>
			) {
				entries.push([`logger.${method}`, ...args]);
				original.apply(this, args);
			});
		}),
	];
	return {
		entries,
		clear: () => {
			entries.length = 0;
		},
		restore: () => {
			for (const spy of spies) spy.mockRestore();
		},
	};
}
