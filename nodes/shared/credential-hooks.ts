import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	isCredentialTestCall,
	probeForTest,
	probeRequested,
	testNeedsProbe,
	withoutTestHeader,
} from './credential-test';
import { waitForClient } from './back-pressure';
import { clearHookError, noteHookError } from './hook-errors';
import type { Provider } from './providers';
import type { HttpRequester } from './token/exchange';
import {
	credentialKey,
	credentialStateFor,
	currentToken,
	getToken,
	isRejected,
	refusalWithoutToken,
	replaceRejectedToken,
	type TokenContext,
} from './token/cache';
import { readCredentialState, type CredentialTokenState } from './token/credential-state';
import { keysFor } from './token/keys';
import { tokenCheck } from './token/token-check';
import { TokenError } from './token/token-error';

/**
 * The pieces every credential type shares: hidden fields n8n persists (encrypted) after
 * `preAuthentication`, and the hooks that run through the token engine.
 */
export const tokenFields: INodeProperties[] = [
	{
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'hidden',
		typeOptions: { expirable: true, password: true },
		default: '',
	},
	{
		// When the token was fetched, when it expires, for which settings, and the client's recent
		// token fetches (quota budgets must hold across processes).
		displayName: 'Token State',
		name: 'tokenState',
		type: 'hidden',
		default: '',
	},
];

/**
 * n8n calls this when the stored token is empty, when a request failed (any error for the HTTP
 * Request node, a 401 elsewhere, or our `authenticate` saying the token is past its freshness) and
 * when the user tests the credential. Returning no `accessToken` keeps the stored one.
 */
export function preAuthenticateWith(provider: Provider) {
	return async function preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		try {
			const output = await preAuthenticate.call(this, credentials);
			clearHookError(credentials);
			return output;
		} catch (error) {
			throw noteHookError(credentials, error);
		}
	};

	async function preAuthenticate(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const request = provider.tokenRequest(credentials);
		const state = readCredentialState(credentials);
		const http: HttpRequester = async (options) => await this.helpers.httpRequest(options);
		const context: TokenContext = { http, credential: state };
		const testKey = credentialKey(request);
		if (probeRequested(testKey)) {
			// The second run of a credential test (see credential-test.ts): the token of the first.
			const held = currentToken(request, state) ?? (await getToken(request, context)).accessToken;
			await probeForTest(provider, credentials, request, held, http, testKey);
			return {};
		}
		let refusal: TokenError | undefined;
		const token = await (
			state.accessToken
				? replaceRejectedToken(
						request,
						state.accessToken,
						context,
						// A 401 our transport saw itself needs no probe.
						isRejected(state.accessToken)
							? 'confirmed'
							: { check: tokenCheck(provider, credentials, http) },
					)
				: getToken(request, context)
		).catch(async (error: unknown) => {
			if (error instanceof TokenError && error.kind === 'quota' && error.providerStatus) {
				refusal = error;
				return undefined;
			}
			return await Promise.reject(error);
		});
		if (refusal) {
			// The provider declared the quota spent: n8n persists that (with the token it had), so
			// every process refuses locally; `authenticate` then gives the refusal.
			const kept: CredentialTokenState = {
				...credentialStateFor(request, undefined, context),
				obtainedAt: state.obtainedAt,
				expiresAt: state.expiresAt,
				key: state.key,
			};
			return { accessToken: state.accessToken ?? '', tokenState: JSON.stringify(kept) };
		}
		if (!token) return {};
		const tokenState = credentialStateFor(request, token, context);
		return { accessToken: token.accessToken, tokenState: JSON.stringify(tokenState) };
	}
}

/**
 * n8n sends a failed request again after `preAuthentication` when the error has status 401
 * (any error for the HTTP Request node). Signalling a stale token this way refreshes it before
 * anything is sent, so the provider never sees an expired token. If the refresh still leaves no
 * token, n8n wraps this in a NodeApiError and the transport reports that no usable token was had.
 */
export class TokenNeedsRefresh extends Error {
	readonly response = { status: 401, statusText: 'Token refresh needed', headers: {}, data: {} };

	constructor(
		readonly provider: string,
		why = 'is past its lifetime and is being refreshed',
	) {
		super(`The ${provider} access token ${why}`);
		this.name = 'TokenNeedsRefresh';
	}
}

export function authenticateWith(provider: Provider) {
	return async function authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		try {
			const authenticated = await authenticateRequest(credentials, requestOptions);
			clearHookError(credentials);
			return authenticated;
		} catch (error) {
			throw noteHookError(credentials, error);
		}
	};

	async function authenticateRequest(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const request = provider.tokenRequest(credentials);
		let headers = requestOptions.headers;
		if (isCredentialTestCall(headers)) {
			// n8n's credential test: its API call is checked first (see credential-test.ts).
			if (testNeedsProbe(credentialKey(request)))
				throw new TokenNeedsRefresh(
					request.profile.provider,
					'is checked against the API first (credential test)',
				);
			headers = withoutTestHeader(headers);
		}
		// Right before n8n sends: a 429 our transport saw for this client pauses this request too.
		await waitForClient(keysFor(request).budget);
		const state = readCredentialState(credentials);
		const token = currentToken(request, state);
		if (token === undefined) {
			throw refusalWithoutToken(request, state) ?? new TokenNeedsRefresh(request.profile.provider);
		}
		requestOptions.headers = { ...headers, ...provider.apiHeaders(credentials, token) };
		return requestOptions;
	}
}
