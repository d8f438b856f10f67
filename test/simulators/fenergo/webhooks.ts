import { createHash, createHmac, randomUUID } from 'node:crypto';

import {
	parseJson,
	sendEmpty,
	sendJson,
	type RequestContext,
	type RouteHandler,
	type RouteKind,
} from '../base';
import {
	FENERGO_EVENT_TYPES,
	makeNotification,
	pascalCase,
	type SimNotification,
} from './notifications';

export const FENERGO_WEBHOOK_PATHS = {
	list: '/webhooks/v1/webhooks',
	eventTypes: '/webhooks/v1/webhooks/event-notification-types',
	one: '/webhooks/v1/webhooks/:webhookId',
	test: '/webhooks/v1/webhooks/:webhookId/test',
} as const;

/**
 * How this simulator signs (Fenergo's exact recipe is not published): the key is the SHA-256 of
 * the secret as hex text or raw bytes, or the secret itself; or a plain SHA-256 over hash and body.
 * Written apart from the node's code on purpose, so a wrong recipe in the node shows.
 */
export type SimSignature = 'hmacHexKey' | 'hmacRawKey' | 'hmacSecret' | 'sha256Concat';

export interface WebhookSimOptions {
	signature?: SimSignature;
	signatureEncoding?: 'hex' | 'base64' | 'sha256=hex';
	maxWebhooks?: number;
	/** Failed deliveries in a row after which Fenergo sets `SystemDisabled`. */
	disableAfterFailures?: number;
}

export interface SimWebhook {
	id: string;
	tenant: string;
	name?: string;
	url: string;
	/** Fenergo keeps only the SHA-256 of the secret (hex); the plain secret only for `hmacSecret`. */
	secretHash: string;
	secret?: string;
	enabled: boolean;
	eventTypes: string[];
	status: 'Enabled' | 'UserDisabled' | 'SystemDisabled' | 'Retrying';
	type: 'Single' | 'Batch';
	batchSize?: number;
	emailAddresses?: string[];
	failures: number;
	lastDeliveries: DeliveryResult[];
}

export interface DeliveryResult {
	webhookId: string;
	notificationIds: string[];
	status: 'Successful' | 'Failed' | 'TimedOut';
	httpStatusCode?: number;
	when: string;
}

export interface PublishOptions {
	/** Deliver every request twice (a retry after a lost answer). */
	duplicate?: boolean;
	/** Deliver in reverse order (ordering is best effort). */
	reverse?: boolean;
	/** PascalCase field names, as the guide shows (Single deliveries). */
	pascal?: boolean;
	/** Send a wrong signature or none at all. */
	forge?: 'wrong' | 'missing';
}

export interface WebhookHost {
	clock: { now(): number };
	addRoute(kind: RouteKind, method: string, pattern: string, handler: RouteHandler): void;
	authorize(ctx: RequestContext, scopes: string[]): string | null;
}

const SCOPES = ['fenx.all'];
const hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

const problem = (ctx: RequestContext, status: number, message: string, errorCode: string) =>
	sendJson(ctx.res, status, { data: null, messages: [{ message, type: 'Error', errorCode }] });

/** Fenergo's webhook API (10 per tenant, statuses, the test call) and signed deliveries. */
export class FenergoWebhooks {
	readonly hooks = new Map<string, SimWebhook>();
	readonly deliveries: DeliveryResult[] = [];
	private readonly signature: SimSignature;
	private readonly encoding: NonNullable<WebhookSimOptions['signatureEncoding']>;
	private readonly maxWebhooks: number;
	private readonly disableAfterFailures: number;

	constructor(
		private readonly host: WebhookHost,
		options: WebhookSimOptions = {},
	) {
		this.signature = options.signature ?? 'hmacHexKey';
		this.encoding = options.signatureEncoding ?? 'hex';
		this.maxWebhooks = options.maxWebhooks ?? 10;
		this.disableAfterFailures = options.disableAfterFailures ?? 3;
		const P = FENERGO_WEBHOOK_PATHS;
		const route = (
			method: string,
			path: string,
			handler: (ctx: RequestContext, tenant: string) => unknown,
		) =>
			host.addRoute('api', method, path, async (ctx) => {
				const tenant = host.authorize(ctx, SCOPES);
				if (tenant) await handler(ctx, tenant);
			});
		route('GET', P.eventTypes, (ctx) =>
			sendJson(ctx.res, 200, { eventTypes: FENERGO_EVENT_TYPES }),
		);
		route('GET', P.list, (ctx, tenant) =>
			sendJson(ctx.res, 200, { webHooks: this.of(tenant).map((hook) => this.basic(hook)) }),
		);
		route('POST', P.list, (ctx, tenant) => this.add(ctx, tenant));
		route('GET', P.test, async (ctx, tenant) => await this.test(ctx, tenant));
		route('GET', P.one, (ctx, tenant) => {
			const hook = this.find(ctx, tenant);
			if (hook)
				sendJson(ctx.res, 200, {
					webhook: {
						...this.basic(hook),
						lastDeliveries: hook.lastDeliveries.slice(-20),
						emailAddresses: hook.emailAddresses ?? [],
					},
				});
		});
		route('PUT', P.one, (ctx, tenant) => this.update(ctx, tenant));
		route('DELETE', P.one, (ctx, tenant) => {
			const hook = this.find(ctx, tenant);
			if (!hook) return;
			this.hooks.delete(hook.id);
			sendEmpty(ctx.res, 200);
		});
	}

