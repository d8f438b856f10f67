import type { IDataObject } from 'n8n-workflow';

import { asPosition, type Position, type RowKey } from '../../../../shared/positions/position';
import { WAREHOUSE_API } from '../../../shared/paths';

/** What a position is kept for besides the node and the client: the entity, per tenant. */
export function positionScope(entity: string, tenant: string): string {
	return tenant ? `${tenant}/${entity}` : entity;
}

function rowTime(row: IDataObject): number | undefined {
	const { created, modified } = WAREHOUSE_API.rowFields;
	for (const value of [row[modified], row[created]]) {
		if (typeof value === 'number' && Number.isFinite(value)) return value;
		if (typeof value === 'string') {
			const ms = Date.parse(value);
			if (!Number.isNaN(ms)) return ms;
		}
	}
	return undefined;
}

/** A row's upsert key (`id`) and modification time (`modified`, else `created`). */
export function rowKey(row: IDataObject): RowKey | undefined {
	const id = row[WAREHOUSE_API.rowFields.id];
	const at = rowTime(row);
	if (id === undefined || id === null || at === undefined) return undefined;
	return { id: String(id), at };
}

/**
 * The position this node kept in its own static data before positions became two-phase
 * (`positions[scope] = { since, idsAtSince }`), so an upgrade continues where it was.
 */
export function legacyPosition(nodeStaticData: IDataObject, scope: string): Position | undefined {
	const stored = nodeStaticData.positions as IDataObject | undefined;
	const legacy = stored?.[scope] as { since?: unknown; idsAtSince?: unknown } | undefined;
	if (typeof legacy?.since !== 'string') return undefined;
	const at = Date.parse(legacy.since);
	const ids = Array.isArray(legacy.idsAtSince) ? legacy.idsAtSince.map(String) : [];
	return asPosition({ since: legacy.since, delivered: ids.map((id) => [id, at]) });
}
