import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as entity from './entity';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource === 'entity' && operation === 'getMany') return [await entity.getMany.execute.call(this)];
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" on "${resource}" is not supported`);
}
