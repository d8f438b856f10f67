import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { apiError, ApiResponseError } from '../shared/errors';
import { kaisaApi } from '../shared/providers/kaisa';
import { apiRequest, type TransportFunctions } from '../shared/transport';

export const KAISA_CREDENTIAL = 'kaisaApi';
/** Kaisa's default and largest `pagesize`. */
export const KAISA_MAX_PAGE_SIZE = 1000;
/** A guard against an API that never says it is done: 10,000 pages is 10 million rows. */
const MAX_PAGES = 10_000;

type KaisaMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One Kaisa call through the shared transport (token from the engine, refresh on 401): GET and
 * DELETE send `fields` as the query string, POST and PUT as url-encoded form fields. A body that
 * carries `errors` fails even with a 2xx status.
 */
export async function kaisaRequest(
	this: TransportFunctions,
	itemIndex: number,
	method: KaisaMethod,
	path: string,
	fields: IDataObject = {},
): Promise<IDataObject> {
	const write = method === 'POST' || method === 'PUT';
	const body: unknown = await apiRequest.call(
		this,
		KAISA_CREDENTIAL,
		write
			? { method, url: path, body: fields, bodyFormat: 'form' }
			: { method, url: path, qs: fields },
		itemIndex,
	);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		const text = typeof body === 'string' ? body.slice(0, 200) : typeof body;
		throw new NodeApiError(this.getNode(), { body: text } as JsonObject, {
			message: 'Kaisa answered with something other than a JSON object',
			description: `Check the Base URL in the credential (it must include the API version). The answer began: ${text}`,
			itemIndex,
		});
	}
	const result = body as IDataObject;
	if (carriesErrors(result.errors)) {
		const refusal = new ApiResponseError(200, result, {}, kaisaApi.errorText(result));
		throw apiError(this.getNode(), refusal, [], itemIndex, 'Kaisa refused the request');
	}
	return result;
}

function carriesErrors(errors: unknown): boolean {
	if (Array.isArray(errors)) return errors.length > 0;
	if (errors && typeof errors === 'object') return Object.keys(errors).length > 0;
	return typeof errors === 'string' ? errors !== '' : errors === true;
}

/**
 * The rows of an answer: Kaisa wraps them under the resource name (`{"customers": [...]}`);
 * a single object there counts as one row; failing that, the first list in the answer.
 */
export function resultRows(body: IDataObject, key: string): IDataObject[] {
	const wrapped = body[key];
	if (Array.isArray(wrapped)) return wrapped as IDataObject[];
	if (wrapped && typeof wrapped === 'object') return [wrapped as IDataObject];
	for (const [name, value] of Object.entries(body)) {
		if (name !== 'errors' && Array.isArray(value)) return value as IDataObject[];
	}
	return [];
}

/**
 * Page after page of a Kaisa list (`page` from 0, `pagesize` up to 1000), each yielded as soon as
 * it arrives so the caller can turn it into items and let the page go. Stops at `limit` rows,
 * at `numpages`, or at a short page when the answer has no `numpages`.
 */
export async function* kaisaPages(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	key: string,
	query: IDataObject,
	limit?: number,
): AsyncGenerator<IDataObject[]> {
	const pagesize = Math.min(KAISA_MAX_PAGE_SIZE, limit ?? KAISA_MAX_PAGE_SIZE);
	let remaining = limit ?? Number.POSITIVE_INFINITY;
	for (let page = 0; page < MAX_PAGES && remaining > 0; page++) {
		const body = await kaisaRequest.call(this, itemIndex, 'GET', path, {
			...query,
			page,
			pagesize,
		});
		const rows = resultRows(body, key);
		const numpages = Number(body.numpages);
		const last =
			Number.isFinite(numpages) && body.numpages !== null
				? page + 1 >= numpages
				: rows.length < pagesize;
		if (rows.length > 0) {
			const taken = rows.length > remaining ? rows.slice(0, remaining) : rows;
			remaining -= taken.length;
			yield taken;
		}
		if (last || rows.length === 0) return;
	}
}
