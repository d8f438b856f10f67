import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { clock } from '../../shared/token/clock';
import type { TransportFunctions } from '../../shared/transport';
import { fenergoRequest } from '../transport';
import type { FenergoNotification } from './notifications';

/**
 * Reads lag events (CQRS): the resource behind a notification may not be readable yet, so a 404
 * is retried after these waits before the item carries `resourceError` instead.
 */
export const NOT_READABLE_YET_WAITS_MS = [1_000, 2_000, 4_000];

function pathOf(relativeUrl: string): string | undefined {
	const value = relativeUrl.trim();
	// Only paths on the API host: an absolute URL would send the token elsewhere.
	if (value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//'))
		return undefined;
	return value.startsWith('/') ? value : `/${value}`;
}

const notFound = (error: unknown) =>
	error instanceof NodeApiError && String(error.httpCode) === '404';

/**
 * Each notification with `resource` (the data at its `relativeUrl`, read with the credential's
 * token through the transport, one at a time) or `resourceError` saying why it is missing.
 */
export async function withResources(
	this: TransportFunctions,
	notifications: FenergoNotification[],
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (const notification of notifications) {
		const path =
			typeof notification.relativeUrl === 'string' ? pathOf(notification.relativeUrl) : undefined;
		if (!path) {
			out.push({
				...notification,
				resourceError: 'The notification has no relative URL on the API host',
			});
			continue;
		}
		for (let attempt = 0; ; attempt++) {
			try {
				const { data } = await fenergoRequest.call(this, { method: 'GET', path }, 0);
				out.push({ ...notification, resource: data as IDataObject });
				break;
			} catch (error) {
				if (notFound(error) && attempt < NOT_READABLE_YET_WAITS_MS.length) {
					await clock.sleep(NOT_READABLE_YET_WAITS_MS[attempt]);
					continue;
				}
				out.push({ ...notification, resourceError: (error as Error).message });
				break;
			}
		}
	}
	return out;
}
