import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runItems, type ItemOperation } from '../../../shared/items/runner';
import * as entity from './entity';
import type { ExtractionRun } from './entity/getMany.operation';
import { readPositions, writePositions } from './entity/position';
import type { WarehouseMap, WarehouseOperations, WarehouseResource } from './node.type';

const operations: { [R in WarehouseResource]: WarehouseOperations<R> } = {
	entity: entity.operations,
};

/** The operation the Resource and Operation parameters name, or undefined when the map has none. */
function operationOf(
	resource: string,
	operation: string,
): ((run: ExtractionRun) => ItemOperation<unknown>) | undefined {
	if (!Object.hasOwn(operations, resource)) return undefined;
	const ofResource = operations[resource as WarehouseResource];
	return Object.hasOwn(ofResource, operation)
		? ofResource[operation as WarehouseMap[WarehouseResource]]
		: undefined;
}

/**
 * Runs the chosen operation for every input item, one at a time (Genero forbids parallel calls).
 * The positions of "Changed Since Last Run" are stored only when the node returns successfully.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = operationOf(resource, name);
	if (!operation)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${name}" on "${resource}" is not supported`,
		);
	const nodeStaticData = this.getWorkflowStaticData('node');
	const run: ExtractionRun = { nodeStaticData, positions: readPositions(nodeStaticData) };
	const items = await runItems.call(this, operation(run));
	writePositions(nodeStaticData, run.positions);
	return [items];
}
