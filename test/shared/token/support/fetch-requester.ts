import type { IHttpRequestOptions } from 'n8n-workflow';

import type { HttpRequester } from '../../../../nodes/shared/token/exchange';

/** A stand-in for n8n's helpers.httpRequest (full response, status errors ignored) for unit tests. */
export function fetchRequester(calls: IHttpRequestOptions[] = []): HttpRequester {
	return async (options) => {
		calls.push(options);
		const url = new URL(options.url, options.baseURL);
		for (const [key, value] of Object.entries(options.qs ?? {}))
			url.searchParams.set(key, String(value));
		const response = await fetch(url, {
			method: options.method ?? 'GET',
			headers: options.headers as Record<string, string>,
			body:
				typeof options.body === 'string'
					? options.body
					: options.body
						? JSON.stringify(options.body)
						: undefined,
			signal: options.timeout ? AbortSignal.timeout(options.timeout) : undefined,
		}).catch((error: Error & { cause?: { code?: string } }) => {
			throw Object.assign(new Error(error.message), {
				code: error.cause?.code,
				cause: error.cause,
			});
		});
		const text = await response.text();
		return {
			statusCode: response.status,
			headers: Object.fromEntries(response.headers.entries()),
			body: options.encoding === 'text' ? text : text ? JSON.parse(text) : undefined,
		};
	};
}
