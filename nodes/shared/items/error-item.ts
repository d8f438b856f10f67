import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { tokenError } from '../errors';
import { TokenError } from '../token/token-error';
import { InputError } from './input-error';

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

// Errors from another copy of n8n-workflow (a linked package inside n8n) fail `instanceof`.
const NODE_ERRORS = new Set(['NodeApiError', 'NodeOperationError']);

/**
 * Any failure of an item as the node error n8n shows: node errors pass through, a TokenError and an
 * InputError (raised by helpers that do not know the node) get the item's index, anything else
 * becomes a NodeOperationError with its message.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Error && NODE_ERRORS.has(error.name)) return error as NodeOperationError;
	if (error instanceof TokenError) return tokenError(node, error, itemIndex);
	if (error instanceof InputError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: error.description,
		});
	}
	return new NodeOperationError(node, messageOf(error), { itemIndex });
}

/**
 * The item a failed input gives with Continue On Fail, the same in every node: `{ error,
 * description? }` as n8n's own nodes emit it, paired to its input. `extra` keeps fields that name
 * the record (e.g. the external ID of a rejected import row).
 */
export function errorItem(
	error: unknown,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const json: IDataObject = { ...extra, error: messageOf(error) };
	const description = (error as { description?: unknown } | undefined)?.description;
	if (typeof description === 'string' && description !== '') json.description = description;
	return { json, pairedItem: { item: itemIndex } };
}
