import type { IConnections, IDataObject, INode, IWorkflowSettings } from 'n8n-workflow';

import type { WorkflowDefinition } from './n8n';

export type NodeSpec = Pick<INode, 'name' | 'type' | 'parameters'> & Partial<INode>;

/** A workflow whose nodes are chained main→main in the given order (first = start node). */
export function linearWorkflow(
	id: string,
	nodes: NodeSpec[],
	extra: { name?: string; settings?: IWorkflowSettings; staticData?: IDataObject } = {},
): WorkflowDefinition {
	const fullNodes: INode[] = nodes.map((node, index) => ({
		id: `${id}-node-${index}`,
		typeVersion: 1,
		position: [index * 220, 0],
		...node,
	}));
	const connections: IConnections = {};
	for (let index = 0; index < fullNodes.length - 1; index++) {
		connections[fullNodes[index].name] = {
			main: [[{ node: fullNodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return { id, name: extra.name ?? id, nodes: fullNodes, connections, ...extra };
}
