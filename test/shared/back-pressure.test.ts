import { pauseClient, resetBackPressure, waitForClient } from '../../nodes/shared/back-pressure';
import { setClock } from '../../nodes/shared/token/clock';

/** A hand-moved engine clock whose sleeps advance it and are recorded. */
function manualClock(): { sleeps: number[] } {
	let now = 1_000_000;
	const sleeps: number[] = [];
	setClock({
		now: () => now,
		sleep: async (ms) => {
			sleeps.push(ms);
			// Advance after yielding, so requests waiting side by side all see the same pause.
			await Promise.resolve();
			now += ms;
		},
	});
	return { sleeps };
}

describe('back-pressure per client', () => {
	afterEach(() => {
		resetBackPressure();
		setClock();
	});

	it('lets a client without a pause go at once', async () => {
		const { sleeps } = manualClock();
		await waitForClient('a');
		expect(sleeps).toEqual([]);
	});

	it('makes every request of a paused client wait for the announced time, and no other client', async () => {
		const { sleeps } = manualClock();
		pauseClient('a', 3_000);
		await Promise.all([waitForClient('a'), waitForClient('a')]);
		await waitForClient('b');
		expect(sleeps).toEqual([3_000, 3_000]);
		await waitForClient('a');
		expect(sleeps).toHaveLength(2);
	});

	it('keeps the longer of two pauses', async () => {
		const { sleeps } = manualClock();
		pauseClient('a', 5_000);
		pauseClient('a', 1_000);
		await waitForClient('a');
		expect(sleeps).toEqual([5_000]);
	});
});
