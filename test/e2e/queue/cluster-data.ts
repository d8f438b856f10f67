import { join } from 'node:path';

import { open, type SealedToken } from '../../../nodes/shared/token/seal';
import type { N8nInstall } from '../../../scripts/lib/install';
import type { RunningPostgres } from '../../../scripts/lib/postgres';
import type { LoggedCall } from '../../../scripts/lib/request-log';

/** What the queue-mode checks read: executions and static data from Postgres, token calls from the request logs. */

export interface ExecutionRow {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt: number;
	stoppedAt?: number;
	/** The worker whose log says it ran the execution. */
	worker?: string;
}

export async function executions(
	postgres: RunningPostgres,
	workflowIds: string[],
	workers: Map<string, string>,
): Promise<ExecutionRow[]> {
	if (workflowIds.length === 0) return [];
	const rows = await postgres.query<{
		id: number | string;
		workflowId: string;
		status: string;
		mode: string;
		startedAt: string | null;
		stoppedAt: string | null;
	}>(
		`SELECT id, "workflowId", status, mode, "startedAt", "stoppedAt" FROM execution_entity
		 WHERE "workflowId" IN (${workflowIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ')})
		 ORDER BY id`,
	);
	return rows.map((row) => ({
		id: String(row.id),
		workflowId: row.workflowId,
		status: row.status,
		mode: row.mode,
		startedAt: row.startedAt
			? Date.parse(`${row.startedAt}${/Z|[+-]\d\d/.test(row.startedAt.slice(19)) ? '' : 'Z'}`)
			: NaN,
		stoppedAt: row.stoppedAt
			? Date.parse(`${row.stoppedAt}${/Z|[+-]\d\d/.test(row.stoppedAt.slice(19)) ? '' : 'Z'}`)
			: undefined,
		worker: workers.get(String(row.id)),
	}));
}

interface Flatted {
	parse(text: string): unknown;
}

/** The stopping error of each execution (message — description), read with n8n's own flatted module. */
export async function executionErrors(
	postgres: RunningPostgres,
	install: N8nInstall,
	ids: string[],
): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	if (ids.length === 0) return found;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(install.dir, 'node_modules', 'flatted')) as Flatted;
	const rows = await postgres.query<{ executionId: number | string; data: string }>(
		`SELECT "executionId", data FROM execution_data WHERE "executionId" IN (${ids.map(Number).join(', ')})`,
	);
	for (const row of rows) {
		try {
			const data = flatted.parse(row.data) as {
				resultData?: { error?: { message?: string; description?: string } };
			};
			const error = data.resultData?.error;
			found.set(
				String(row.executionId),
				error
					? [error.message, error.description].filter(Boolean).join(' — ')
					: '(no error recorded)',
			);
		} catch (error) {
			found.set(
				String(row.executionId),
				`(execution data unreadable: ${(error as Error).message})`,
			);
		}
	}
	return found;
}

export interface SealedEntries {
	workflowId: string;
	entries: number;
	opened: number;
}

/**
 * Every sealed token entry in the workflows' static data, opened with the client secret the way
 * the token engine opens it (AES-GCM bound to the entry key and its dates).
 */
export async function sealedEntries(
	postgres: RunningPostgres,
	clientSecret: string,
): Promise<SealedEntries[]> {
	const rows = await postgres.query<{ id: string; staticData: unknown }>(
		`SELECT id, "staticData" FROM workflow_entity WHERE "staticData" IS NOT NULL`,
	);
	return rows.map((row) => {
		const data = (
			typeof row.staticData === 'string' ? JSON.parse(row.staticData) : row.staticData
		) as Record<string, unknown> | null;
		const store =
			(data?.global as Record<string, unknown> | undefined)?.clientCredentialsTokens ??
			data?.clientCredentialsTokens;
		const tokens = ((store as { tokens?: unknown } | undefined)?.tokens ?? {}) as Record<
			string,
			{ obtainedAt: number; expiresAt: number; sealed: SealedToken }
		>;
		const entries = Object.entries(tokens);
		return {
			workflowId: row.id,
			entries: entries.length,
			opened: entries.filter(
				([key, entry]) =>
					open(entry.sealed, clientSecret, `${key}|${entry.obtainedAt}|${entry.expiresAt}`) !==
					undefined,
			).length,
		};
	});
}

/** Token requests to one simulator, per process, oldest first. */
export function tokenCalls(
	requests: LoggedCall[],
	simulatorUrl: string,
	tokenPath: string,
): LoggedCall[] {
	const host = new URL(simulatorUrl).host;
	return requests.filter(
		(call) => call.host === host && call.path === tokenPath && call.method === 'POST',
	);
}

export function byProcess(calls: LoggedCall[]): Map<string, LoggedCall[]> {
	const grouped = new Map<string, LoggedCall[]>();
	for (const call of calls) grouped.set(call.process, [...(grouped.get(call.process) ?? []), call]);
	return grouped;
}

export function countBy<T>(items: T[], key: (item: T) => string | undefined): string {
	const counts = new Map<string, number>();
	for (const item of items) {
		const name = key(item) ?? '?';
		counts.set(name, (counts.get(name) ?? 0) + 1);
	}
	return [...counts.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, count]) => `${name} ${count}`)
		.join(', ');
}
