import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { asNodeError, errorItem } from './error-item';
import { readParallelRequests } from './parallel';

/** Where an operation puts the output items of one input item as they come (pages of a list). */
export interface ItemOutput {
	push(json: IDataObject, binary?: IBinaryKeyData): void;
	pushAll(rows: IDataObject[]): void;
}

/** What an operation may return instead of (or after) pushing: its output rows. */
export type ItemResult = IDataObject | IDataObject[] | void;

/**
 * One operation for one input item. `prepare` reads and checks the item's parameters without any
 * request (every item is prepared before the first request is sent); `execute` makes the calls.
 * An operation never loops over items, catches for Continue On Fail or sets `pairedItem`.
 */
export interface ItemOperation<Input = undefined> {
	prepare?(this: IExecuteFunctions, itemIndex: number): Input;
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		input: Input,
		output: ItemOutput,
	): Promise<ItemResult>;
	/**
	 * Whether items are independent requests that may run side by side (the Parallel Requests
	 * option). Streaming and rate-bound operations leave it unset and run one item at a time.
	 */
	parallel?: boolean;
}

export interface RunOptions {
	/** Parallel Requests when the node's parameter is not set (the provider's default). */
	parallelDefault?: number;
	/** Checks that concern every item (the credential's fields); a failure fails each item. */
	check?: (this: IExecuteFunctions) => Promise<void>;
}

type Prepared<Input> = { ok: true; input: Input } | { ok: false; error: unknown };

/**
 * The one item loop of every node. Each output item is paired to its input; with Continue On Fail
 * a failed item gives exactly one error item (rows it had already produced are withdrawn) and the
 * run goes on; without it the first failing item (in input order) fails the node. Output keeps the
 * input order whatever the Parallel Requests setting.
 */
export async function runItems<Input>(
	this: IExecuteFunctions,
	operation: ItemOperation<Input>,
	options: RunOptions = {},
): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const fail = (error: unknown, itemIndex: number): INodeExecutionData => {
		if (!continueOnFail) throw asNodeError(node, error, itemIndex);
		return errorItem(asNodeError(node, error, itemIndex), itemIndex);
	};

	if (options.check) {
		try {
			await options.check.call(this);
		} catch (error) {
			return Array.from({ length: count }, (_item, itemIndex) => fail(error, itemIndex));
		}
	}

	const prepared: Array<Prepared<Input>> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			prepared.push({
				ok: true,
				input: operation.prepare ? operation.prepare.call(this, itemIndex) : (undefined as Input),
			});
		} catch (error) {
			fail(error, itemIndex);
			prepared.push({ ok: false, error });
		}
	}

	const parallel = operation.parallel
		? readParallelRequests.call(this, options.parallelDefault ?? 1)
		: 1;
	const run = async (itemIndex: number, into: INodeExecutionData[]): Promise<void> => {
		const entry = prepared[itemIndex];
		if (!entry.ok) throw entry.error;
		const returned = await operation.execute.call(
			this,
			itemIndex,
			entry.input,
			outputInto(into, itemIndex),
		);
		if (returned)
			outputInto(into, itemIndex).pushAll(Array.isArray(returned) ? returned : [returned]);
	};
	return parallel > 1
		? await runSideBySide(count, parallel, run, fail)
		: await runInTurn(count, run, fail);
}

function outputInto(items: INodeExecutionData[], itemIndex: number): ItemOutput {
	const pairedItem = { item: itemIndex };
	return {
		push: (json, binary) => {
			items.push(binary ? { json, binary, pairedItem } : { json, pairedItem });
		},
		pushAll: (rows) => {
			for (const json of rows) items.push({ json, pairedItem });
		},
	};
}

type Run = (itemIndex: number, into: INodeExecutionData[]) => Promise<void>;
type Fail = (error: unknown, itemIndex: number) => INodeExecutionData;

/** One item after the other, rows written straight into the output (long lists are held once). */
async function runInTurn(count: number, run: Run, fail: Fail): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const mark = output.length;
		try {
			await run(itemIndex, output);
		} catch (error) {
			output.length = mark;
			output.push(fail(error, itemIndex));
		}
	}
	return output;
}

/**
 * Up to `width` items at once, each into its own list, joined in input order. Without Continue On
 * Fail no new item starts after a failure; the items already running finish, then the first failed
 * item (in input order) fails the node.
 */
async function runSideBySide(
	count: number,
	width: number,
	run: Run,
	fail: Fail,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(count);
	const failures = new Map<number, unknown>();
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < count && failures.size === 0) {
			const itemIndex = next++;
			const items: INodeExecutionData[] = [];
			try {
				await run(itemIndex, items);
				results[itemIndex] = items;
			} catch (error) {
				try {
					results[itemIndex] = [fail(error, itemIndex)];
				} catch {
					failures.set(itemIndex, error);
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
	if (failures.size > 0) {
		const first = Math.min(...failures.keys());
		fail(failures.get(first), first);
	}
	const output: INodeExecutionData[] = [];
	for (const items of results) if (items) for (const item of items) output.push(item);
	return output;
}

/** The outcome of one input item of a batch operation. */
export type BatchOutcome =
	| { ok: true; json: IDataObject }
	| { ok: false; error: unknown; extra?: IDataObject };

/**
 * An operation that sends many items per request (Genero's import): it gets every item at once and
 * answers one outcome per item. It throws itself when a failure must stop the node (after the
 * batches it has to send), so the runner only places the outcomes.
 */
export interface BatchOperation {
	executeBatch(this: IExecuteFunctions, count: number): Promise<BatchOutcome[]>;
}

export async function runBatch(
	this: IExecuteFunctions,
	operation: BatchOperation,
): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const outcomes = await operation.executeBatch.call(this, count);
	return outcomes.map((outcome, itemIndex) => {
		if (outcome.ok) return { json: outcome.json, pairedItem: { item: itemIndex } };
		const failure = asNodeError(node, outcome.error, itemIndex);
		if (!continueOnFail) throw failure;
		return errorItem(failure, itemIndex, outcome.extra);
	});
}
