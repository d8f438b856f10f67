import type {
	FunctionsBase,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	RequestHelperFunctions,
} from 'n8n-workflow';

import { pauseClient, waitForClient } from './back-pressure';
import { apiError, ApiResponseError, networkError, tokenError } from './errors';
import { flatHeaders } from './http-headers';
import { providerFor, type Provider } from './providers';
import { retryAfterMs } from './token/exchange';
import { clock } from './token/clock';
import { getToken, replaceRejectedToken, type TokenContext } from './token/cache';
import { readCredentialState } from './token/credential-state';
import { keysFor } from './token/keys';
import type { TokenRequest } from './token/profile';
import { TokenError } from './token/token-error';

export interface ApiRequestOptions {
	method: IHttpRequestMethods;
	/** A path under the credential's base URL, or an absolute URL. */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	/** `form` sends the body url-encoded (Kaisa); JSON otherwise. */
	bodyFormat?: 'json' | 'form';
	headers?: IDataObject;
	timeout?: number;
	/** A provider's per-client limits, applied to every attempt the transport sends. */
	gate?: RequestGate;
}

/**
 * Limits a caller holds for a client (Genero's Data Warehouse: one call at a time, 60 a minute,
 * 3,000 a day). The transport asks before every attempt, retries after a 401 or a 429 included, so
 * each counts.
 */
export interface RequestGate {
	/** Waits for a slot and counts the attempt, or throws (nothing is sent). */
	beforeSend(): Promise<void>;
	/**
	 * How long to wait before retry `retry` (0 first) after a 429 that announced no wait (the
	 * provider's limits span processes: another worker may hold the slot); undefined gives up.
	 */
	refusedBackoffMs?(retry: number): number | undefined;
}

export interface ApiResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
}

/**
 * What the transport uses of a node's context: execute, hook (webhook registration), webhook and
 * poll functions all offer it, so triggers call APIs the same way as action nodes.
 */
export type TransportFunctions = Pick<
	FunctionsBase,
	'getCredentials' | 'getNode' | 'getWorkflowStaticData'
> & { helpers: Pick<RequestHelperFunctions, 'httpRequest'> };

const MAX_THROTTLE_RETRIES = 3;
const MAX_THROTTLE_WAIT_MS = 60_000;

/**
 * One API call with the credential's token: token from the engine (memory, static data, one
 * shared fetch), then the request; a 401 replaces exactly that token once and retries once;
 * a 429 pauses every request of the client for the announced reset (bounded). Errors are NodeApiError without secrets.
 */
export async function apiRequest(
	this: TransportFunctions,
	credentialType: string,
	options: ApiRequestOptions,
	itemIndex = 0,
): Promise<any> {
	return (await apiRequestFull.call(this, credentialType, options, itemIndex)).body;
}

