import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { RowKey } from '../../../shared/positions/position';
import { providerFor } from '../../../shared/providers';
import { keysFor } from '../../../shared/token/keys';
import { KAISA_CREDENTIAL } from '../../transport';

const KAISA_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/** Kaisa's `YYYY-MM-DD HH:MM:SS` (UTC) as ms; undefined for anything else. */
export function parseKaisaTime(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const match = KAISA_TIME.exec(value.trim());
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second);
	return Number.isNaN(ms) ? undefined : ms;
}

/** A call's upsert key (`cdr_id`) and its start, the time "Since Last Run" moves along. */
export function cdrKey(row: IDataObject): RowKey | undefined {
	const id = row.cdr_id;
	const at = parseKaisaTime(row.start);
	if (id === undefined || id === null || at === undefined) return undefined;
	return { id: String(id), at };
}

/** The credential's client (token URL and client ID, hashed): positions are kept per client. */
export function clientKey(credentials: ICredentialDataDecryptedObject): string {
	return keysFor(providerFor(KAISA_CREDENTIAL).tokenRequest(credentials)).budget;
}

/** The saved parameters of a Kaisa node that make it the confirm step (Resource defaults to Call). */
export const isConfirmStep = (parameters: INodeParameters): boolean =>
	(parameters.resource ?? 'call') === 'call' && parameters.operation === 'confirmPosition';

/** A Call → Get Many in the Since Last Run mode. */
export const isIncremental = (parameters: INodeParameters): boolean =>
	(parameters.resource ?? 'call') === 'call' &&
	(parameters.operation ?? 'getMany') === 'getMany' &&
	parameters.range === 'sinceLastRun';
