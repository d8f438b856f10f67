import { clock } from '../../shared/token/clock';

/**
 * Notification ids seen lately, per trigger node, in process memory: Fenergo retries a delivery with
 * the same `id`, and concurrent retries must not both start a run (static data is saved only when
 * a run ends, last writer wins). Bounded in count and age; a restart forgets it.
 */
const MAX_IDS_PER_NODE = 2000;
const WINDOW_MS = 24 * 3600 * 1000;
const MAX_NODES = 200;

const seenByNode = new Map<string, Map<string, number>>();

/** The ids not seen within the window (and records them); repeated ids inside `ids` count once. */
export function firstSightings(nodeKey: string, ids: string[]): Set<string> {
	const now = clock.now();
	let seen = seenByNode.get(nodeKey);
	if (!seen) {
		if (seenByNode.size >= MAX_NODES) seenByNode.delete(seenByNode.keys().next().value as string);
		seen = new Map();
		seenByNode.set(nodeKey, seen);
	}
	for (const [id, at] of seen) {
		if (at > now - WINDOW_MS) break;
		seen.delete(id);
	}
	const fresh = new Set<string>();
	for (const id of ids) {
		const at = seen.get(id);
		if (at !== undefined && at > now - WINDOW_MS) continue;
		fresh.add(id);
		seen.delete(id);
		seen.set(id, now);
	}
	while (seen.size > MAX_IDS_PER_NODE) seen.delete(seen.keys().next().value as string);
	return fresh;
}

/** Forgets every id (tests; a restart does the same). */
export function resetDuplicateWindow(): void {
	seenByNode.clear();
}
