import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chosenOperation } from '../../../shared/items/operation-map';
import { runItems, type ItemOperation } from '../../../shared/items/runner';
import * as entity from './entity';
import type { ExtractionRun } from './entity/getMany.operation';
import { readPositions, writePositions } from './entity/position';
import type { WarehouseOperations, WarehouseResource } from './node.type';

const operations: { [R in WarehouseResource]: WarehouseOperations<R> } = {
	entity: entity.operations,
};

/**
 * Runs the chosen operation for every input item, one at a time (Genero forbids parallel calls).
 * The positions of "Changed Since Last Run" are stored only when the node returns successfully.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = chosenOperation<(run: ExtractionRun) => ItemOperation<unknown>>(
		this,
		operations,
	);
	const nodeStaticData = this.getWorkflowStaticData('node');
	const run: ExtractionRun = { nodeStaticData, positions: readPositions(nodeStaticData) };
	const items = await runItems.call(this, operation(run));
	writePositions(nodeStaticData, run.positions);
	return [items];
}
