import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export type FenergoResource = 'entity';

/**
 * One operation: `prepare` reads and checks the item's parameters without any network call (the
 * router prepares every item before the first call), `execute` makes the calls and returns the
 * JSON of the output items.
 */
export interface OperationModule<Input = unknown> {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Input;
	execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]>;
}
