import type {
	FunctionsBase,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	RequestHelperFunctions,
} from 'n8n-workflow';

import { pauseClient, waitForClient } from './back-pressure';
import { TokenNeedsRefresh } from './credential-hooks';
import {
	apiError,
	ApiResponseError,
	networkError,
	noUsableTokenError,
	requestError,
	tokenError,
} from './errors';
import { takeHookError } from './hook-errors';
import { flatHeaders } from './http-headers';
import { providerFor } from './providers';
import { retryAfterMs } from './token/exchange';
import { clock } from './token/clock';
import {
	adoptStaticData,
	currentToken,
	heldToken,
	keepInStaticData,
	markRejected,
	pinToken,
	refreshIsProactive,
} from './token/cache';
import { readCredentialState } from './token/credential-state';
import { keepsFetchesBack } from './token/quota';
import { keysFor } from './token/keys';
import { pauseBeforeRefresh } from './token/refresh-pause';
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
> & { helpers: Pick<RequestHelperFunctions, 'httpRequest' | 'httpRequestWithAuthentication'> };

const MAX_THROTTLE_RETRIES = 3;
const MAX_THROTTLE_WAIT_MS = 60_000;

/**
 * One API call with the credential's token: the token the layers hold (memory or the credential
 * row, the newer; then static data), else one fetch that n8n runs in the credential's
 * `preAuthentication` and persists in the row; then the request. A 401 replaces exactly that token
 * once and retries once; a 429 pauses every request of the client for the announced reset
 * (bounded). Errors are NodeApiError without secrets.
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
	let credentials = await this.getCredentials(credentialType, itemIndex);
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
	const staticData = this.getWorkflowStaticData('global');
	const secrets = [request.clientSecret];
	const client = keysFor(request).budget;

	if (!heldToken(request, { staticData, credential: readCredentialState(credentials) })) {
		credentials = await settledCredentials.call(
			this,
			'due',
			request,
			credentialType,
			credentials,
			itemIndex,
		);
		// A fetch runs in the credential's preAuthentication, which cannot reach static data: memory
		// brings static data's counts to it.
		adoptStaticData(request, staticData);
	}

	let replaced = false;
	try {
		for (let throttled = 0, backedOff = 0; ; ) {
			await waitForClient(client);
			await options.gate?.beforeSend();
			// The token `authenticate` sends; with none, n8n runs preAuthentication first, which
			// fetches (or takes another caller's) and puts it into this copy of the credential.
			const held = heldToken(request, { staticData, credential: readCredentialState(credentials) });
			if (held) pinToken(request, credentials, held);
			const response = await send.call(
				this,
				credentialType,
				credentials,
				baseUrl,
				options,
				itemIndex,
			);
			const sent = currentToken(request, readCredentialState(credentials));
			if (response.statusCode >= 200 && response.statusCode < 300) return response;
			if (sent) secrets.push(sent);
			if (response.statusCode === 401 && !replaced) {
				// Exactly that token is replaced, once: the next attempt's `authenticate` finds no
				// token and n8n runs preAuthentication, which fetches (or takes another caller's).
				replaced = true;
				if (sent) markRejected(request, sent, staticData);
				credentials = await settledCredentials.call(
					this,
					'rejected',
					request,
					credentialType,
					credentials,
					itemIndex,
				);
				continue;
			}
			if (response.statusCode === 429) {
				const wait = throttleWait(response.headers);
				if (
					wait !== undefined &&
					wait <= MAX_THROTTLE_WAIT_MS &&
					throttled < MAX_THROTTLE_RETRIES
				) {
					throttled++;
					pauseClient(client, wait);
					continue;
				}
				const backoff =
					wait === undefined ? options.gate?.refusedBackoffMs?.(backedOff) : undefined;
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
	} finally {
		keepInStaticData(request, staticData, readCredentialState(credentials));
	}
}

/** Longest pause before a refresh of a budgeted client (a proactive one: never past half the token's rest). */
export const REFRESH_JITTER_MS = 2000;