	/** The webhooks of a tenant, in the order they were added. */
	of(tenant: string): SimWebhook[] {
		return [...this.hooks.values()].filter((hook) => hook.tenant === tenant.toLowerCase());
	}

	/** Adds a webhook as another integration would (to fill the tenant's quota). */
	seed(tenant: string, url: string, name = 'other integration'): SimWebhook {
		const hook: SimWebhook = {
			id: randomUUID(),
			tenant: tenant.toLowerCase(),
			name,
			url,
			secretHash: hex('other'),
			enabled: true,
			eventTypes: ['*'],
			status: 'Enabled',
			type: 'Single',
			failures: 0,
			lastDeliveries: [],
		};
		this.hooks.set(hook.id, hook);
		return hook;
	}

	/** Sets a webhook's status as Fenergo would (e.g. `SystemDisabled`). */
	setStatus(id: string, status: SimWebhook['status']): void {
		const hook = this.hooks.get(id);
		if (!hook) throw new Error(`No webhook ${id}`);
		hook.status = status;
		hook.enabled = status === 'Enabled' || status === 'Retrying';
	}

	/** New notifications of these types, delivered to every enabled webhook of the tenant that wants them. */
	async publish(
		tenant: string,
		notifications: SimNotification[],
		options: PublishOptions = {},
	): Promise<DeliveryResult[]> {
		const results: DeliveryResult[] = [];
		for (const hook of this.of(tenant)) {
			if (!hook.enabled || hook.status === 'SystemDisabled' || hook.status === 'UserDisabled')
				continue;
			const wanted = notifications.filter(
				(n) => hook.eventTypes.includes('*') || hook.eventTypes.includes(n.eventType),
			);
			const ordered = options.reverse ? [...wanted].reverse() : wanted;
			const size = hook.type === 'Batch' ? (hook.batchSize ?? 50) : 1;
			for (let start = 0; start < ordered.length; start += size) {
				const chunk = ordered.slice(start, start + size);
				const body =
					hook.type === 'Batch'
						? JSON.stringify(chunk)
						: JSON.stringify(options.pascal ? pascalCase(chunk[0]) : chunk[0]);
				for (let copy = 0; copy < (options.duplicate ? 2 : 1); copy++) {
					results.push(
						await this.deliver(
							hook,
							chunk.map((n) => n.id),
							body,
							options.forge,
						),
					);
				}
			}
		}
		return results;
	}

	/** The signature header value for a body, by this simulator's recipe. */
	sign(hook: Pick<SimWebhook, 'secretHash' | 'secret'>, body: string): string {
		let digest: Buffer;
		switch (this.signature) {
			case 'hmacHexKey':
				digest = createHmac('sha256', hook.secretHash).update(body, 'utf8').digest();
				break;
			case 'hmacRawKey':
				digest = createHmac('sha256', Buffer.from(hook.secretHash, 'hex'))
					.update(body, 'utf8')
					.digest();
				break;
			case 'hmacSecret':
				digest = createHmac('sha256', hook.secret ?? '')
					.update(body, 'utf8')
					.digest();
				break;
			case 'sha256Concat':
				digest = createHash('sha256')
					.update(hook.secretHash + body, 'utf8')
					.digest();
				break;
		}
		if (this.encoding === 'base64') return digest.toString('base64');
		return `${this.encoding === 'sha256=hex' ? 'sha256=' : ''}${digest.toString('hex')}`;
	}

	private async deliver(
		hook: SimWebhook,
		ids: string[],
		body: string,
		forge?: PublishOptions['forge'],
	): Promise<DeliveryResult> {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (forge !== 'missing') {
			headers['x-fenx-signature'] =
				forge === 'wrong'
					? this.sign({ secretHash: hex('not-the-secret'), secret: 'x' }, body)
					: this.sign(hook, body);
		}
		let result: DeliveryResult;
		const when = new Date(this.host.clock.now()).toISOString();
		try {
			const response = await fetch(hook.url, {
				method: 'POST',
				headers,
				body,
				signal: AbortSignal.timeout(15_000),
			});
			await response.arrayBuffer();
			const ok = response.status < 400;
			result = {
				webhookId: hook.id,
				notificationIds: ids,
				status: ok ? 'Successful' : 'Failed',
				httpStatusCode: response.status,
				when,
			};
		} catch (error) {
			const timedOut = (error as Error).name === 'TimeoutError';
			result = {
				webhookId: hook.id,
				notificationIds: ids,
				status: timedOut ? 'TimedOut' : 'Failed',
				when,
			};
		}
		hook.failures = result.status === 'Successful' ? 0 : hook.failures + 1;
		if (hook.failures >= this.disableAfterFailures) {
			hook.status = 'SystemDisabled';
			hook.enabled = false;
		} else if (hook.failures > 0) hook.status = 'Retrying';
		else hook.status = 'Enabled';
		hook.lastDeliveries.push(result);
		this.deliveries.push(result);
		return result;
	}

