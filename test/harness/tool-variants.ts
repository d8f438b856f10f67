/**
 * How n8n 2.41's CLI turns a `usableAsTool` node into its AI-agent tool variant, restated because
 * the CLI (the `n8n` package) is not a dependency here:
 * - at load, `createAiTools` adds a "<Node> Tool" description (type `<type>Tool`) to the types the
 *   editor lists;
 * - at run time, `NodeTypes.getByNameAndVersion('<type>Tool')` finds no such node and derives it
 *   from the base node: same `execute`, the tool description on top.
 * (packages/cli/src/tool-generation/ai-tools.ts and node-types.ts of n8n@2.41.1.) The tool call
 * itself is not restated: n8n-core's getInputConnectionData and createNodeAsTool run the node.
 */
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { deepCopy, NodeConnectionTypes, UserError } from 'n8n-workflow';

const TOOL_SUFFIX = 'Tool';

export const toolTypeName = (nodeTypeName: string): string => `${nodeTypeName}${TOOL_SUFFIX}`;

export const isToolTypeName = (name: string): boolean => name.endsWith(TOOL_SUFFIX);

export const baseTypeName = (toolName: string): string => toolName.slice(0, -TOOL_SUFFIX.length);

/** The Tool Description fields the CLI adds after the node's leading callouts. */
function addToolDescriptionFields(description: INodeTypeDescription): void {
	const properties = description.properties;
	if (properties.some((property) => property.name === 'toolDescription')) return;
	const hasResourceOrOperation = properties.some(
		(property) => property.name === 'resource' || property.name === 'operation',
	);
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		typeOptions: { rows: 2 },
		description:
			'Explain to the LLM what this tool does, a good, specific description would allow LLMs to produce expected results much more often',
		...(hasResourceOrOperation && { displayOptions: { show: { descriptionType: ['manual'] } } }),
	};
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Set Automatically',
				value: 'auto',
				description: 'Automatically set based on resource and operation',
			},
			{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
		],
		default: 'auto',
	};
	let lastCallout = -1;
	properties.forEach((property, index) => {
		if (property.type === 'callout') lastCallout = index;
	});
	properties.splice(
		lastCallout + 1,
		0,
		...(hasResourceOrOperation ? [descriptionType] : []),
		toolDescription,
	);
}

/** Turns (mutates) a description into the tool variant's, as the CLI's convertNodeToAiTool does. */
export function convertToToolDescription(description: INodeTypeDescription): INodeTypeDescription {
	description.name = toolTypeName(description.name);
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	addToolDescriptionFields(description);
	const codex = description.codex;
	description.codex = {
		categories: ['AI'],
		subcategories: { AI: ['Tools'], Tools: codex?.subcategories?.Tools ?? ['Other Tools'] },
		resources: codex?.resources ?? {},
		...(codex?.alias && { alias: codex.alias }),
	};
	return description;
}

/** The descriptions the editor lists for a node: the node's and, when usable as a tool, its tool's. */
export function listedDescriptions(description: INodeTypeDescription): INodeTypeDescription[] {
	if (!description.usableAsTool) return [description];
	const base = deepCopy(description);
	const replaced =
		typeof description.usableAsTool === 'object'
			? { ...base, ...description.usableAsTool.replacements }
			: base;
	return [description, convertToToolDescription(replaced as INodeTypeDescription)];
}

/** The run-time tool node: the base node's prototype (execute, methods) under the tool description. */
export function toolVariant(baseName: string, nodeType: INodeType): INodeType {
	if (!nodeType.description.usableAsTool) {
		throw new UserError('Node cannot be used as a tool', { extra: { nodeType: baseName } });
	}
	if (typeof nodeType.supplyData === 'function') {
		throw new UserError('Node already has a `supplyData` method', {
			extra: { nodeType: baseName },
		});
	}
	const properties = Object.create(nodeType.description.properties) as INodeProperties[];
	const description = Object.create(nodeType.description, {
		properties: { value: properties, writable: false },
	}) as INodeTypeDescription;
	const tool = Object.create(nodeType, { description: { value: description } }) as INodeType;
	convertToToolDescription(tool.description);
	return tool;
}
