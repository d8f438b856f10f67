import {
	NodeApiError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
	type IRun,
} from 'n8n-workflow';

import { eventApi, FEED_PATH } from './api';
import { withResources } from './fetch-resource';
import { readNotifications, type FenergoNotification } from './notifications';
import { readMode, readPollingSettings, wanted, type Feed } from './parameters';

/** At most this many `next` calls per poll, so one poll ends even when the feed never runs dry. */
export const MAX_BATCHES_PER_POLL = 20;

interface Batch {
	batchId: string;
	notifications: FenergoNotification[];
}

/** `next` until 204, `moreAvailable` false or the bound; batches in the order they came. */
async function readBatches(this: IPollFunctions, feed: Feed, max: number): Promise<Batch[]> {
	const batches: Batch[] = [];
	for (let read = 0; read < max; read++) {
		const response = await eventApi.call(this, 'GET', `${FEED_PATH}/${feed}/next`);
		if (response.statusCode === 204) break;
		const body = (response.body ?? {}) as IDataObject;
		const batchId = body.batchId ?? body.BatchId;
		if (typeof batchId !== 'string' || batchId === '') {
			throw new NodeApiError(this.getNode(), body as never, {
				message: 'Fenergo sent a batch of notifications without a batchId',
			});
		}
		const list = body.notifications ?? body.Notifications ?? [];
		batches.push({ batchId, notifications: readNotifications(list).notifications });
		const more = body.moreAvailable ?? body.MoreAvailable;
		if (more !== true) break;
	}
	return batches;
}

async function completeBatches(this: IPollFunctions, feed: Feed, batches: Batch[]): Promise<void> {
	for (const batch of batches) {
		await eventApi.call(
			this,
			'POST',
			`${FEED_PATH}/${feed}/${encodeURIComponent(batch.batchId)}/complete`,
		);
	}
}

/** n8n hands over the finished run; anything but a clean finish leaves the batches uncompleted. */
export function runSucceeded(run: IRun | undefined): boolean {
	if (!run) return false;
	if (run.data?.resultData?.error) return false;
	return run.status === undefined || run.status === 'success';
}

/**
 * One poll. Production: every waiting batch is read, the wanted notifications start one run, and
 * the batches are completed only after that run succeeded; after a failed run they stay queued
 * and come back (at-least-once). Manual ("Fetch Test Event"): one batch, never completed.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (readMode(this) !== 'polling') return null;
	const settings = readPollingSettings(this);
	const manual = this.getMode() === 'manual';
	const batches = await readBatches.call(this, settings.feed, manual ? 1 : MAX_BATCHES_PER_POLL);
	if (batches.length === 0) return null;

	const seen = new Set<string>();
	const notifications: FenergoNotification[] = [];
	for (const notification of batches.flatMap((batch) => batch.notifications)) {
		if (seen.has(notification.id) || !wanted(settings.eventTypes, notification.eventType)) continue;
		seen.add(notification.id);
		notifications.push(notification);
	}
	if (notifications.length === 0) {
		if (!manual) await completeBatches.call(this, settings.feed, batches);
		return null;
	}
	const json = settings.options.fetchResource
		? await withResources.call(this, notifications)
		: notifications;
	const items = [json.map((entry) => ({ json: entry }))];
	if (manual) return items;

	const done = this.helpers.createDeferredPromise<IRun | undefined>();
	this.__emit(items, undefined, done);
	void done.promise
		.then(async (run) => {
			if (!runSucceeded(run)) {
				this.logger.warn(
					`Fenergo Trigger: the run failed; ${batches.length} batch(es) of feed "${settings.feed}" are left uncompleted and will come again`,
				);
				return;
			}
			await completeBatches.call(this, settings.feed, batches);
		})
		.catch((error: unknown) =>
			this.logger.warn(
				`Fenergo Trigger: completing batches of feed "${settings.feed}" failed; they will come again: ${(error as Error).message}`,
			),
		);
	return null;
}