	private basic(hook: SimWebhook) {
		const { id, name, url, enabled, eventTypes, status, type, batchSize } = hook;
		return { id, name, url, enabled, eventTypes, status, type, batchSize };
	}

	private find(ctx: RequestContext, tenant: string): SimWebhook | undefined {
		const hook = this.hooks.get(ctx.params.webhookId);
		if (!hook || hook.tenant !== tenant) {
			problem(ctx, 404, 'There is no webhook configuration for this tenant', 'NotFound');
			return undefined;
		}
		return hook;
	}

	/** The AddWebhookRequest / UpdateWebhookRequest checks of the spec; a message when invalid. */
	private invalid(body: Record<string, unknown>, adding: boolean): string | undefined {
		if (typeof body.url !== 'string' || body.url === '') return 'url is required';
		if (typeof body.enabled !== 'boolean') return 'enabled is required';
		if (!Array.isArray(body.eventTypes) || body.eventTypes.some((t) => typeof t !== 'string'))
			return 'eventTypes is required';
		const secret = body.secret;
		if (adding && (typeof secret !== 'string' || secret.length < 1 || secret.length > 128))
			return 'secret must have 1-128 characters';
		if (
			!adding &&
			secret !== undefined &&
			secret !== null &&
			(typeof secret !== 'string' || secret.length > 128)
		)
			return 'secret is too long';
		if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 128))
			return 'name is too long';
		if (body.type !== undefined && body.type !== 'Single' && body.type !== 'Batch')
			return 'type is invalid';
		if (body.batchSize !== undefined && body.batchSize !== null) {
			const size = body.batchSize;
			if (typeof size !== 'number' || !Number.isInteger(size) || size < 10 || size > 100)
				return 'batchSize must be 10-100';
		}
		if (Array.isArray(body.emailAddresses) && body.emailAddresses.length > 5)
			return 'at most 5 emailAddresses';
		if ('data' in body) return 'unknown field data';
		return undefined;
	}

	private add(ctx: RequestContext, tenant: string): void {
		const body = parseJson(ctx.body) as Record<string, unknown> | undefined;
		const invalid =
			body && typeof body === 'object' ? this.invalid(body, true) : 'body is not JSON';
		if (invalid || !body) return problem(ctx, 400, invalid ?? 'invalid', 'BadRequest');
		if (this.of(tenant).length >= this.maxWebhooks) {
			return problem(
				ctx,
				400,
				`The maximum number of webhook configurations (${this.maxWebhooks}) is reached`,
				'MaxWebhooksReached',
			);
		}
		const hook: SimWebhook = {
			id: randomUUID(),
			tenant,
			name: body.name as string | undefined,
			url: body.url as string,
			secretHash: hex(body.secret as string),
			...(this.signature === 'hmacSecret' && { secret: body.secret as string }),
			enabled: body.enabled as boolean,
			eventTypes: body.eventTypes as string[],
			status: body.enabled ? 'Enabled' : 'UserDisabled',
			type: (body.type as SimWebhook['type']) ?? 'Single',
			batchSize: body.batchSize as number | undefined,
			emailAddresses: body.emailAddresses as string[] | undefined,
			failures: 0,
			lastDeliveries: [],
		};
		this.hooks.set(hook.id, hook);
		sendJson(ctx.res, 200, { webhookId: hook.id });
	}

	private update(ctx: RequestContext, tenant: string): void {
		const hook = this.find(ctx, tenant);
		if (!hook) return;
		const body = parseJson(ctx.body) as Record<string, unknown> | undefined;
		const invalid =
			body && typeof body === 'object' ? this.invalid(body, false) : 'body is not JSON';
		if (invalid || !body) return problem(ctx, 400, invalid ?? 'invalid', 'BadRequest');
		Object.assign(hook, {
			name: body.name ?? hook.name,
			url: body.url,
			enabled: body.enabled,
			eventTypes: body.eventTypes,
			type: body.type ?? hook.type,
			batchSize: body.batchSize ?? hook.batchSize,
			status: body.enabled ? 'Enabled' : 'UserDisabled',
			failures: 0,
		});
		if (typeof body.secret === 'string' && body.secret !== '') {
			hook.secretHash = hex(body.secret);
			if (this.signature === 'hmacSecret') hook.secret = body.secret;
		}
		sendEmpty(ctx.res, 200);
	}

	private async test(ctx: RequestContext, tenant: string): Promise<void> {
		const hook = this.find(ctx, tenant);
		if (!hook) return;
		const notification = makeNotification(
			tenant,
			'webhook:test',
			randomUUID(),
			this.host.clock.now(),
		);
		const body =
			hook.type === 'Batch' ? JSON.stringify([notification]) : JSON.stringify(notification);
		const result = await this.deliver(hook, [notification.id], body);
		sendJson(ctx.res, 200, {
			delivery: { status: result.status, httpStatusCode: result.httpStatusCode ?? null },
		});
	}
}
