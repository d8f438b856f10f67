import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

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
