import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chosenOperation } from '../../shared/items/operation-map';
import { runItems, type ItemOperation } from '../../shared/items/runner';
import { settleExtraction } from '../../shared/positions/steps';
import * as call from './call';
import { isConfirmStep } from './call/position';
import * as customer from './customer';
import type { KaisaOperations, KaisaResource } from './node.type';
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

/**
 * Runs the chosen operation for every input item through the shared item runner. Positions of
 * "Since Last Run" call lists move when the node succeeds, or with a Confirm Position step after
 * it, when that step runs (nodes/shared/positions).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = chosenOperation<ItemOperation<unknown>>(this, operations);
	const items = await runItems.call(this, operation, {
		parallelDefault: KAISA_PARALLEL_DEFAULT,
	});
	if (this.getNodeParameter('resource', 0) === 'call') settleExtraction(this, isConfirmStep);
	return [items];
}
