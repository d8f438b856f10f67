/**
 * What a provider is, as data: how to ask for a token and how to read the answer.
 * The engine has no code path per provider; a quirk that needs one is a missing field here.
 */
export type BodyFormat = 'form' | 'json';
/** Where the client id and secret travel: in the body, or as HTTP Basic (RFC 6749 §2.3.1). */
export type ClientAuthentication = 'body' | 'header';

export interface TokenBudget {
	/** Token fetches allowed per client within the window. */
	limit: number;
	windowSeconds: number;
	/** How the provider names the window, for messages ("day", "month", "minute"). */
	label: string;
	/**
	 * Fetches of the limit this package never spends by itself: n8n processes that decide at the
	 * same moment (queue-mode workers, the main testing the credential) each see the same count and
	 * each fetch once, so `n` processes racing need `n - 1` kept back to stay within the limit.
	 */
	keptBack?: number;
}

export interface TokenProfile {
	/** Shown in every message: "Genero", "Fenergo", ... */
	provider: string;
	bodyFormat: BodyFormat;
	clientAuthentication: ClientAuthentication;
	/** Dotted path of the access token in the answer ("access_token", "accessToken", "data.token"). */
	tokenField: string;
	/** Dotted path of the lifetime in seconds ("expires_in", "data.expiresIn"). */
	expiresInField: string;
	/** Lifetime when the answer carries neither a lifetime nor a JWT `exp` claim. */
	defaultLifetimeSeconds?: number;
	/** Token-fetch budgets per client (provider quotas and throttles). */
	budgets?: TokenBudget[];
	/**
	 * When n8n reports a failed request that the provider's probe cannot confirm as a rejected
	 * token (n8n's HTTP Request node reports 404s and 500s too), the token is replaced at most once
	 * per this many seconds per client (default 60), counted in memory and in the credential.
	 */
	unconfirmedRefreshIntervalSeconds?: number;
	/**
	 * A 429 from the token endpoint means the client's quota is spent (Genero): it is never
	 * retried, and no token request is sent again before the provider's window allows one.
	 */
	quotaRefusalIsFinal?: boolean;
}

/** Everything that shapes one token request; the cache keys are hashes of it. */
export interface TokenRequest {
	profile: TokenProfile;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
	audience?: string;
	scope?: string;
	extraParameters?: Record<string, string>;
}

export const DEFAULT_UNCONFIRMED_REFRESH_INTERVAL_SECONDS = 60;
/** Used only when the answer has no lifetime, no JWT `exp` and the profile no default. */
export const FALLBACK_LIFETIME_SECONDS = 3600;
