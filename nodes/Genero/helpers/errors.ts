import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What a failed item shows: n8n's message, plus the provider's own words when there are some. */
export function errorItem(error: unknown, itemIndex: number, extra: IDataObject = {}): INodeExecutionData {
	const json: IDataObject = { ...extra, error: messageOf(error) };
	const description = (error as { description?: unknown })?.description;
	if (typeof description === 'string' && description !== '') json.description = description;
	return { json, pairedItem: { item: itemIndex } };
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

const NODE_ERRORS = new Set(['NodeApiError', 'NodeOperationError']);

/** Node errors pass through (also from another copy of n8n-workflow); anything else becomes a NodeOperationError. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Error && NODE_ERRORS.has(error.name)) return error as NodeOperationError;
	return new NodeOperationError(node, messageOf(error), { itemIndex });
}
