import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Test node: reads binary field `data` of each item through n8n's binary store and emits it as base64. */
export class BinaryBytes implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Bytes',
		name: 'testBinaryBytes',
		group: ['transform'],
		version: 1,
		description: 'Reads a binary field back',
		defaults: { name: 'Bytes' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Field', name: 'field', type: 'string', default: 'data' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const field = this.getNodeParameter('field', i) as string;
			const buffer = await this.helpers.getBinaryDataBuffer(i, field);
			out.push({
				json: { base64: buffer.toString('base64'), length: buffer.length },
				pairedItem: { item: i },
			});
		}
		return [out];
	}
}
