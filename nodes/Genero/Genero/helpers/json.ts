import type { IDataObject } from 'n8n-workflow';

/** An API answer as item JSON. */
export function asJson(body: unknown, fallback: IDataObject = {}): IDataObject {
	if (body === undefined || body === null || body === '') return fallback;
	if (typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	return { data: body as IDataObject[string] };
}
