import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resultRows } from '../transport';
import { asText } from './validation';

/** Appends rows as items paired to one input item (one shared pairedItem: rows of a page can be many). */
export function pushRows(returnData: INodeExecutionData[], rows: IDataObject[], itemIndex: number): void {
	const pairedItem = { item: itemIndex };
	for (const json of rows) returnData.push({ json, pairedItem });
}

/** Only the fields that have a value: empty optional fields are not sent to Kaisa. */
export function compact(fields: Record<string, unknown>): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		out[name] = value as IDataObject[string];
	}
	return out;
}

/** Appends the first row under `key` (or the whole body if there is none) as one item paired to `itemIndex`. */
export function pushFirstRow(returnData: INodeExecutionData[], body: IDataObject, key: string, itemIndex: number): void {
	const [row] = resultRows(body, key);
	returnData.push({ json: row ?? body, pairedItem: { item: itemIndex } });
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
