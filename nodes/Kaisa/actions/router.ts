import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import * as call from './call';
import * as customer from './customer';
import type { KaisaOperation, KaisaResource } from './node.type';
import * as recording from './recording';
import * as sms from './sms';
import * as source from './source';

const resources: Record<KaisaResource, { operations: Record<string, KaisaOperation> }> = {
	call,
	customer,
	recording,
	sms,
	source,
};

/**
 * Runs the chosen operation once per input item. With Continue On Fail, an item that fails gives
 * one error item paired to it and nothing else (rows it had already added are taken back).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as KaisaResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = resources[resource]?.operations[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for the resource "${resource}"`);
	}

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const mark = returnData.length;
		try {
			await run.call(this, itemIndex, returnData);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.length = mark;
				returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
