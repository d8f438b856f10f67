import type { IDataObject } from 'n8n-workflow';

/**
 * Kaisa's macros are chosen in its web app and their names are not published; these are the call
 * fields of Kaisa's statistics API (cdr_id, start, duration, answered, …), the likely macro names.
 * A field not named here is passed on as Kaisa sent it; when Kaisa's list is known, only these
 * tables change.
 */
export const CALL_ID_FIELDS = ['cdr_id', 'call_id', 'callid', 'id'] as const;
const NUMBER_FIELDS = new Set([
	'duration',
	'ring_time',
	'talk_time',
	'wait_time',
	'queue_time',
	'hold_time',
]);
const TIME_FIELDS = new Set(['start', 'end', 'start_time', 'end_time', 'answered_at']);
const BOOLEAN_FIELDS = new Set(['answered']);

const TRUE_TEXT = new Set(['1', 'true', 'yes', 'answered']);
const FALSE_TEXT = new Set(['0', 'false', 'no', 'unanswered', 'missed']);

/** A form field sent twice arrives as a list: its first value counts. */
function single(value: unknown): unknown {
	return Array.isArray(value) ? value[0] : value;
}

function asNumber(value: unknown): unknown {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '') return null;
	return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
}

function asBoolean(value: unknown): unknown {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value !== 'string') return value;
	const text = value.trim().toLowerCase();
	if (text === '') return null;
	if (TRUE_TEXT.has(text)) return true;
	if (FALSE_TEXT.has(text)) return false;
	return value;
}

/**
 * Kaisa's `YYYY-MM-DD HH:MM:SS` (UTC, as its statistics API), an ISO time with a zone, or Unix
 * seconds / milliseconds, as an ISO string; anything else is left as sent.
 */
export function asIsoTime(value: unknown): unknown {
	if (typeof value === 'number') return epochToIso(value) ?? value;
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '') return null;
	if (/^\d{9,13}$/.test(text)) return epochToIso(Number(text)) ?? value;
	const kaisa = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (kaisa) {
		const [year, month, day, hour, minute, second] = kaisa.slice(1).map(Number);
		const ms = Date.UTC(year, month - 1, day, hour, minute, second);
		const valid = !Number.isNaN(ms) && new Date(ms).getUTCDate() === day && hour < 24;
		return valid ? new Date(ms).toISOString() : value;
	}
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? value : new Date(ms).toISOString();
	}
	return value;
}

function epochToIso(seconds: number): string | undefined {
	if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
	const ms = seconds >= 1e12 ? seconds : seconds * 1000;
	return new Date(ms).toISOString();
}

/** One field's value typed by its name; a value that does not read as its type stays as sent. */
export function typedValue(name: string, value: unknown): unknown {
	const first = single(value);
	const key = name.toLowerCase();
	if (NUMBER_FIELDS.has(key)) return asNumber(first);
	if (TIME_FIELDS.has(key)) return asIsoTime(first);
	if (BOOLEAN_FIELDS.has(key)) return asBoolean(first);
	return first;
}

/** Every field typed (see the tables above); names are kept as Kaisa sent them. */
export function typedFields(fields: IDataObject): IDataObject {
	const typed: IDataObject = {};
	for (const [name, value] of Object.entries(fields))
		typed[name] = typedValue(name, value) as IDataObject[string];
	return typed;
}

/** The call id (the first of CALL_ID_FIELDS that has a value) as text; undefined without one. */
export function callIdOf(fields: IDataObject): string | undefined {
	const byName = new Map(Object.keys(fields).map((name) => [name.toLowerCase(), name]));
	for (const candidate of CALL_ID_FIELDS) {
		const name = byName.get(candidate);
		if (name === undefined) continue;
		const value = single(fields[name]);
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}
