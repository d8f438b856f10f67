import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { resetBackPressure } from '../back-pressure';
import { clock } from './clock';
import { readCredentialState, type CredentialTokenState } from './credential-state';
import { exchangeToken, type HttpRequester, type IssuedToken } from './exchange';
import { keysFor, type CacheKeys } from './keys';
import { DEFAULT_UNCONFIRMED_REFRESH_INTERVAL_SECONDS, type TokenRequest } from './profile';
import { assertFits, fits, mergeLogs, spentRefusal, type FetchLog } from './quota';
import {
	dropToken,
	readFetchLog,
	readSpentUntil,
	readToken,
	writeSpentUntil,
	writeToken,
} from './static-store';
import { TokenError } from './token-error';

/** Where a caller can find and keep tokens besides process memory. */
export interface TokenContext {
	http: HttpRequester;
	/** L2: the workflow's static data (nodes only; credential code cannot reach it). */
	staticData?: IDataObject;
	/** What the credential stored the last time n8n persisted it. */
	credential?: CredentialTokenState;
}

/**
 * L1, shared by every workflow, node and credential of the process: n8n loads credentials and
 * nodes of a package with one `require`, so they share this module.
 */
interface Memory {
	tokens: Map<string, IssuedToken>;
	inflight: Map<string, Promise<IssuedToken>>;
	fetches: Map<string, FetchLog>;
	/** Tokens an API rejected, so no slower layer hands them out again. */
	rejected: Set<string>;
	/** Per client: the provider refused token requests for its quota until then. */
	spent: Map<string, number>;
	/** Per client: when a token was last replaced on a failure nobody could confirm. */
	unconfirmed: Map<string, number>;
}

const MAX_REJECTED = 1000;
const CREDENTIAL_KEY_LENGTH = 16;

function emptyMemory(): Memory {
	return {
		tokens: new Map(),
		inflight: new Map(),
		fetches: new Map(),
		rejected: new Set(),
		spent: new Map(),
		unconfirmed: new Map(),
	};
}

let l1 = emptyMemory();

function memory(): Memory {
	return l1;
}

/** Forgets every token, count and client pause held in memory, as a restart does. */
export function resetTokenCache(): void {
	l1 = emptyMemory();
	resetBackPressure();
}

/** Fresh means usable for a while yet: the margin is 10 % of the lifetime, at most 5 minutes. */
export function isFresh(
	token: Pick<IssuedToken, 'obtainedAt' | 'expiresAt'>,
	now = clock.now(),
): boolean {
	const lifetime = Math.max(0, token.expiresAt - token.obtainedAt);
	return now < token.expiresAt - Math.min(300_000, lifetime * 0.1);
}

export function credentialKey(request: TokenRequest): string {
	return keysFor(request).memory.slice(0, CREDENTIAL_KEY_LENGTH);
}

function fromCredential(
	request: TokenRequest,
	keys: CacheKeys,
	state?: CredentialTokenState,
): IssuedToken | undefined {
	if (
		!state?.accessToken ||
		typeof state.expiresAt !== 'number' ||
		typeof state.obtainedAt !== 'number'
	)
		return undefined;
	if (state.key !== keys.memory.slice(0, CREDENTIAL_KEY_LENGTH)) return undefined;
	return {
		accessToken: state.accessToken,
		obtainedAt: state.obtainedAt,
		expiresAt: state.expiresAt,
	};
}

function usable(token: IssuedToken | undefined): token is IssuedToken {
	return token !== undefined && isFresh(token) && !memory().rejected.has(token.accessToken);
}

/** Every fetch this client made that memory, static data and the credential know of. */
export function fetchLog(
	request: TokenRequest,
	context: Omit<TokenContext, 'http'>,
	keys = keysFor(request),
): FetchLog {
	return mergeLogs(
		request.profile,
		memory().fetches.get(keys.budget),
		context.staticData ? readFetchLog(context.staticData, keys) : undefined,
		context.credential?.fetches,
	);
}

