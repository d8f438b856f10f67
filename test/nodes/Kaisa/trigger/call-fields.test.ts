import { asIsoTime, callIdOf, typedValue } from '../../../../nodes/Kaisa/trigger/call-fields';
import { readDelivery, stageOf } from '../../../../nodes/Kaisa/trigger/delivery';
import { secretMatches } from '../../../../nodes/Kaisa/trigger/secret';

describe('typedValue', () => {
	test.each([
		['duration', '42', 42],
		['duration', ' 3.5 ', 3.5],
		['duration', '', null],
		['duration', '4 min', '4 min'],
		['ring_time', 7, 7],
		['answered', '1', true],
		['answered', '0', false],
		['answered', 'TRUE', true],
		['answered', 'no', false],
		['answered', 0, false],
		['answered', 'perhaps', 'perhaps'],
		['start', '2026-01-14 00:00:12', '2026-01-14T00:00:12.000Z'],
		['start', '2026-01-14T02:00:12+02:00', '2026-01-14T00:00:12.000Z'],
		['start', '1768348812', '2026-01-14T00:00:12.000Z'],
		['start', 1768348812000, '2026-01-14T00:00:12.000Z'],
		['start', '2026-02-30 00:00:00', '2026-02-30 00:00:00'],
		['cdr_id', '00123', '00123'],
		['anum', '+46701234567', '+46701234567'],
		['custom_1', ['a', 'b'], 'a'],
	])('%s %j → %j', (name, value, expected) => {
		expect(typedValue(name, value)).toEqual(expected);
	});

	test('an empty time is null, text that is no time stays', () => {
		expect(asIsoTime('')).toBeNull();
		expect(asIsoTime('soon')).toBe('soon');
	});
});

describe('callIdOf and the stage', () => {
	test('cdr_id first, then call_id, callid or id; numbers as text; empty is none', () => {
		expect(callIdOf({ id: '9', cdr_id: ' 7 ' })).toBe('7');
		expect(callIdOf({ CALL_ID: 12 })).toBe('12');
		expect(callIdOf({ cdr_id: '', id: 'x' })).toBe('x');
		expect(callIdOf({ duration: '1' })).toBeUndefined();
	});

	test('stage=pre-call (or pre, precall) in the query or the body marks a pre-call request', () => {
		expect(stageOf({ stage: 'pre-call' }, {})).toBe('pre-call');
		expect(stageOf({}, { stage: 'PRE' })).toBe('pre-call');
		expect(stageOf({ stage: 'post-call' }, { stage: 'pre' })).toBe('post-call');
		expect(stageOf({}, {})).toBe('post-call');
	});

	test('a signed request: fields from a JSON or url-encoded payload, sign apart', () => {
		const json = readDelivery({}, { payload: '{"cdr_id":"1","duration":"2"}', sign: 's' });
		expect(json).toMatchObject({ fields: { cdr_id: '1', duration: '2' }, sign: 's', callId: '1' });
		const form = readDelivery({}, { payload: 'cdr_id=3&stage=pre-call', sign: 's' });
		expect(form).toMatchObject({ fields: { cdr_id: '3' }, stage: 'pre-call' });
		expect(readDelivery({}, { payload: '{broken', sign: 's' }).fields).toEqual({});
	});
});

describe('secretMatches', () => {
	test('only the exact secret matches; lists take their first value; anything else fails', () => {
		const secret = 'abcdefghijklmnop';
		expect(secretMatches(secret, secret)).toBe(true);
		expect(secretMatches(secret, [secret, 'x'])).toBe(true);
		for (const wrong of [
			`${secret}q`,
			secret.slice(1),
			secret.toUpperCase(),
			'',
			undefined,
			42,
			{},
		])
			expect(secretMatches(secret, wrong)).toBe(false);
	});
});
