import type { IDataObject } from 'n8n-workflow';

import { clock } from './clock';
import type { IssuedToken } from './exchange';
import type { CacheKeys } from './keys';
import type { FetchLog } from './quota';
import { open, seal, type SealedToken } from './seal';

/**
 * L2: workflow static data (global scope). n8n saves it after every non-manual execution, in the
 * clear, so entries hold the token only sealed. The whole object is replaced on change, which
 * also marks static data as changed for n8n.
 */
const FIELD = 'clientCredentialsTokens';
const MAX_LOG_AGE_MS = 32 * 24 * 3600 * 1000;

interface Entry {
	obtainedAt: number;
	expiresAt: number;
	sealed: SealedToken;
}

interface Store {
	v: 1;
	tokens: Record<string, Entry>;
	fetches: Record<string, FetchLog>;
	/** Per client: no token request before this time, the provider said its quota is spent. */
	spent?: Record<string, number>;
}

function read(staticData: IDataObject): Store {
	const store = staticData[FIELD] as Store | undefined;
	if (
		!store ||
		store.v !== 1 ||
		typeof store.tokens !== 'object' ||
		typeof store.fetches !== 'object'
	) {
		return { v: 1, tokens: {}, fetches: {} };
	}
	return store;
}

function context(key: string, entry: Pick<Entry, 'obtainedAt' | 'expiresAt'>): string {
	return `${key}|${entry.obtainedAt}|${entry.expiresAt}`;
}

export function readToken(
	staticData: IDataObject,
	keys: CacheKeys,
	clientSecret: string,
): IssuedToken | undefined {
	const entry = read(staticData).tokens[keys.entry];
	if (!entry?.sealed || typeof entry.expiresAt !== 'number') return undefined;
	const accessToken = open(entry.sealed, clientSecret, context(keys.entry, entry));
	return accessToken
		? { accessToken, obtainedAt: entry.obtainedAt, expiresAt: entry.expiresAt }
		: undefined;
}

export function readFetchLog(staticData: IDataObject, keys: CacheKeys): FetchLog {
	const log = read(staticData).fetches[keys.budget];
	return Array.isArray(log) ? log : [];
}

/** Writes the entry and fetch log, only if they differ from what is stored. */
export function writeToken(
	staticData: IDataObject,
	keys: CacheKeys,
	clientSecret: string,
	token: IssuedToken,
	log: FetchLog,
): void {
	const store = read(staticData);
	const current = store.tokens[keys.entry];
	const sameEntry =
		current?.obtainedAt === token.obtainedAt && current?.expiresAt === token.expiresAt;
	const storedLog = store.fetches[keys.budget] ?? [];
	const sameLog = storedLog.length === log.length && storedLog.every((at, i) => at === log[i]);
	if (sameEntry && sameLog) return;

	const now = clock.now();
	const tokens: Record<string, Entry> = {};
	for (const [key, entry] of Object.entries(store.tokens)) {
		if (key !== keys.entry && entry?.expiresAt > now) tokens[key] = entry;
	}
	tokens[keys.entry] = {
		obtainedAt: token.obtainedAt,
		expiresAt: token.expiresAt,
		sealed: seal(token.accessToken, clientSecret, context(keys.entry, token)),
	};
	const fetches: Record<string, FetchLog> = {};
	for (const [key, entries] of Object.entries(store.fetches)) {
		const kept = Array.isArray(entries) ? entries.filter((at) => at > now - MAX_LOG_AGE_MS) : [];
		if (key !== keys.budget && kept.length > 0) fetches[key] = kept;
	}
	if (log.length > 0) fetches[keys.budget] = log;
	staticData[FIELD] = { v: 1, tokens, fetches, ...liveSpent(store, now) } as unknown as IDataObject;
}

function liveSpent(store: Store, now: number): Pick<Store, 'spent'> {
	const spent: Record<string, number> = {};
	for (const [key, until] of Object.entries(store.spent ?? {})) {
		if (typeof until === 'number' && until > now) spent[key] = until;
	}
	return Object.keys(spent).length > 0 ? { spent } : {};
}

export function readSpentUntil(staticData: IDataObject, keys: CacheKeys): number | undefined {
	const until = read(staticData).spent?.[keys.budget];
	return typeof until === 'number' ? until : undefined;
}

/** Remembers that the provider refused this client's token requests until `until`. */
export function writeSpentUntil(staticData: IDataObject, keys: CacheKeys, until: number): void {
	const store = read(staticData);
	if ((readSpentUntil(staticData, keys) ?? 0) >= until) return;
	const spent = { ...liveSpent(store, clock.now()).spent, [keys.budget]: until };
	staticData[FIELD] = { ...store, spent } as unknown as IDataObject;
}

/** Drops the entry if it holds this token (it was rejected by the API). */
export function dropToken(
	staticData: IDataObject,
	keys: CacheKeys,
	clientSecret: string,
	accessToken: string,
): void {
	if (readToken(staticData, keys, clientSecret)?.accessToken !== accessToken) return;
	const store = read(staticData);
	const tokens = { ...store.tokens };
	delete tokens[keys.entry];
	staticData[FIELD] = { ...store, tokens } as unknown as IDataObject;
}
