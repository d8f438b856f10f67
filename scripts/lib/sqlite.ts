/** Reads n8n's SQLite database with the sqlite3 module of the n8n install (no dependency of ours). */

interface Database {
	all(
		sql: string,
		params: unknown[],
		callback: (error: Error | null, rows: unknown[]) => void,
	): void;
	close(callback: (error: Error | null) => void): void;
}

interface Sqlite3 {
	Database: new (file: string, mode: number, callback: (error: Error | null) => void) => Database;
	OPEN_READONLY: number;
}

export async function queryAll<T>(
	sqlite3Path: string,
	file: string,
	sql: string,
	params: unknown[] = [],
): Promise<T[]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const sqlite3 = require(sqlite3Path) as Sqlite3;
	const db = await new Promise<Database>((resolve, reject) => {
		const opened: Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) =>
			error ? reject(error) : resolve(opened),
		);
	});
	try {
		return await new Promise<T[]>((resolve, reject) =>
			db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
		);
	} finally {
		await new Promise<void>((resolve) => db.close(() => resolve()));
	}
}

/** `workflow_entity.staticData` of one workflow, parsed (null when n8n saved none). */
export async function workflowStaticData(
	sqlite3Path: string,
	file: string,
	workflowId: string,
): Promise<{ raw: string | null; parsed: unknown }> {
	const rows = await queryAll<{ staticData: string | null }>(
		sqlite3Path,
		file,
		'SELECT staticData FROM workflow_entity WHERE id = ?',
		[workflowId],
	);
	if (rows.length === 0) throw new Error(`No workflow ${workflowId} in ${file}`);
	const raw = rows[0].staticData;
	return { raw, parsed: raw ? (JSON.parse(raw) as unknown) : null };
}

/** The encrypted `data` column of one credential (to show no token is stored in the clear). */
export async function credentialRow(
	sqlite3Path: string,
	file: string,
	id: string,
): Promise<string | undefined> {
	const rows = await queryAll<{ data: string }>(
		sqlite3Path,
		file,
		'SELECT data FROM credentials_entity WHERE id = ?',
		[id],
	);
	return rows[0]?.data;
}

/** The newest execution of a workflow with an id above `afterId`: its row and `execution_data.data`. */
export async function newestExecution(
	sqlite3Path: string,
	file: string,
	workflowId: string,
	afterId: number,
): Promise<{ id: number; status: string; mode: string; data: string } | undefined> {
	const rows = await queryAll<{ id: number; status: string; mode: string; data: string }>(
		sqlite3Path,
		file,
		`SELECT e.id, e.status, e.mode, d.data FROM execution_entity e
		 JOIN execution_data d ON d.executionId = e.id
		 WHERE e.workflowId = ? AND e.id > ? ORDER BY e.id DESC LIMIT 1`,
		[workflowId, afterId],
	);
	return rows[0];
}

/** The highest execution id of a workflow (0 when it has none). */
export async function lastExecutionId(
	sqlite3Path: string,
	file: string,
	workflowId: string,
): Promise<number> {
	const rows = await queryAll<{ id: number | null }>(
		sqlite3Path,
		file,
		'SELECT MAX(id) AS id FROM execution_entity WHERE workflowId = ?',
		[workflowId],
	);
	return rows[0]?.id ?? 0;
}