export async function apiRequestFull(
	this: TransportFunctions,
	credentialType: string,
	options: ApiRequestOptions,
	itemIndex = 0,
): Promise<ApiResponse> {
	// n8n's getNode() copies the node on every call: only the error paths need it.
	const node = () => this.getNode();
	const provider = providerFor(credentialType);
	const credentials = await this.getCredentials(credentialType, itemIndex);
	let request: TokenRequest;
	let baseUrl: string;
	try {
		request = provider.tokenRequest(credentials);
		baseUrl = provider.baseUrl(credentials);
		// Header fields (tenant, extra headers) are checked before any request too.
		provider.apiHeaders(credentials, '');
	} catch (error) {
		throw error instanceof TokenError ? tokenError(node(), error, itemIndex) : error;
	}
	const context: TokenContext = {
		http: async (requestOptions) => await this.helpers.httpRequest(requestOptions),
		staticData: this.getWorkflowStaticData('global'),
		credential: readCredentialState(credentials),
	};
	const secrets = [request.clientSecret];

	const withToken = async (token?: string) => {
		try {
			return token ? token : (await getToken(request, context)).accessToken;
		} catch (error) {
			throw error instanceof TokenError ? tokenError(node(), error, itemIndex) : error;
		}
	};

	const client = keysFor(request).budget;
	let token = await withToken();
	let replaced = false;
	for (let throttled = 0, backedOff = 0; ; ) {
		await waitForClient(client);
		await options.gate?.beforeSend();
		const response = await send.call(
			this,
			provider,
			credentials,
			baseUrl,
			options,
			token,
			itemIndex,
		);
		if (response.statusCode >= 200 && response.statusCode < 300) return response;
		secrets.push(token);
		if (response.statusCode === 401 && !replaced) {
			replaced = true;
			let replacement;
			try {
				replacement = await replaceRejectedToken(request, token, context, 'confirmed');
			} catch (error) {
				throw error instanceof TokenError ? tokenError(node(), error, itemIndex) : error;
			}
			token = await withToken(replacement?.accessToken);
			continue;
		}
		if (response.statusCode === 429) {
			const wait = throttleWait(response.headers);
			if (wait !== undefined && wait <= MAX_THROTTLE_WAIT_MS && throttled < MAX_THROTTLE_RETRIES) {
				throttled++;
				pauseClient(client, wait);
				continue;
			}
			const backoff = wait === undefined ? options.gate?.refusedBackoffMs?.(backedOff) : undefined;
			if (backoff !== undefined) {
				backedOff++;
				await clock.sleep(backoff);
				continue;
			}
		}
		const failure = new ApiResponseError(
			response.statusCode,
			response.body,
			response.headers,
			provider.errorText(response.body),
		);
		throw apiError(node(), failure, secrets, itemIndex);
	}
}

/** How long a 429 asks us to wait: Retry-After, or X-Rate-Limit-Reset (seconds, or an epoch). */
export function throttleWait(headers: Record<string, string>): number | undefined {
	const retryAfter = retryAfterMs(headers['retry-after'] ?? '');
	if (retryAfter !== undefined) return retryAfter;
	const reset = Number(headers['x-rate-limit-reset'] ?? headers['x-ratelimit-reset']);
	if (!Number.isFinite(reset) || reset < 0) return undefined;
	if (reset > 1e12) return Math.max(0, reset - clock.now());
	if (reset > 1e9) return Math.max(0, reset * 1000 - clock.now());
	return reset * 1000;
}

async function send(
	this: TransportFunctions,
	provider: Provider,
	credentials: Parameters<Provider['apiHeaders']>[0],
	baseUrl: string,
	options: ApiRequestOptions,
	token: string,
	itemIndex: number,
): Promise<ApiResponse> {
	const absolute = /^https?:\/\//i.test(options.url);
	const url = absolute
		? options.url
		: `${baseUrl}${options.url.startsWith('/') ? '' : '/'}${options.url}`;
	const headers: IDataObject = {
		Accept: 'application/json',
		...options.headers,
		...provider.apiHeaders(credentials, token),
	};
	let body: IHttpRequestOptions['body'] = options.body;
	if (
		options.body !== undefined &&
		options.bodyFormat === 'form' &&
		typeof options.body === 'object'
	) {
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(options.body)) {
			if (value !== undefined && value !== null) form.append(key, String(value));
		}
		body = form.toString();
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	const requestOptions: IHttpRequestOptions = {
		method: options.method,
		url,
		qs: options.qs,
		body,
		headers,
		json: options.bodyFormat !== 'form',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: options.timeout,
	};
	try {
		const response = (await this.helpers.httpRequest(requestOptions)) as {
			statusCode: number;
			headers: unknown;
			body: unknown;
		};
		return {
			statusCode: response.statusCode,
			headers: flatHeaders(response.headers),
			body: parseIfJson(response.body),
		};
	} catch (error) {
		throw networkError(this.getNode(), error, url, itemIndex);
	}
}

function parseIfJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (!text.startsWith('{') && !text.startsWith('[')) return body;
	try {
		return JSON.parse(text);
	} catch {
		return body;
	}
}