/** Until when the provider refused this client's token requests, as any layer remembers it. */
export function spentUntil(
	request: TokenRequest,
	context: Omit<TokenContext, 'http'>,
	keys = keysFor(request),
): number | undefined {
	const times = [
		memory().spent.get(keys.budget),
		context.staticData ? readSpentUntil(context.staticData, keys) : undefined,
		context.credential?.spentUntil,
	].filter((at): at is number => at !== undefined && at > clock.now());
	return times.length > 0 ? Math.max(...times) : undefined;
}

/** When this client last replaced a token on an unconfirmed failure, as memory or the credential knows. */
export function unconfirmedAt(
	request: TokenRequest,
	context: Omit<TokenContext, 'http'>,
	keys = keysFor(request),
): number | undefined {
	const times = [memory().unconfirmed.get(keys.budget), context.credential?.unconfirmedAt].filter(
		(at): at is number => at !== undefined,
	);
	return times.length > 0 ? Math.max(...times) : undefined;
}

/** What the credential should remember of a token and of its client's fetches (for n8n to persist). */
export function credentialStateFor(
	request: TokenRequest,
	token: Pick<IssuedToken, 'obtainedAt' | 'expiresAt'> | undefined,
	context: Omit<TokenContext, 'http'>,
): CredentialTokenState {
	return {
		obtainedAt: token?.obtainedAt,
		expiresAt: token?.expiresAt,
		key: token ? credentialKey(request) : undefined,
		fetches: fetchLog(request, context),
		spentUntil: spentUntil(request, context),
		unconfirmedAt: unconfirmedAt(request, context),
	};
}

/**
 * The refusal to give when no token is fresh and the provider declared the quota spent, for
 * `authenticate` (which cannot fetch), or undefined.
 */
export function refusalWithoutToken(
	request: TokenRequest,
	credential?: CredentialTokenState,
): TokenError | undefined {
	return spentRefusal(request.profile, spentUntil(request, { credential }));
}

function remember(
	request: TokenRequest,
	keys: CacheKeys,
	token: IssuedToken,
	context: Omit<TokenContext, 'http'>,
): IssuedToken {
	const mem = memory();
	const held = mem.tokens.get(keys.memory);
	if (!held || held.obtainedAt < token.obtainedAt) mem.tokens.set(keys.memory, token);
	if (context.staticData) {
		writeToken(
			context.staticData,
			keys,
			request.clientSecret,
			token,
			fetchLog(request, context, keys),
		);
	}
	return token;
}

/**
 * The usable token the layers hold (memory or the credential row, the newer; then static data),
 * without any I/O, kept in memory and static data; undefined when a fetch is needed.
 */
export function heldToken(
	request: TokenRequest,
	context: Omit<TokenContext, 'http'>,
): IssuedToken | undefined {
	const keys = keysFor(request);
	// Memory or the credential row, the newer (the row on a tie): another process may have refreshed.
	const held = memory().tokens.get(keys.memory);
	const credential = fromCredential(request, keys, context.credential);
	const quick = [credential, held].filter(usable).sort((a, b) => b.obtainedAt - a.obtainedAt);
	if (quick[0]) return remember(request, keys, quick[0], context);
	const stored = context.staticData
		? readToken(context.staticData, keys, request.clientSecret)
		: undefined;
	if (usable(stored)) return remember(request, keys, stored, context);
	return undefined;
}

/**
 * Whether the credential's token is still valid but past its freshness (a proactive refresh is
 * due, the moment several processes reach at once), rather than missing or expired.
 */
export function refreshIsProactive(
	request: TokenRequest,
	credential?: CredentialTokenState,
): boolean {
	const known = fromCredential(request, keysFor(request), credential);
	return known !== undefined && !isFresh(known) && known.expiresAt > clock.now();
}

/**
 * Before a fetch that n8n runs through the credential's `preAuthentication` (which cannot reach
 * static data): memory adopts the fetch log and quota refusal that static data remembers.
 */
