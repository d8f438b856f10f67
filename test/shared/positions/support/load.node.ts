import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

/** What one load does: wait for `gate` (if any), then fail, never finish, or load. */
export interface LoadStep {
	gate?: Promise<void>;
	fail?: boolean;
	/** The process is killed here: the execution never ends, so n8n saves nothing. */
	hang?: boolean;
}

/**
 * The user's load step (an upsert into their warehouse), scripted by a test: each load takes the
 * next step of `script` (none left: it loads). `loaded` holds the items of every load that
 * succeeded, one list per load.
 */
export class LoadControl {
	script: LoadStep[] = [];
	readonly loaded: IDataObject[][] = [];
	private arrivals = 0;
	private waiters: Array<{ count: number; resolve: () => void }> = [];

	/** Before each test: no script, nothing loaded, no load started yet. */
	reset(): void {
		this.script = [];
		this.loaded.length = 0;
		this.arrivals = 0;
		this.waiters = [];
	}

	/** Resolves once `count` loads have started (since the last reset). */
	async arrived(count: number): Promise<void> {
		if (this.arrivals >= count) return;
		await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
	}

	async load(items: IDataObject[]): Promise<'loaded' | 'failed'> {
		this.arrivals++;
		for (const waiter of this.waiters.filter((w) => w.count <= this.arrivals)) waiter.resolve();
		const step = this.script.shift() ?? {};
		if (step.gate) await step.gate;
		if (step.hang) await new Promise<never>(() => {});
		if (step.fail) return 'failed';
		this.loaded.push(items);
		return 'loaded';
	}

	/** Every row any successful load received. */
	all(): IDataObject[] {
		return this.loaded.flat();
	}
}

export const loadControl = new LoadControl();

/** A gate a test opens by hand. */
export function gate(): { promise: Promise<void>; open: () => void } {
	let open!: () => void;
	const promise = new Promise<void>((resolve) => (open = resolve));
	return { promise, open };
}

/** Test node type `testLoad`: hands its input to `loadControl` and passes it on when loaded. */
export class Load implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Load',
		name: 'testLoad',
		group: ['output'],
		version: 1,
		description: 'Loads items into a pretend warehouse',
		defaults: { name: 'Load' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outcome = await loadControl.load(items.map((item) => item.json));
		if (outcome === 'failed')
			throw new NodeOperationError(this.getNode(), 'The warehouse refused the load');
		return [items];
	}
}
