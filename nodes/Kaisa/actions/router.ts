import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runItems, type ItemOperation } from '../../shared/items/runner';
import * as call from './call';
import * as customer from './customer';
import type { KaisaMap, KaisaOperations, KaisaResource } from './node.type';
import { KAISA_PARALLEL_DEFAULT } from './parallel';
import * as recording from './recording';
import * as sms from './sms';
import * as source from './source';

const operations: { [R in KaisaResource]: KaisaOperations<R> } = {
	call: call.operations,
	customer: customer.operations,
	recording: recording.operations,
	sms: sms.operations,
	source: source.operations,
};

function isResource(resource: string): resource is KaisaResource {
	return Object.hasOwn(operations, resource);
}

function isOperation<R extends KaisaResource>(
	resource: R,
	operation: string,
): operation is KaisaMap[R] {
	return Object.hasOwn(operations[resource], operation);
}

function operationOf<R extends KaisaResource>(
	resource: R,
	operation: KaisaMap[R],
): ItemOperation<unknown> {
	return operations[resource][operation];
}

/** Runs the chosen operation for every input item through the shared item runner. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (!isResource(resource) || !isOperation(resource, operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for the resource "${resource}"`,
		);
	}
	return [
		await runItems.call(this, operationOf(resource, operation), {
			parallelDefault: KAISA_PARALLEL_DEFAULT,
		}),
	];
}
