import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listEventTypes } from './api';
import { ALL_EVENT_TYPES, readMode } from './parameters';

/** "All Event Types" and the tenant's event types (from the webhook or the polling API). */
export async function getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const source = readMode(this) === 'polling' ? 'polling' : 'webhooks';
	const types = await listEventTypes.call(this, source);
	return [
		{ name: 'All Event Types', value: ALL_EVENT_TYPES },
		...types
			.map((type) => ({
				name: type.title ? `${type.title} (${type.eventType})` : type.eventType,
				value: type.eventType,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
	];
}
