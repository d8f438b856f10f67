import type { BatchOperation, ItemOperation } from '../../../shared/items/runner';
import type { GeneroOperation, GeneroResource } from '../../shared/paths';

/** Every resource of the node with its operations, as the Resource and Operation parameters name them. */
export type GeneroMap = { [R in GeneroResource]: GeneroOperation };

/** Import sends all items in batch calls; every other operation handles one item. */
export type GeneroOperations = {
	[O in Exclude<GeneroOperation, 'import'>]: ItemOperation<unknown>;
} & {
	import: BatchOperation;
};
