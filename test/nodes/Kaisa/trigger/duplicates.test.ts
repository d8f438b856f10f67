import type { IDataObject } from 'n8n-workflow';

import {
	firstDelivery,
	forgetRememberedCalls,
	MAX_REMEMBERED,
	REMEMBER_MS,
} from '../../../../nodes/Kaisa/trigger/duplicates';

const T0 = Date.UTC(2026, 0, 15);

beforeEach(() => forgetRememberedCalls());

describe('firstDelivery', () => {
	test('true once per key and scope; a repeat is false', () => {
		const staticData: IDataObject = {};
		expect(firstDelivery(staticData, 'wf:a', 'post-call:1', T0)).toBe(true);
		expect(firstDelivery(staticData, 'wf:a', 'post-call:1', T0 + 1)).toBe(false);
		expect(firstDelivery(staticData, 'wf:a', 'pre-call:1', T0 + 2)).toBe(true);
		expect(firstDelivery({}, 'wf:b', 'post-call:1', T0 + 3)).toBe(true);
		expect(staticData.seenCalls).toEqual({ 'post-call:1': T0, 'pre-call:1': T0 + 2 });
	});

	test('either memory or static data recognises a repeat', () => {
		const staticData: IDataObject = {};
		firstDelivery(staticData, 'wf:a', 'k', T0);
		// A restart: memory gone, static data saved.
		forgetRememberedCalls();
		expect(firstDelivery(staticData, 'wf:a', 'k', T0 + 1)).toBe(false);
		// Another request that loaded static data before the first was saved: memory has it.
		expect(firstDelivery({}, 'wf:a', 'k', T0 + 2)).toBe(false);
	});

	test(`at most ${MAX_REMEMBERED} calls, the oldest forgotten first; none older than the window`, () => {
		const staticData: IDataObject = {};
		for (let index = 0; index <= MAX_REMEMBERED; index++)
			firstDelivery(staticData, 'wf:a', `k${index}`, T0 + index);
		const seen = staticData.seenCalls as Record<string, number>;
		expect(Object.keys(seen)).toHaveLength(MAX_REMEMBERED);
		expect(seen.k0).toBeUndefined();
		expect(seen.k1).toBe(T0 + 1);
		forgetRememberedCalls();
		expect(firstDelivery(staticData, 'wf:a', 'k0', T0 + 2000)).toBe(true);

		firstDelivery(staticData, 'wf:a', 'late', T0 + REMEMBER_MS + 5000);
		expect(Object.keys(staticData.seenCalls as object).sort()).toEqual(['late']);
	});

	test('static data of another shape is replaced, not trusted', () => {
		const staticData: IDataObject = { seenCalls: ['x'] };
		expect(firstDelivery(staticData, 'wf:a', 'x', T0)).toBe(true);
		expect(staticData.seenCalls).toEqual({ x: T0 });
	});
});
