import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chosenOperation } from '../../shared/items/operation-map';
import { runItems, type ItemOperation } from '../../shared/items/runner';
import { fenergoApi } from '../../shared/providers/fenergo';
import { CREDENTIAL_TYPE } from '../transport';
import * as entity from './entity';
import type { FenergoOperations, FenergoResource } from './node.type';
import { FENERGO_PARALLEL_DEFAULT } from './parallel';

const operations: { [R in FenergoResource]: FenergoOperations<R> } = {
	entity: entity.operations,
};

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

/** Runs the chosen operation for every input item through the shared item runner. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = chosenOperation<ItemOperation<unknown>>(this, operations);
	return [
		await runItems.call(this, operation, {
			parallelDefault: FENERGO_PARALLEL_DEFAULT,
			check: checkCredential,
		}),
	];
}
