import { clock } from './token/clock';

/**
 * When each client may send again after a provider asked it to slow down (HTTP 429 with
 * Retry-After or a rate-limit reset). Kept per client (the engine's budget key: token URL and
 * client ID) in process memory, so every request of that client in this process waits, not only
 * the one that was refused: parallel items and concurrent executions back off together.
 */
const resumeAt = new Map<string, number>();

/** Bounded: a process serves few clients; past this the oldest pauses have long expired. */
const MAX_CLIENTS = 1000;

export function pauseClient(client: string, waitMs: number): void {
	const until = clock.now() + waitMs;
	if ((resumeAt.get(client) ?? 0) >= until) return;
	if (resumeAt.size >= MAX_CLIENTS) resumeAt.clear();
	resumeAt.set(client, until);
}

/** Waits until the client's pause (if any) is over; a later pause set meanwhile is waited for too. */
export async function waitForClient(client: string): Promise<void> {
	for (let until = resumeAt.get(client); until !== undefined; until = resumeAt.get(client)) {
		const wait = until - clock.now();
		if (wait <= 0) {
			if (resumeAt.get(client) === until) resumeAt.delete(client);
			return;
		}
		await clock.sleep(wait);
	}
}

/** Forgets every pause, as a restart does (tests). */
export function resetBackPressure(): void {
	resumeAt.clear();
}
