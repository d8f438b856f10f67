import type { IDataObject } from 'n8n-workflow';

import { WAREHOUSE_API } from '../../../shared/paths';

/**
 * "Changed Since Last Run": per entity (and tenant) the newest modified date returned so far, and
 * the IDs of the rows that carry exactly that date. The next run asks for rows modified since that
 * date (inclusive, as assumed), and drops the rows it already returned at that very instant.
 */
export interface Position {
	/** ISO 8601 UTC. */
	since: string;
	idsAtSince: string[];
}

const FIELD = 'positions';
/** Rows sharing the newest instant whose IDs are remembered; more would only bloat static data. */
const MAX_IDS_AT_SINCE = 1000;

export function positionKey(entity: string, tenant: string): string {
	return tenant ? `${tenant}/${entity}` : entity;
}

export function readPositions(nodeStaticData: IDataObject): Record<string, Position> {
	const stored = nodeStaticData[FIELD];
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
	const positions: Record<string, Position> = {};
	for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
		const position = value as Partial<Position> | null;
		if (typeof position?.since === 'string' && !Number.isNaN(Date.parse(position.since))) {
			positions[key] = {
				since: position.since,
				idsAtSince: Array.isArray(position.idsAtSince) ? position.idsAtSince.map(String) : [],
			};
		}
	}
	return positions;
}

/** Writes the positions only if they differ from the stored ones (n8n then saves the workflow). */
export function writePositions(
	nodeStaticData: IDataObject,
	positions: Record<string, Position>,
): boolean {
	const before = JSON.stringify(readPositions(nodeStaticData));
	if (before === JSON.stringify(positions)) return false;
	nodeStaticData[FIELD] = JSON.parse(JSON.stringify(positions)) as IDataObject;
	return true;
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

function rowId(row: IDataObject): string | undefined {
	const id = row[WAREHOUSE_API.rowFields.id];
	return id === undefined || id === null ? undefined : String(id);
}

/** The rows not already returned at the position's instant. */
export function unseenRows(rows: IDataObject[], position: Position | undefined): IDataObject[] {
	if (!position || position.idsAtSince.length === 0) return rows;
	const since = Date.parse(position.since);
	const seen = new Set(position.idsAtSince);
	return rows.filter((row) => {
		const id = rowId(row);
		return !(id !== undefined && seen.has(id) && rowTime(row) === since);
	});
}

/**
 * The position after `rows` were returned. Rows without a date move it to `fetchedAt` (when the
 * fetch started), so they are not fetched again; no rows leave it where it was.
 */
export function advance(
	position: Position | undefined,
	rows: IDataObject[],
	fetchedAt: number,
): Position | undefined {
	if (rows.length === 0) return position;
	let newest = position ? Date.parse(position.since) : Number.NEGATIVE_INFINITY;
	let ids = position ? [...position.idsAtSince] : [];
	let dated = false;
	for (const row of rows) {
		const at = rowTime(row);
		if (at === undefined) continue;
		dated = true;
		const id = rowId(row);
		if (at > newest) {
			newest = at;
			ids = id === undefined ? [] : [id];
		} else if (
			at === newest &&
			id !== undefined &&
			!ids.includes(id) &&
			ids.length < MAX_IDS_AT_SINCE
		) {
			ids.push(id);
		}
	}
	if (!dated) return { since: new Date(fetchedAt).toISOString(), idsAtSince: [] };
	return { since: new Date(newest).toISOString(), idsAtSince: ids };
}
