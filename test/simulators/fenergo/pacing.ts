import { sendJson, type RouteHandler } from '../base';

/** A deterministic stand-in for Fenergo's per-tenant rate limit: the n-th, 2n-th, … API call is refused. */
export interface RateLimitEvery {
	/** Every `every`-th API call (counted over all API routes) gets a 429; at least 2, so a retry is never the next victim by count alone. */
	every: number;
	/** At most this many 429s in all; unlimited by default. */
	max?: number;
	/** Which header announces the wait; Fenergo's gateway sends X-Rate-Limit-Reset (seconds). */
	header?: 'x-rate-limit-reset' | 'retry-after';
	/** The announced wait, in whole seconds as Fenergo sends it; 1 by default. */
	resetSeconds?: number;
}

export interface PacingOptions {
	/** Real-time wait (not the simulator's clock) before every API answer; 429s are answered at once. */
	apiLatencyMs?: number;
	rateLimitEvery?: RateLimitEvery;
}

export interface PacingStats {
	/** API calls that reached a route, refused ones included (what "every n-th" counts). */
	calls: number;
	/** 429s sent by `rateLimitEvery`. */
	rateLimited: number;
}

/**
 * Latency and "429 every n-th call" around the Fenergo simulator's API routes (benchmarks of
 * parallel requests and back-pressure). Without options it only counts.
 */
export class ApiPacing {
	readonly stats: PacingStats = { calls: 0, rateLimited: 0 };
	apiLatencyMs: number;
	rateLimitEvery?: RateLimitEvery;

	constructor(
		options: PacingOptions,
		private readonly sleep: (ms: number) => Promise<void>,
	) {
		this.apiLatencyMs = options.apiLatencyMs ?? 0;
		const limit = options.rateLimitEvery;
		if (limit && !(Number.isInteger(limit.every) && limit.every >= 2)) {
			throw new Error(`rateLimitEvery.every must be a whole number ≥ 2, got ${limit.every}`);
		}
		this.rateLimitEvery = limit;
	}

	resetStats(): void {
		Object.assign(this.stats, { calls: 0, rateLimited: 0 });
	}

	wrap(handler: RouteHandler): RouteHandler {
		return async (ctx) => {
			const call = ++this.stats.calls;
			const limit = this.rateLimitEvery;
			if (
				limit &&
				call % limit.every === 0 &&
				this.stats.rateLimited < (limit.max ?? Number.POSITIVE_INFINITY)
			) {
				this.stats.rateLimited++;
				sendTooManyRequests(ctx.res, limit);
				return;
			}
			if (this.apiLatencyMs > 0) await this.sleep(this.apiLatencyMs);
			await handler(ctx);
		};
	}
}

function sendTooManyRequests(res: Parameters<typeof sendJson>[0], limit: RateLimitEvery): void {
	const reset = String(limit.resetSeconds ?? 1);
	const headers: Record<string, string> =
		(limit.header ?? 'x-rate-limit-reset') === 'retry-after'
			? { 'retry-after': reset }
			: {
					'x-rate-limit-limit': String(limit.every - 1),
					'x-rate-limit-remaining': '0',
					'x-rate-limit-reset': reset,
				};
	sendJson(
		res,
		429,
		{
			data: null,
			messages: [
				{
					message: 'Too many requests. The rate limit of the tenant was exceeded',
					type: 'Error',
					errorCode: 'TOO_MANY_REQUESTS',
				},
			],
		},
		headers,
	);
}
