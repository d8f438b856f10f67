import { DateTime } from 'luxon';

import { readInstant } from '../../../../nodes/shared/parameters/dates';
import { kaisaDateTime } from '../../../../nodes/Kaisa/helpers/dates';

const utc = (text: string) => Date.parse(`${text}Z`);

describe('readInstant', () => {
	test.each([
		// The date picker's value has no zone: it is wall time in the workflow's timezone.
		['2026-01-14T00:00:00', 'Europe/Stockholm', '2026-01-13T23:00:00'],
		['2026-07-14T00:00:00', 'Europe/Stockholm', '2026-07-13T22:00:00'],
		['2026-01-14T00:00:00', 'America/New_York', '2026-01-14T05:00:00'],
		['2026-01-14 08:30', 'Asia/Kolkata', '2026-01-14T03:00:00'],
		['2026-01-14', 'UTC', '2026-01-14T00:00:00'],
		['2026-01-14', 'Europe/Stockholm', '2026-01-13T23:00:00'],
		['2026-01-14T10:00:00.250', 'UTC', '2026-01-14T10:00:00.250'],
		['2026-01-14T10:00:00.05', 'UTC', '2026-01-14T10:00:00.050'],
		// Around DST changes in Stockholm (clocks jump 02:00 → 03:00 on 29 March, back 03:00 → 02:00 on 25 October).
		['2026-03-29T01:59:59', 'Europe/Stockholm', '2026-03-29T00:59:59'],
		['2026-03-29T03:00:00', 'Europe/Stockholm', '2026-03-29T01:00:00'],
		['2026-10-25T04:00:00', 'Europe/Stockholm', '2026-10-25T03:00:00'],
		// An explicit offset wins over the workflow's timezone.
		['2026-01-14T00:00:00Z', 'America/New_York', '2026-01-14T00:00:00'],
		['2026-01-14T00:00:00+05:30', 'UTC', '2026-01-13T18:30:00'],
		['2026-01-14 00:00:00-0800', 'UTC', '2026-01-14T08:00:00'],
	])('%s in %s is %s UTC', (value, timezone, expected) => {
		expect(readInstant(value, timezone)).toBe(utc(expected));
	});

	test('Luxon DateTimes, JS Dates and epoch milliseconds are taken as they are', () => {
		const instant = utc('2026-01-14T05:00:00');
		expect(
			readInstant(
				DateTime.fromISO('2026-01-14T00:00:00', { zone: 'America/New_York' }),
				'Asia/Tokyo',
			),
		).toBe(instant);
		expect(readInstant(new Date(instant), 'Asia/Tokyo')).toBe(instant);
		expect(readInstant(instant, 'Asia/Tokyo')).toBe(instant);
	});

	test.each(['yesterday', '2026-02-30T00:00:00', '14/01/2026', '[DateTime: 2026-01-14]', {}])(
		'%p is not a date',
		(value) => {
			expect(readInstant(value, 'UTC')).toBeNaN();
		},
	);

	test('an unknown timezone falls back to UTC instead of failing', () => {
		expect(readInstant('2026-01-14T00:00:00', 'Not/AZone')).toBe(utc('2026-01-14T00:00:00'));
	});
});

test('kaisaDateTime is UTC YYYY-MM-DD HH:MM:SS, milliseconds dropped', () => {
	expect(kaisaDateTime(utc('2026-01-04T07:08:09.999'))).toBe('2026-01-04 07:08:09');
});
