import type { IDataObject } from 'n8n-workflow';

import { asText } from '../../shared/parameters/fields';
import { resultRows } from '../transport';

/** Only the fields that have a value: empty optional fields are not sent to Kaisa. */
export function compact(fields: Record<string, unknown>): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		out[name] = value as IDataObject[string];
	}
	return out;
}

/** The first row under `key`, or the whole body if there is none. */
export function firstRow(body: IDataObject, key: string): IDataObject {
	const [row] = resultRows(body, key);
	return row ?? body;
}

/** A free-form value as Kaisa's form text: strings as they are, anything else stringified (missing is ''). */
export function asFormValue(value: unknown): string {
	return typeof value === 'string' ? value : String(value ?? '');
}

/** The text values of `values`, sent under Kaisa's names: `fields` maps each Kaisa name to its parameter name. */
export function textQuery(values: IDataObject, fields: Record<string, string>): IDataObject {
	const out: Record<string, string> = {};
	for (const [kaisaName, name] of Object.entries(fields)) out[kaisaName] = asText(values[name]);
	return compact(out);
}
