import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

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

/** The operation the Resource and Operation parameters name, or undefined when the map has none. */
function operationOf(
	resource: string,
	operation: string,
): ItemOperation<unknown> | BatchOperation | undefined {
	if (!Object.hasOwn(operations, resource)) return undefined;
	const ofResource = operations[resource as GeneroResource];
	return Object.hasOwn(ofResource, operation)
		? ofResource[operation as GeneroMap[GeneroResource]]
		: undefined;
}

function isBatch(operation: ItemOperation<unknown> | BatchOperation): operation is BatchOperation {
	return 'executeBatch' in operation;
}

/** Runs the chosen operation through the shared item runner (Import: all items in batch calls). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = operationOf(resource, name);
	if (!operation)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${name}" on "${resource}" is not supported`,
		);
	if (isBatch(operation)) return [await runBatch.call(this, operation)];
	return [await runItems.call(this, operation, { parallelDefault: GENERO_PARALLEL_DEFAULT })];
}
