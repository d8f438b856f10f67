import { sleep } from 'n8n-workflow';

/** The engine's only source of time, so tests can move it without sleeping. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
	/** A number in [0, 1) for jitter; tests fix it so waits are exact. */
	random(): number;
}

const realClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
	random: () => Math.random(),
};

let current: Clock = realClock;

export const clock: Clock = {
	now: () => current.now(),
	sleep: async (ms) => await current.sleep(ms),
	random: () => current.random(),
};

/** Test hook: replace the clock (pass nothing to restore real time). */
export function setClock(replacement?: Partial<Clock>): void {
	current = { ...realClock, ...replacement };
}
