import { clock } from './clock';

/** One pause per client at a time in this process: concurrent callers wait on the same one. */
const pauses = new Map<string, Promise<void>>();

/**
 * A random pause of up to `maxMs` before a proactive refresh. Workers whose copies of a token turn
 * stale at the same moment then refresh at different moments, so the later one can find the
 * earlier one's token in the credential row instead of fetching its own.
 */
export async function pauseBeforeRefresh(client: string, maxMs: number): Promise<void> {
	const running = pauses.get(client);
	if (running) return await running;
	if (!(maxMs > 0)) return;
	const pause = clock.sleep(Math.round(clock.random() * maxMs));
	pauses.set(client, pause);
	try {
		await pause;
	} finally {
		pauses.delete(client);
	}
}
