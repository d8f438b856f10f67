import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GeneroOperation, GeneroResource } from '../paths';
import * as block from './block';
import * as chain from './chain';
import * as customer from './customer';
import * as customerContact from './customerContact';
import { operations } from './entity';
import type { ResourceSpec } from './resource';
import * as wholesaler from './wholesaler';

const SPECS: Record<GeneroResource, ResourceSpec> = {
	customer: customer.spec,
	customerContact: customerContact.spec,
	chain: chain.spec,
	block: block.spec,
	wholesaler: wholesaler.spec,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as GeneroResource;
	const operation = this.getNodeParameter('operation', 0) as GeneroOperation;
	const spec = SPECS[resource];
	const run = operations[operation];
	if (!spec || !run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" on "${resource}" is not supported`);
	}
	return [await run.execute.call(this, spec)];
}
