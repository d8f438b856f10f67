import type { IDataObject } from 'n8n-workflow';

/**
 * Kaisa retries a request it thinks failed every 30 minutes for up to 7 days, so the same call can
 * arrive many times. A call is remembered for 8 days (the retry period and a day's margin), at most
 * MAX_REMEMBERED calls per trigger (the oldest forgotten first), in two places:
 * - the node's static data, which n8n saves when the webhook has answered (production webhooks),
 *   so it survives a restart and reaches every process that loads the workflow afterwards; but it is
 *   one object per workflow whose last writer wins, so two requests handled at the same moment may
 *   both miss each other there;
 * - this process's memory, which catches exactly those near-simultaneous requests but is lost on a
 *   restart and not shared between processes (queue mode with several webhook processes). Each
 *   save writes what this process remembers as well: runs that end out of order (a recording
 *   download takes longer) can leave a call out of the last save, and the next call's save puts
 *   it back.
 */
export const REMEMBER_MS = 8 * 24 * 60 * 60 * 1000;
export const MAX_REMEMBERED = 1000;
const STATIC_KEY = 'seenCalls';

type Seen = Record<string, number>;

const memory = new Map<string, Seen>();

function forgetOld(seen: Seen, now: number): void {
	const keys = Object.keys(seen);
	let excess = keys.length - MAX_REMEMBERED;
	// Keys keep their insertion order, so the oldest come first.
	for (const key of keys) {
		if (excess > 0 || now - seen[key] > REMEMBER_MS) {
			delete seen[key];
			excess--;
		}
	}
}

function staticSeen(staticData: IDataObject): Seen {
	const stored = staticData[STATIC_KEY];
	if (typeof stored === 'object' && stored !== null && !Array.isArray(stored))
		return stored as Seen;
	const fresh: Seen = {};
	staticData[STATIC_KEY] = fresh;
	return fresh;
}

/**
 * True the first time `key` is seen by this trigger (`scope`) within the window, and remembers it;
 * false for a repeat, which must start no execution.
 */
export function firstDelivery(
	staticData: IDataObject,
	scope: string,
	key: string,
	now: number,
): boolean {
	const stored = staticSeen(staticData);
	let local = memory.get(scope);
	if (!local) {
		local = {};
		memory.set(scope, local);
	}
	const seenAt = [stored[key], local[key]].find(
		(at) => typeof at === 'number' && now - at <= REMEMBER_MS,
	);
	if (seenAt !== undefined) {
		// Known from static data after a restart: memory catches the next near-simultaneous repeat.
		local[key] ??= seenAt;
		return false;
	}
	delete local[key];
	local[key] = now;
	forgetOld(local, now);
	// What this process saw goes into static data too: a request that loaded static data before an
	// earlier one was saved (Kaisa's next call while a recording downloads) would otherwise drop it.
	const merged = Object.entries({ ...stored, ...local }).sort(([, a], [, b]) => a - b);
	const next: Seen = Object.fromEntries(merged);
	forgetOld(next, now);
	// Reassigned so n8n notices the change and saves it.
	staticData[STATIC_KEY] = next;
	return true;
}

/** Test hook: as a restart does, this process forgets every call. */
export function forgetRememberedCalls(): void {
	memory.clear();
}
