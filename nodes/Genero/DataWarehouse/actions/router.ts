import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chosenOperation } from '../../../shared/items/operation-map';
import { runItems, type ItemOperation } from '../../../shared/items/runner';
import { settleExtraction } from '../../../shared/positions/steps';
import * as entity from './entity';
import type { ExtractionRun } from './entity/getMany.operation';
import { isConfirmStep } from './entity/confirmPosition.operation';
import type { WarehouseOperations, WarehouseResource } from './node.type';

const operations: { [R in WarehouseResource]: WarehouseOperations<R> } = {
	entity: entity.operations,
};

/**
 * Runs the chosen operation for every input item, one at a time (Genero forbids parallel calls).
 * Positions of "Changed Since Last Run" move when the node succeeds, or with a Confirm Position
 * step after it, when that step runs (nodes/shared/positions).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = chosenOperation<(run: ExtractionRun) => ItemOperation<unknown>>(
		this,
		operations,
	);
	const nodeStaticData = this.getWorkflowStaticData('node');
	const items = await runItems.call(this, operation({ nodeStaticData }));
	settleExtraction(this, isConfirmStep);
	return [items];
}
