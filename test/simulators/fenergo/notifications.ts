import { randomUUID } from 'node:crypto';

/** An event notification as Fenergo's polling spec shows it (camelCase). */
export interface SimNotification {
	id: string;
	tenantId: string;
	eventType: string;
	relativeUrl: string;
	payload: Record<string, unknown>;
	when: string;
	correlationId: string;
	causationId: string;
}

/** A few of Fenergo's event types ("source:event"; the registry's casing is mixed). */
export const FENERGO_EVENT_TYPES = [
	{ eventType: 'entitydata:created', title: 'Entity created' },
	{ eventType: 'entitydata:draftverified', title: 'Entity draft verified' },
	{ eventType: 'entitydata:draftcreated_enriched', title: 'Entity draft created (enriched)' },
	{ eventType: 'journey:taskcompleted', title: 'Journey task completed' },
	{ eventType: 'document:created', title: 'Document created' },
	{ eventType: 'screening:ScreeningCompleted', title: 'Screening completed' },
];

/** The feed a notification belongs to besides `all`: its source, the part before the colon. */
export const sourceOf = (eventType: string): string => eventType.split(':')[0].toLowerCase();

export function makeNotification(
	tenantId: string,
	eventType: string,
	entityId: string,
	at: number,
): SimNotification {
	return {
		id: randomUUID(),
		tenantId,
		eventType,
		relativeUrl: `entitydataquery/api/v2/entity/${entityId}`,
		payload: { entityId },
		when: new Date(at).toISOString(),
		correlationId: randomUUID(),
		causationId: entityId,
	};
}

/** The same notification with PascalCase field names, as Fenergo's webhook guide shows them. */
export function pascalCase(notification: SimNotification): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(notification).map(([key, value]) => [
			key[0].toUpperCase() + key.slice(1),
			value,
		]),
	);
}
