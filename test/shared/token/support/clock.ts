import { setClock } from '../../../../nodes/shared/token/clock';
import { ManualClock } from '../../../simulators';

/** Where jitter lands under the manual clock: half its range. */
export const FIXED_JITTER = 0.5;

/**
 * One hand-moved clock for the engine and the simulators; sleeps advance it and are recorded, and
 * jitter is fixed at half its range, so every wait is exact.
 */
export function useManualClock(): { clock: ManualClock; sleeps: number[] } {
	const clock = new ManualClock();
	const sleeps: number[] = [];
	setClock({
		now: () => clock.now(),
		sleep: async (ms) => {
			sleeps.push(ms);
			clock.advance(ms);
		},
		random: () => FIXED_JITTER,
	});
	return { clock, sleeps };
}
