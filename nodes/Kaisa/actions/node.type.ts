import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export type KaisaResource = 'call' | 'customer' | 'recording' | 'sms' | 'source';

/**
 * One operation for one input item: it validates, calls Kaisa and appends its output items
 * (each paired to `itemIndex`) to `returnData` as they come, so long lists are never held twice.
 */
export type KaisaOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	returnData: INodeExecutionData[],
) => Promise<void>;
