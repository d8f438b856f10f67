import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { tokenError } from '../../shared/errors';
import { fenergoApi } from '../../shared/providers/fenergo';
import { TokenError } from '../../shared/token/token-error';
import { FenergoInputError } from '../helpers/input-error';
import { CREDENTIAL_TYPE } from '../transport';
import * as entity from './entity';
import type { FenergoResource, OperationModule } from './node.type';

const resources: Record<FenergoResource, Record<string, OperationModule>> = {
	entity: entity.operations,
};

type Prepared = { ok: true; input: unknown } | { ok: false; error: Error };

/** Errors from helpers that do not know the node become the item's NodeOperationError. */
function asNodeError(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof FenergoInputError) {
		return new NodeOperationError(this.getNode(), error.message, { itemIndex, description: error.description });
	}
	if (error instanceof TokenError) return tokenError(this.getNode(), error, itemIndex);
	return error instanceof Error ? error : new NodeOperationError(this.getNode(), String(error), { itemIndex });
}

/**
 * The credential's fields (tenant GUID, URLs, client) checked before any call: the transport
 * reads the tenant only when it builds the request, after fetching a token.
 */
async function checkCredential(this: IExecuteFunctions): Promise<void> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, 0);
	fenergoApi.tokenRequest(credentials);
	fenergoApi.baseUrl(credentials);
	fenergoApi.apiHeaders(credentials, 'not-a-token');
}

/**
 * Prepares every item (parameters read and checked, no network) before the first call, then runs
 * them one by one. Every output item is paired to its input; with Continue On Fail a failed item
 * becomes `{ error }` paired to its input and nothing is dropped.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as FenergoResource;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();
	const errorItem = (error: Error, itemIndex: number): INodeExecutionData => ({
		json: { error: error.message },
		pairedItem: { item: itemIndex },
	});

	try {
		await checkCredential.call(this);
	} catch (error) {
		const failure = asNodeError.call(this, error, 0);
		if (!continueOnFail) throw failure;
		return [items.map((_item, itemIndex) => errorItem(failure, itemIndex))];
	}

	const prepared: Prepared[] = items.map((_item, itemIndex) => {
		try {
			return { ok: true, input: operation.prepare.call(this, itemIndex) };
		} catch (error) {
			const failure = asNodeError.call(this, error, itemIndex);
			if (!continueOnFail) throw failure;
			return { ok: false, error: failure };
		}
	});

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const entry = prepared[itemIndex];
		if (!entry.ok) {
			output.push(errorItem(entry.error, itemIndex));
			continue;
		}
		try {
			const results: IDataObject[] = await operation.execute.call(this, entry.input, itemIndex);
			for (const json of results) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const failure = asNodeError.call(this, error, itemIndex);
			if (!continueOnFail) throw failure;
			output.push(errorItem(failure, itemIndex));
		}
	}
	return [output];
}
