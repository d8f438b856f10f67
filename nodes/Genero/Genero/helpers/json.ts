import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { checkedPathOverride } from '../transport/request';
import { asNodeError, errorItem } from './errors';

/**
 * Runs `run` for every input item in turn. A failure becomes an error item paired to its input
 * with continueOnFail, and stops the node otherwise.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const count = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		let failure: unknown;
		let failed = false;
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) out.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			failed = true;
			failure = error;
		}
		if (!failed) continue;
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), failure, itemIndex);
		out.push(errorItem(failure, itemIndex));
	}
	return out;
}

/** An API answer as item JSON. */
export function asJson(body: unknown, fallback: IDataObject = {}): IDataObject {
	if (body === undefined || body === null || body === '') return fallback;
	if (typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	return { data: body as IDataObject[string] };
}

export function readTenant(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('tenant', itemIndex, '') as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

export function readPathOption(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return checkedPathOverride(this.getNode(), this.getNodeParameter('options.path', itemIndex, ''), itemIndex);
}