/**
 * The credential to refresh from. Every worker reaches a refresh of a budgeted client together:
 * when its token is due for a proactive refresh (`due`), and after a revocation, whose 401 reaches
 * every worker's next call at once (`rejected`, for scarce budgets: Genero). A jittered pause (one
 * per client and process), then the row read again, lets a token another process persisted
 * meanwhile be used instead of fetching again. Without a distributed lock this narrows the race;
 * the budget's `keptBack` fetches cover the rest.
 */
async function settledCredentials(
	this: TransportFunctions,
	why: 'due' | 'rejected',
	request: TokenRequest,
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	itemIndex: number,
): Promise<ICredentialDataDecryptedObject> {
	let pauseMs = REFRESH_JITTER_MS;
	if (why === 'rejected') {
		if (!keepsFetchesBack(request.profile)) return credentials;
	} else {
		const state = readCredentialState(credentials);
		if (!request.profile.budgets?.length || !refreshIsProactive(request, state)) return credentials;
		pauseMs = Math.min(pauseMs, ((state.expiresAt ?? 0) - clock.now()) / 2);
	}
	await pauseBeforeRefresh(keysFor(request).budget, pauseMs);
	return await this.getCredentials(credentialType, itemIndex);
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

/**
 * One attempt through n8n's httpRequestWithAuthentication: the credential's `authenticate` adds
 * the token (and Fenergo's tenant), and when it has none n8n runs `preAuthentication` and keeps
 * the new token in the credential row. HTTP errors come back as answers (we handle 401 and 429).
 */
async function send(
	this: TransportFunctions,
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
	options: ApiRequestOptions,
	itemIndex: number,
): Promise<ApiResponse> {
	const absolute = /^https?:\/\//i.test(options.url);
	const url = absolute
		? options.url
		: `${baseUrl}${options.url.startsWith('/') ? '' : '/'}${options.url}`;
	const headers: IDataObject = { Accept: 'application/json', ...options.headers };
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
	takeHookError(credentials);
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this as unknown as IExecuteFunctions,
			credentialType,
			requestOptions,
			{ credentialsDecrypted: { id: '', name: '', type: credentialType, data: credentials } },
		)) as { statusCode: number; headers: unknown; body: unknown };
		return {
			statusCode: response.statusCode,
			headers: flatHeaders(response.headers),
			body: parseIfJson(response.body),
		};
	} catch (error) {
		// n8n wraps what preAuthentication, authenticate or the connection threw in a NodeApiError;
		// n8n 1.x's drops the cause, so the hooks also record what they threw.
		const raised = takeHookError(credentials);
		const cause = causeOf(error);
		const refusal =
			cause instanceof TokenError ? cause : raised instanceof TokenError ? raised : undefined;
		if (refusal) throw tokenError(this.getNode(), refusal, itemIndex);
		const stale =
			raised instanceof TokenNeedsRefresh
				? raised
				: cause instanceof TokenNeedsRefresh
					? cause
					: undefined;
		if (stale) throw noUsableTokenError(this.getNode(), stale.provider, itemIndex);
		const code = raised ? undefined : connectionCode(error, cause);
		if (code !== undefined) throw networkError(this.getNode(), { code }, url, itemIndex);
		throw requestError(this.getNode(), raised ?? cause, url, itemIndex);
	}
}

/**
 * The error code of a connection failure (ECONNREFUSED, ETIMEDOUT, a TLS code…): the cause's, or
 * the one n8n 1.x's NodeApiError keeps as httpCode once it has dropped the cause; undefined when
 * the failure was not one of the connection.
 */
function connectionCode(error: unknown, cause: unknown): string | undefined {
	const own = (cause as { code?: unknown } | undefined)?.code;
	if (typeof own === 'string' && own !== '') return own;
	const kept = (error as { httpCode?: unknown } | undefined)?.httpCode;
	return typeof kept === 'string' && /^[A-Z][A-Z0-9_]+$/.test(kept) ? kept : undefined;
}

function causeOf(error: unknown): unknown {
	let current = error;
	for (let depth = 0; depth < 4; depth++) {
		if (current instanceof TokenError) return current;
		const next = (current as { cause?: unknown } | undefined)?.cause;
		if (next === undefined || next === null) break;
		current = next;
	}
	return current;
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
