import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runItems, type ItemOperation } from '../../shared/items/runner';
import { fenergoApi } from '../../shared/providers/fenergo';
import { CREDENTIAL_TYPE } from '../transport';
import * as entity from './entity';
import type { FenergoMap, FenergoOperations, FenergoResource } from './node.type';
import { FENERGO_PARALLEL_DEFAULT } from './parallel';

const operations: { [R in FenergoResource]: FenergoOperations<R> } = {
	entity: entity.operations,
};

/** The operation the Resource and Operation parameters name, or undefined when the map has none. */
function operationOf(resource: string, operation: string): ItemOperation<unknown> | undefined {
	if (!Object.hasOwn(operations, resource)) return undefined;
	const ofResource = operations[resource as FenergoResource];
	return Object.hasOwn(ofResource, operation)
		? ofResource[operation as FenergoMap[FenergoResource]]
		: undefined;
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

/** Runs the chosen operation for every input item through the shared item runner. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = operationOf(resource, name);
	if (!operation)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${name}" of "${resource}" is not supported`,
		);
	return [
		await runItems.call(this, operation, {
			parallelDefault: FENERGO_PARALLEL_DEFAULT,
			check: checkCredential,
		}),
	];
}
