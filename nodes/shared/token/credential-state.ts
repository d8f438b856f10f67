import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { FetchLog } from './quota';

/** What a credential itself remembers about its token (hidden fields n8n persists, encrypted). */
export interface CredentialTokenState {
	accessToken?: string;
	obtainedAt?: number;
	expiresAt?: number;
	/** Which settings the token was fetched for (prefix of the memory key). */
	key?: string;
	fetches?: FetchLog;
	/** The provider refused a token request for its quota: none is sent before this time (ms). */
	spentUntil?: number;
	/** When a token was last replaced on a failure the provider could not confirm (ms). */
	unconfirmedAt?: number;
}

/**
 * The token state from the credential's hidden `accessToken` and `tokenState` fields. Anything
 * unreadable counts as nothing remembered: the engine then fetches a token as on first use.
 */
export function readCredentialState(
	credentials: ICredentialDataDecryptedObject,
): CredentialTokenState {
	const accessToken =
		typeof credentials.accessToken === 'string' && credentials.accessToken !== ''
			? credentials.accessToken
			: undefined;
	let state: CredentialTokenState = {};
	if (typeof credentials.tokenState === 'string' && credentials.tokenState !== '') {
		try {
			const parsed: unknown = JSON.parse(credentials.tokenState);
			if (parsed && typeof parsed === 'object') state = parsed as CredentialTokenState;
		} catch {
			state = {};
		}
	}
	const fetches = Array.isArray(state.fetches)
		? state.fetches.filter((at) => typeof at === 'number')
		: undefined;
	const time = (value: unknown) =>
		typeof value === 'number' && Number.isFinite(value) ? value : undefined;
	return {
		...state,
		fetches,
		accessToken,
		spentUntil: time(state.spentUntil),
		unconfirmedAt: time(state.unconfirmedAt),
	};
}
