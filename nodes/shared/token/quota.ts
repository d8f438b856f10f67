import { clock } from './clock';
import type { TokenBudget, TokenProfile } from './profile';
import { TokenError } from './token-error';

/** Timestamps (ms) of token fetches for one client, newest last, from every place that counts them. */
export type FetchLog = number[];

export function longestWindowMs(profile: TokenProfile): number {
	return Math.max(0, ...(profile.budgets ?? []).map((budget) => budget.windowSeconds * 1000));
}

/** The union of several logs, without duplicates and without entries older than any budget window. */
export function mergeLogs(profile: TokenProfile, ...logs: Array<FetchLog | undefined>): FetchLog {
	const horizon = clock.now() - longestWindowMs(profile);
	const merged = new Set<number>();
	for (const log of logs) {
		for (const at of log ?? []) if (typeof at === 'number' && at > horizon) merged.add(at);
	}
	return [...merged].sort((a, b) => a - b);
}

interface BudgetUse {
	budget: TokenBudget;
	used: number;
	/** The fetches this package spends by itself: the limit less what is kept back. */
	allowed: number;
	resetsAt: number;
}

function use(budget: TokenBudget, log: FetchLog): BudgetUse {
	const since = clock.now() - budget.windowSeconds * 1000;
	const inWindow = log.filter((at) => at > since);
	const allowed = Math.max(1, budget.limit - (budget.keptBack ?? 0));
	// One more fetch fits once the window has dropped every fetch before the newest `allowed - 1`.
	const oldestThatMatters = inWindow[inWindow.length - allowed] ?? inWindow[0] ?? clock.now();
	return {
		budget,
		used: inWindow.length,
		allowed,
		resetsAt: oldestThatMatters + budget.windowSeconds * 1000,
	};
}

/** Whether a budget is scarce enough that some of it is kept back for racing processes (Genero). */
export function keepsFetchesBack(profile: TokenProfile): boolean {
	return (profile.budgets ?? []).some((budget) => (budget.keptBack ?? 0) > 0);
}

/** Whether one more fetch fits every budget while leaving `reserve` more fetches unused. */
export function fits(profile: TokenProfile, log: FetchLog, reserve = 0): boolean {
	return (profile.budgets ?? []).every((budget) => {
		const current = use(budget, log);
		return current.used + reserve < current.allowed;
	});
}

/**
 * When the provider's window lets a client whose quota the provider declared spent fetch again:
 * the window the message names ("month"), else the shortest, counted from the oldest fetch in it
 * that we know of (from now if we know none).
 */
export function quotaWindowEnd(profile: TokenProfile, log: FetchLog, said: string): number {
	const budgets = [...(profile.budgets ?? [])].sort((a, b) => a.windowSeconds - b.windowSeconds);
	const text = said.toLowerCase();
	const named = budgets.find((budget) => text.includes(budget.label.toLowerCase()));
	const budget = named ?? budgets[0];
	const now = clock.now();
	if (!budget) return now + 60_000;
	const windowMs = budget.windowSeconds * 1000;
	const oldest = log.find((at) => at > now - windowMs);
	return (oldest ?? now) + windowMs;
}

/** The refusal for a fetch before `spentUntil` (the provider itself said the quota is spent), if any. */
export function spentRefusal(profile: TokenProfile, spentUntil?: number): TokenError | undefined {
	if (spentUntil === undefined || spentUntil <= clock.now()) return undefined;
	const { provider } = profile;
	return new TokenError(
		`${provider} token quota is used up`,
		'quota',
		`${provider} refused a token request of this client because its token quota is used up, so none was sent now. No token request will be sent before ${new Date(spentUntil).toISOString()}, when ${provider}'s window allows another; the cached token is reused automatically while it is valid.`,
		undefined,
		undefined,
		spentUntil,
	);
}

/**
 * Refuses, without calling the provider, a fetch that would exceed a budget, or that comes before
 * `spentUntil`.
 */
export function assertFits(profile: TokenProfile, log: FetchLog, spentUntil?: number): void {
	const spent = spentRefusal(profile, spentUntil);
	if (spent) throw spent;
	for (const budget of profile.budgets ?? []) {
		const current = use(budget, log);
		if (current.used >= current.allowed) {
			const keptBack =
				current.allowed < budget.limit
					? `, of which this package uses ${current.allowed}: the rest is kept for n8n processes (queue-mode workers) that fetch at the same moment`
					: '';
			throw new TokenError(
				`${profile.provider} token budget used up`,
				'quota',
				`This client already fetched ${current.used} tokens in the last ${budget.label} (${profile.provider} allows ${budget.limit} per ${budget.label}${keptBack}); no request was sent. A new token can be fetched after ${new Date(current.resetsAt).toISOString()}. The cached token is reused automatically while it is valid.`,
				undefined,
				undefined,
				current.resetsAt,
			);
		}
	}
}
