import type { INode } from 'n8n-workflow';

import { fieldError } from './fields';

const TIME_WITH_OFFSET = /\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * A date parameter as epoch milliseconds. Values without an offset (what n8n's date picker
 * stores) are read in the workflow's timezone; Luxon DateTimes and JS Dates from expressions,
 * and ISO texts with an offset, are exact already.
 */
export function readInstant(value: unknown, timezone: string): number {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value;
	if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		return (value as { toMillis(): number }).toMillis();
	}
	if (typeof value !== 'string') return Number.NaN;
	const text = value.trim();
	if (TIME_WITH_OFFSET.test(text)) return Date.parse(text.replace(' ', 'T').replace(/\s+/g, ''));
	const match = LOCAL_DATE_TIME.exec(text);
	if (!match) return Number.NaN;
	const [year, month, day, hour, minute, second] = match
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	const millis = Number((match[7] ?? '0').padEnd(3, '0'));
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	if (new Date(wall).getUTCDate() !== day) return Number.NaN;
	return wallTimeToUtc(wall, timezone);
}

/** Reads and checks a date field as epoch milliseconds; names the field when it is empty or not a date. */
export function requireInstant(
	node: INode,
	itemIndex: number,
	value: unknown,
	label: string,
	timezone: string,
): number {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw fieldError(
			node,
			itemIndex,
			`The '${label}' field is empty`,
			`Pick a date and time for '${label}', or use an expression such as {{ $today.minus({ days: 1 }) }}.`,
		);
	}
	const ms = readInstant(value, timezone);
	if (!Number.isFinite(ms)) {
		throw fieldError(
			node,
			itemIndex,
			`The '${label}' field is not a date`,
			`"${String(value)}" could not be read as a date and time. Use the date picker or an ISO 8601 value such as 2026-01-14T00:00:00.`,
		);
	}
	return ms;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat | undefined {
	let format = formats.get(timeZone);
	if (!format) {
		try {
			format = new Intl.DateTimeFormat('en-US', {
				timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric',
			});
		} catch {
			return undefined;
		}
		formats.set(timeZone, format);
	}
	return format;
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function zoneOffset(instant: number, timeZone: string): number {
	const format = formatFor(timeZone);
	if (!format) return 0;
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
	const wall = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second,
	);
	return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant at which the zone's clocks show `wall` (read as if UTC); DST gaps resolve forward. */
function wallTimeToUtc(wall: number, timeZone: string): number {
	const guess = wall - zoneOffset(wall, timeZone);
	return wall - zoneOffset(guess, timeZone);
}
