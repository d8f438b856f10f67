import type { IDataObject } from 'n8n-workflow';

import { PUBLIC_API } from '../../shared/paths';

/** One input item on its way into a batch call. */
export interface BatchRow {
	itemIndex: number;
	entity: IDataObject;
	tenant: string;
}

export type RowOutcome =
	| { ok: true; json: IDataObject }
	| { ok: false; reason: string; json: IDataObject };

/** Rows grouped by tenant (first appearance first), each group cut into calls of at most `size`. */
export function planBatches(rows: BatchRow[], size: number): BatchRow[][] {
	const byTenant = new Map<string, BatchRow[]>();
	for (const row of rows) {
		const group = byTenant.get(row.tenant) ?? [];
		group.push(row);
		byTenant.set(row.tenant, group);
	}
	const batches: BatchRow[][] = [];
	for (const group of byTenant.values()) {
		for (let start = 0; start < group.length; start += size)
			batches.push(group.slice(start, start + size));
	}
	return batches;
}

export function batchBody(rows: BatchRow[]): IDataObject | IDataObject[] {
	const entities = rows.map((row) => row.entity);
	const field = PUBLIC_API.batch.bodyField;
	return field ? { [field]: entities } : entities;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resultsOf(body: unknown): unknown[] | undefined {
	if (Array.isArray(body)) return body;
	if (isObject(body) && Array.isArray(body[PUBLIC_API.batch.resultsField])) {
		return body[PUBLIC_API.batch.resultsField] as unknown[];
	}
	return undefined;
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (isObject(value)) {
		const message = textOf(value.message) ?? textOf(value.description);
		const field = typeof value.field === 'string' ? value.field : undefined;
		return message && field ? `${field}: ${message}` : message;
	}
	return undefined;
}

/** Genero's words for a failed row. */
function reasonOf(result: IDataObject): string | undefined {
	const { errorField, errorsField } = PUBLIC_API.batch;
	const errors = result[errorsField];
	const listed = Array.isArray(errors)
		? errors.map(textOf).filter((text): text is string => text !== undefined)
		: [];
	return (
		textOf(result[errorField]) ??
		(listed.length > 0 ? listed.join('; ') : undefined) ??
		textOf(result.message)
	);
}

function failed(result: IDataObject): boolean {
	const { successField, errorField, errorsField } = PUBLIC_API.batch;
	if (successField in result)
		return result[successField] !== true && result[successField] !== 'true';
	const errors = result[errorsField];
	return (
		(result[errorField] !== undefined && result[errorField] !== null) ||
		(Array.isArray(errors) && errors.length > 0)
	);
}

/**
 * The outcome of every sent row, from the answer of its batch call. Results are matched by their
 * index (position in the sent array) or else by order; a row without a result counts as failed,
 * as does one Genero reports failed. An answer without any result list means every row passed.
 */
export function readBatchResults(body: unknown, sent: BatchRow[]): RowOutcome[] {
	const idField = PUBLIC_API.externalIdField;
	const { indexField } = PUBLIC_API.batch;
	const results = resultsOf(body);
	if (!results) {
		return sent.map((row) => ({
			ok: true,
			json: { [idField]: row.entity[idField], success: true },
		}));
	}
	const byRow: Array<IDataObject | undefined> = new Array(sent.length);
	results.forEach((result, position) => {
		if (!isObject(result)) return;
		const index = result[indexField];
		const row =
			typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < sent.length
				? index
				: position;
		if (row < sent.length && byRow[row] === undefined) byRow[row] = result;
	});
	return sent.map((row, position) => {
		const result = byRow[position];
		const externalId = row.entity[idField];
		if (!result) {
			return {
				ok: false,
				reason: "Genero's answer has no result for this row",
				json: { [idField]: externalId },
			};
		}
		const { [indexField]: _index, ...rest } = result;
		const json: IDataObject = { [idField]: externalId, ...rest };
		if (failed(result))
			return {
				ok: false,
				reason: reasonOf(result) ?? 'Genero rejected this row without a reason',
				json,
			};
		return { ok: true, json };
	});
}
