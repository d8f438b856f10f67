import { randomUUID } from 'node:crypto';

import { sendEmpty, sendJson, type RequestContext } from '../base';
import { FENERGO_EVENT_TYPES, sourceOf, type SimNotification } from './notifications';
import type { WebhookHost } from './webhooks';

export const FENERGO_FEED_PATHS = {
	next: '/eventnotifications/v2/:feedId/next',
	complete: '/eventnotifications/v2/:feedId/:batchId/complete',
	discardAll: '/eventnotifications/v2/:feedId/discardAll',
	eventTypes: '/eventnotifications/v2/event-notification-types',
} as const;

export const FENERGO_FEEDS = [
	'all',
	'entitydata',
	'journey',
	'document',
	'screening',
	'digitalidv',
	'association',
];

export interface EventFeedOptions {
	/** Notifications per batch `next` hands out. */
	feedBatchSize?: number;
	/** How long a batch handed out stays reserved before its notifications are offered again (uncompleted batches come back). */
	leaseMs?: number;
}

interface Lease {
	batchId: string;
	feed: string;
	tenant: string;
	notifications: SimNotification[];
	until: number;
}

/** Fenergo's polling API: one queue per tenant and feed, batches leased until completed. */
export class FenergoEventFeed {
	readonly stats = { next: 0, empty: 0, completed: 0 };
	readonly completedBatches: string[] = [];
	private readonly queues = new Map<string, SimNotification[]>();
	private readonly leases = new Map<string, Lease>();
	private readonly batchSize: number;
	private readonly leaseMs: number;

	constructor(
		private readonly host: WebhookHost,
		options: EventFeedOptions = {},
	) {
		this.batchSize = options.feedBatchSize ?? 10;
		this.leaseMs = options.leaseMs ?? 60_000;
		const P = FENERGO_FEED_PATHS;
		const route = (
			method: string,
			path: string,
			handler: (ctx: RequestContext, tenant: string) => void,
		) =>
			host.addRoute('api', method, path, (ctx) => {
				const tenant = host.authorize(ctx, ['fenx.all']);
				if (tenant) handler(ctx, tenant);
			});
		route('GET', P.eventTypes, (ctx) =>
			sendJson(ctx.res, 200, { eventTypes: FENERGO_EVENT_TYPES }),
		);
		route('GET', P.next, (ctx, tenant) => this.next(ctx, tenant));
		route('POST', P.complete, (ctx, tenant) => {
			const lease = this.leases.get(ctx.params.batchId);
			if (!lease || lease.tenant !== tenant || lease.feed !== ctx.params.feedId) {
				sendJson(ctx.res, 404, {
					data: null,
					messages: [{ message: 'Batch not found', type: 'Error', errorCode: 'NotFound' }],
				});
				return;
			}
			this.leases.delete(lease.batchId);
			this.stats.completed++;
			this.completedBatches.push(lease.batchId);
			sendEmpty(ctx.res, 200);
		});
		route('PUT', P.discardAll, (ctx, tenant) => {
			if (!this.known(ctx)) return;
			this.queues.set(this.key(tenant, ctx.params.feedId), []);
			sendEmpty(ctx.res, 200);
		});
	}

	/** Queues notifications on `all` and on their source's feed. */
	enqueue(tenant: string, notifications: SimNotification[]): void {
		for (const notification of notifications) {
			for (const feed of ['all', sourceOf(notification.eventType)]) {
				if (!FENERGO_FEEDS.includes(feed)) continue;
				const key = this.key(tenant, feed);
				this.queues.set(key, [...(this.queues.get(key) ?? []), notification]);
			}
		}
	}

	/** Notifications not yet completed on a feed (queued or leased). */
	pending(tenant: string, feed: string): number {
		const leased = [...this.leases.values()].filter(
			(l) => l.tenant === tenant.toLowerCase() && l.feed === feed,
		);
		return (
			(this.queues.get(this.key(tenant, feed))?.length ?? 0) +
			leased.reduce((n, l) => n + l.notifications.length, 0)
		);
	}

	private key(tenant: string, feed: string): string {
		return `${tenant.toLowerCase()}|${feed}`;
	}

	private known(ctx: RequestContext): boolean {
		if (FENERGO_FEEDS.includes(ctx.params.feedId)) return true;
		sendJson(ctx.res, 404, {
			data: null,
			messages: [
				{ message: `Feed ${ctx.params.feedId} not found`, type: 'Error', errorCode: 'NotFound' },
			],
		});
		return false;
	}

	/** Expired leases give their notifications back to the front of the queue, in order. */
	private reclaim(tenant: string, feed: string): void {
		const now = this.host.clock.now();
		for (const lease of [...this.leases.values()].reverse()) {
			if (lease.tenant !== tenant || lease.feed !== feed || lease.until > now) continue;
			this.leases.delete(lease.batchId);
			const key = this.key(tenant, feed);
			this.queues.set(key, [...lease.notifications, ...(this.queues.get(key) ?? [])]);
		}
	}

	private next(ctx: RequestContext, tenant: string): void {
		if (!this.known(ctx)) return;
		const feed = ctx.params.feedId;
		this.stats.next++;
		this.reclaim(tenant, feed);
		const key = this.key(tenant, feed);
		const queue = this.queues.get(key) ?? [];
		if (queue.length === 0) {
			this.stats.empty++;
			sendEmpty(ctx.res, 204);
			return;
		}
		const notifications = queue.slice(0, this.batchSize);
		this.queues.set(key, queue.slice(notifications.length));
		const batchId = randomUUID();
		this.leases.set(batchId, {
			batchId,
			feed,
			tenant,
			notifications,
			until: this.host.clock.now() + this.leaseMs,
		});
		sendJson(ctx.res, 200, {
			batchId,
			notifications,
			moreAvailable: queue.length > notifications.length,
		});
	}
}
