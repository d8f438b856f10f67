import type { ExecutionStatus, IDataObject, INodeExecutionData, IRun } from 'n8n-workflow';

/** What a test usually wants to know about an n8n error. */
export interface ErrorSummary {
	message: string;
	description?: string;
	httpCode?: string;
	/** Set on the execution error: the node that failed. */
	node?: string;
	/** Set on item errors (continueOnFail): the index of the output item carrying it. */
	itemIndex?: number;
}

export interface ExecutionResult {
	run: IRun;
	status: ExecutionStatus;
	/** The error that stopped the execution (a node failing without continueOnFail). */
	error?: ErrorSummary;
	/** main[0] of the last run of each node that ran. */
	outputs: Record<string, INodeExecutionData[]>;
	/** Errors carried by output items (`json.error`, continueOnFail), per node. */
	itemErrors: Record<string, ErrorSummary[]>;
	/** The workflow's static data as the execution left it (persisted only outside 'manual'). */
	staticData: IDataObject;
}

function readString(source: Record<string, unknown>, key: string): string | undefined {
	const value = source[key];
	if (value === undefined || value === null || value === '') return undefined;
	return String(value);
}

export function summarizeError(error: unknown): ErrorSummary {
	if (typeof error !== 'object' || error === null) return { message: String(error) };
	const source = error as Record<string, unknown>;
	const node = source.node as { name?: string } | undefined;
	return {
		message: readString(source, 'message') ?? '',
		description: readString(source, 'description'),
		httpCode: readString(source, 'httpCode'),
		node: node?.name,
	};
}

export function summarizeRun(run: IRun, staticData: IDataObject): ExecutionResult {
	const { runData, error } = run.data.resultData;
	const outputs: Record<string, INodeExecutionData[]> = {};
	const itemErrors: Record<string, ErrorSummary[]> = {};
	for (const [nodeName, tasks] of Object.entries(runData)) {
		const items = tasks.at(-1)?.data?.main?.[0] ?? [];
		outputs[nodeName] = items;
		const errors = items.flatMap((item, itemIndex) => {
			if (item.error) {
				const { node: _node, ...summary } = summarizeError(item.error);
				return [{ ...summary, itemIndex }];
			}
			const message = item.json?.error;
			if (message === undefined || message === null) return [];
			// The error item of our nodes: `{ error, description? }`.
			const { node: _node, ...summary } = summarizeError(
				typeof message === 'object'
					? message
					: { message: String(message), description: item.json.description },
			);
			return [{ ...summary, itemIndex }];
		});
		if (errors.length > 0) itemErrors[nodeName] = errors;
	}
	return {
		run,
		status: run.status,
		error: error ? summarizeError(error) : undefined,
		outputs,
		itemErrors,
		staticData,
	};
}
