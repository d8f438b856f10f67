import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** What n8n-core hands an agent for each connected tool (a LangChain structured tool). */
export interface ConnectedTool {
	name: string;
	description: string;
	schema: { shape?: Record<string, unknown> };
	invoke(args: IDataObject): Promise<unknown>;
}

export interface ToolCall {
	tool: string;
	args: IDataObject;
}

/**
 * An AI Agent without the model: it takes its tools the way n8n's Agent node does
 * (`getInputConnectionData(ai_tool)`), then makes the calls its `calls` parameter lists, as a model
 * would choose them, and outputs the tools it saw and each call's answer.
 */
export class ToolAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tool Agent',
		name: 'testToolAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls connected tools with fixed arguments',
		defaults: { name: 'Agent' },
		inputs: [
			NodeConnectionTypes.Main,
			{ type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true },
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData(
			NodeConnectionTypes.AiTool,
			0,
		)) as ConnectedTool[];
		const calls = JSON.parse(this.getNodeParameter('calls', 0) as string) as ToolCall[];
		const seen = tools.map((tool) => ({
			name: tool.name,
			description: tool.description,
			arguments: Object.keys(tool.schema.shape ?? {}),
		}));
		const answers: IDataObject[] = [];
		for (const call of calls) {
			const tool = tools.find((candidate) => candidate.name === call.tool);
			if (!tool)
				throw new Error(
					`No connected tool "${call.tool}" (connected: ${seen.map((t) => t.name).join(', ')})`,
				);
			try {
				const answer = await tool.invoke(call.args);
				answers.push({ tool: call.tool, answer: JSON.parse(String(answer)) as IDataObject });
			} catch (error) {
				answers.push({ tool: call.tool, error: (error as Error).message });
			}
		}
		return [[{ json: { tools: seen, answers } }]];
	}
}
