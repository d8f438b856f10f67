import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** A node's operations by resource and operation name (each node types its own, see `node.type.ts`). */
export type OperationMap<Operation> = Record<string, Record<string, Operation>>;

/**
 * The operation the node's Resource and Operation parameters choose. n8n only offers the listed
 * values, so an unknown pair means a workflow made for another version of the node.
 */
export function chosenOperation<Operation>(
	context: IExecuteFunctions,
	operations: OperationMap<Operation>,
): Operation {
	const resource = String(context.getNodeParameter('resource', 0));
	const operation = String(context.getNodeParameter('operation', 0));
	const ofResource = Object.hasOwn(operations, resource) ? operations[resource] : undefined;
	if (ofResource && Object.hasOwn(ofResource, operation)) return ofResource[operation];
	throw new NodeOperationError(
		context.getNode(),
		`The operation "${operation}" is not supported for the resource "${resource}"`,
		{ description: 'Open the node and choose the Resource and the Operation again.' },
	);
}
