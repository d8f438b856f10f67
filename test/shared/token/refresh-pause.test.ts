import { setClock } from '../../../nodes/shared/token/clock';
import { pauseBeforeRefresh } from '../../../nodes/shared/token/refresh-pause';
import { useManualClock } from './support/clock';

describe('pauseBeforeRefresh', () => {
	afterEach(() => setClock());

	it('pauses once per client for every concurrent caller, at most the given time', async () => {
		const manual = useManualClock();
		await Promise.all(
			Array.from({ length: 10 }, async () => await pauseBeforeRefresh('client-a', 2000)),
		);
		expect(manual.sleeps).toHaveLength(1);
		expect(manual.sleeps[0]).toBeGreaterThanOrEqual(0);
		expect(manual.sleeps[0]).toBeLessThanOrEqual(2000);
		await pauseBeforeRefresh('client-b', 2000);
		expect(manual.sleeps).toHaveLength(2);
	});

	it('does not pause when no time is left', async () => {
		const manual = useManualClock();
		await pauseBeforeRefresh('client-c', 0);
		await pauseBeforeRefresh('client-c', -5);
		expect(manual.sleeps).toEqual([]);
	});
});