export function adoptStaticData(request: TokenRequest, staticData: IDataObject): void {
	const keys = keysFor(request);
	const mem = memory();
	const log = readFetchLog(staticData, keys);
	if (log.length > 0) {
		mem.fetches.set(keys.budget, mergeLogs(request.profile, mem.fetches.get(keys.budget), log));
	}
	const until = readSpentUntil(staticData, keys);
	if (until !== undefined && until > (mem.spent.get(keys.budget) ?? 0)) {
		mem.spent.set(keys.budget, until);
	}
}

/**
 * After a call: static data keeps the token the call ended with (from its copy of the credential),
 * the fetch log and any quota refusal, for the next run.
 */
export function keepInStaticData(
	request: TokenRequest,
	staticData: IDataObject,
	credential: CredentialTokenState,
): void {
	const keys = keysFor(request);
	const until = memory().spent.get(keys.budget);
	if (until !== undefined && until > clock.now()) writeSpentUntil(staticData, keys, until);
	const used = fromCredential(request, keys, credential);
	if (usable(used)) remember(request, keys, used, { staticData, credential });
}

/** An API answered 401 to this token: no layer hands it out again. */
export function markRejected(
	request: TokenRequest,
	rejected: string,
	staticData?: IDataObject,
): void {
	const keys = keysFor(request);
	const mem = memory();
	if (mem.tokens.get(keys.memory)?.accessToken === rejected) mem.tokens.delete(keys.memory);
	if (mem.rejected.size >= MAX_REJECTED) mem.rejected.clear();
	mem.rejected.add(rejected);
	if (staticData) dropToken(staticData, keys, request.clientSecret, rejected);
}

/** The token of a request: memory, then static data, then the credential, then one shared fetch. */
export async function getToken(request: TokenRequest, context: TokenContext): Promise<IssuedToken> {
	const keys = keysFor(request);
	const held = memory().tokens.get(keys.memory);
	if (usable(held)) return remember(request, keys, held, context);
	const stored = context.staticData
		? readToken(context.staticData, keys, request.clientSecret)
		: undefined;
	if (usable(stored)) return remember(request, keys, stored, context);
	const credential = fromCredential(request, keys, context.credential);
	if (usable(credential)) return remember(request, keys, credential, context);
	return remember(request, keys, await fetchOnce(request, keys, context), context);
}

/** Asks the API whether a token still works: true, false (401), or undefined (cannot tell). */
export type TokenCheck = (accessToken: string) => Promise<boolean | undefined>;

/**
 * After an API turned `rejected` down: the replacement another caller already fetched, or one new
 * fetch. `evidence` is 'confirmed' when the caller saw a 401 itself. n8n's HTTP Request node only
 * says "a request failed" (for 404s and 500s too): a token still within its lifetime is then
 * checked against the API when the provider has a cheap call for that, else replaced only when it
 * is old enough and the budget keeps a fetch in reserve; otherwise undefined (keep the token).
 */
export async function replaceRejectedToken(
	request: TokenRequest,
	rejected: string,
	context: TokenContext,
	evidence: 'confirmed' | { check?: TokenCheck },
): Promise<IssuedToken | undefined> {
	const keys = keysFor(request);
	const mem = memory();
	const held = mem.tokens.get(keys.memory);
	if (held && held.accessToken !== rejected && usable(held))
		return remember(request, keys, held, context);
	const flight = mem.inflight.get(keys.memory);
	if (flight) return remember(request, keys, await flight, context);

	if (evidence !== 'confirmed') {
		const known =
			held?.accessToken === rejected ? held : fromCredential(request, keys, context.credential);
		if (known?.accessToken === rejected && isFresh(known)) {
			const works = evidence.check ? await evidence.check(rejected) : undefined;
			if (works === true) return undefined;
			if (works === undefined) {
				// Rate, not age: a revoked young token is replaced too, a storm of 404s costs one fetch.
				const interval =
					(request.profile.unconfirmedRefreshIntervalSeconds ??
						DEFAULT_UNCONFIRMED_REFRESH_INTERVAL_SECONDS) * 1000;
				const last = unconfirmedAt(request, context, keys);
				if (last !== undefined && clock.now() - last < interval) return undefined;
				if (!fits(request.profile, fetchLog(request, context, keys), 1)) return undefined;
				mem.unconfirmed.set(keys.budget, clock.now());
			}
			// The check may have taken a while: someone else may have replaced the token meanwhile.
			const replacedMeanwhile = mem.tokens.get(keys.memory);
			if (
				replacedMeanwhile &&
				replacedMeanwhile.accessToken !== rejected &&
				usable(replacedMeanwhile)
			) {
				return remember(request, keys, replacedMeanwhile, context);
			}
		}
	}

	if (mem.tokens.get(keys.memory)?.accessToken === rejected) mem.tokens.delete(keys.memory);
	if (mem.rejected.size >= MAX_REJECTED) mem.rejected.clear();
	mem.rejected.add(rejected);
	if (context.staticData) dropToken(context.staticData, keys, request.clientSecret, rejected);
	return remember(request, keys, await fetchOnce(request, keys, context), context);
}

