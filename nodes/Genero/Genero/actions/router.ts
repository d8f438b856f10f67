import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chosenOperation } from '../../../shared/items/operation-map';
import {
	runBatch,
	runItems,
	type BatchOperation,
	type ItemOperation,
} from '../../../shared/items/runner';
import * as block from './block';
import * as chain from './chain';
import * as customer from './customer';
import * as customerContact from './customerContact';
import type { GeneroMap } from './node.type';
import { GENERO_PARALLEL_DEFAULT } from './parallel';
import * as wholesaler from './wholesaler';

type GeneroResource = keyof GeneroMap;

const operations: {
	[R in GeneroResource]: { [O in GeneroMap[R]]: ItemOperation<unknown> | BatchOperation };
} = {
	block: block.operations,
	chain: chain.operations,
	customer: customer.operations,
	customerContact: customerContact.operations,
	wholesaler: wholesaler.operations,
};

function isBatch(operation: ItemOperation<unknown> | BatchOperation): operation is BatchOperation {
	return 'executeBatch' in operation;
}

/** Runs the chosen operation through the shared item runner (Import: all items in batch calls). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = chosenOperation<ItemOperation<unknown> | BatchOperation>(this, operations);
	if (isBatch(operation)) return [await runBatch.call(this, operation)];
	return [await runItems.call(this, operation, { parallelDefault: GENERO_PARALLEL_DEFAULT })];
}
