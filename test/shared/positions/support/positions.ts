import type { IDataObject } from 'n8n-workflow';

import { POSITIONS_FIELD } from '../../../../nodes/shared/positions/store';

export const LOAD = { name: 'Load', type: 'testLoad', parameters: {} };

/** Every position entry in a workflow's static data (n8n keeps global static data under `global`). */
export function positionsIn(staticData: IDataObject): Record<string, IDataObject> {
	const global = (staticData.global ?? {}) as IDataObject;
	return (global[POSITIONS_FIELD] ?? {}) as Record<string, IDataObject>;
}

/** The committed positions in a workflow's static data, by scope (entity, direction). */
export function committedByScope(staticData: IDataObject): Record<string, IDataObject> {
	const all = positionsIn(staticData);
	const found: Record<string, IDataObject> = {};
	for (const [key, entry] of Object.entries(all)) {
		const [, , scope] = JSON.parse(key) as [string, string, string];
		if (entry.committed) found[scope] = entry.committed as IDataObject;
	}
	return found;
}

/** This workflow's pending entries (executions that did not confirm), by scope. */
export function pendingByScope(staticData: IDataObject): Record<string, string[]> {
	const all = positionsIn(staticData);
	const found: Record<string, string[]> = {};
	for (const [key, entry] of Object.entries(all)) {
		const [, , scope] = JSON.parse(key) as [string, string, string];
		found[scope] = Object.keys((entry.pending ?? {}) as IDataObject);
	}
	return found;
}
