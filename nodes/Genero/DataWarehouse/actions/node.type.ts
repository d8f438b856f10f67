import type { ItemOperation } from '../../../shared/items/runner';
import type { ExtractionRun } from './entity/getMany.operation';

/** Every resource of the node with its operations, as the Resource and Operation parameters name them. */
export type WarehouseMap = {
	entity: 'getMany' | 'confirmPosition';
};

export type WarehouseResource = keyof WarehouseMap;

/** An operation for one run: the run's shared state (the node's static data) goes in. */
export type WarehouseOperations<R extends WarehouseResource> = {
	[O in WarehouseMap[R]]: (run: ExtractionRun) => ItemOperation<unknown>;
};