/** Whether an API rejected this token in this process (a 401 our transport saw itself). */
export function isRejected(accessToken: string): boolean {
	return memory().rejected.has(accessToken);
}

/**
 * The token to send right now without any I/O (for `authenticate`), or undefined if none is fresh:
 * the credential's own when it is usable (the transport pins the token it chose there, so it knows
 * what was sent), else memory's.
 */
export function currentToken(
	request: TokenRequest,
	credential?: CredentialTokenState,
): string | undefined {
	const keys = keysFor(request);
	const stored = fromCredential(request, keys, credential);
	if (usable(stored)) return stored.accessToken;
	const held = memory().tokens.get(keys.memory);
	if (usable(held)) return held.accessToken;
	if (stored || !credential?.accessToken || memory().rejected.has(credential.accessToken))
		return undefined;
	// A token stored without our state (saved by an older version): let the API decide.
	return credential.key === undefined && credential.expiresAt === undefined
		? credential.accessToken
		: undefined;
}

/**
 * Puts a token into this call's copy of the credential (n8n persists nothing of it), so that
 * `authenticate` sends exactly that token.
 */
export function pinToken(
	request: TokenRequest,
	credentials: ICredentialDataDecryptedObject,
	token: IssuedToken,
): void {
	if (credentials.accessToken === token.accessToken) return;
	const { accessToken: _previous, ...state } = readCredentialState(credentials);
	const pinned: CredentialTokenState = {
		...state,
		obtainedAt: token.obtainedAt,
		expiresAt: token.expiresAt,
		key: credentialKey(request),
	};
	credentials.accessToken = token.accessToken;
	credentials.tokenState = JSON.stringify(pinned);
}

/** Single flight: callers that need the same token at once share one fetch. */
async function fetchOnce(
	request: TokenRequest,
	keys: CacheKeys,
	context: TokenContext,
): Promise<IssuedToken> {
	const mem = memory();
	const running = mem.inflight.get(keys.memory);
	if (running) return await running;
	const flight = (async () => {
		const log = fetchLog(request, context, keys);
		assertFits(request.profile, log, spentUntil(request, context, keys));
		const token = await exchangeToken(request, context.http, log).catch(async (error: unknown) => {
			if (error instanceof TokenError && error.kind === 'quota' && error.fetchPossibleAt) {
				const until = Math.max(error.fetchPossibleAt, mem.spent.get(keys.budget) ?? 0);
				mem.spent.set(keys.budget, until);
				if (context.staticData) writeSpentUntil(context.staticData, keys, until);
			}
			return await Promise.reject(error);
		});
		const known = mergeLogs(request.profile, log, mem.fetches.get(keys.budget));
		// Logs from several places are merged by timestamp, so each fetch needs its own.
		let stamp = token.obtainedAt;
		while (known.includes(stamp)) stamp++;
		mem.fetches.set(keys.budget, mergeLogs(request.profile, known, [stamp]));
		mem.tokens.set(keys.memory, token);
		return token;
	})();
	mem.inflight.set(keys.memory, flight);
	try {
		return await flight;
	} finally {
		mem.inflight.delete(keys.memory);
	}
}
