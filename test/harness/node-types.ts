import type {
	IDataObject,
	INodeCredentialDescription,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import { baseTypeName, isToolTypeName, toolVariant } from './tool-variants';

/**
 * A test node sets this (the name of its string parameter holding a credential type name)
 * to get one optional credential slot per registered credential type, shown only when that
 * parameter names it. n8n-core refuses `getCredentials(type)` for a type the node's
 * description does not list (unless the node type is one of its FULL_ACCESS_NODE_TYPES, i.e.
 * the real HTTP Request node), so "no fixed credentials" alone does not work.
 */
export interface PredefinedCredentialNode extends INodeType {
	readonly predefinedCredentialParameter: string;
}

function isPredefinedCredentialNode(nodeType: INodeType): nodeType is PredefinedCredentialNode {
	return (
		typeof (nodeType as Partial<PredefinedCredentialNode>).predefinedCredentialParameter ===
		'string'
	);
}

function withCredentialSlots(
	nodeType: PredefinedCredentialNode,
	credentialTypeNames: string[],
): INodeType {
	const parameter = nodeType.predefinedCredentialParameter;
	const slots: INodeCredentialDescription[] = credentialTypeNames.map((name) => ({
		name,
		required: true,
		displayOptions: { show: { [parameter]: [name] } },
	}));
	const description = {
		...nodeType.description,
		credentials: [...(nodeType.description.credentials ?? []), ...slots],
	};
	// Keep the prototype (execute, methods) and swap only the description.
	return Object.assign(Object.create(nodeType) as INodeType, { description });
}

/** The CLI's NodeTypes, over a fixed record keyed by the `type` used in workflow JSON. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	private readonly tools = new Map<string, INodeType>();

	constructor(
		nodeTypes: Record<string, INodeType | IVersionedNodeType>,
		credentialTypeNames: string[],
	) {
		for (const [name, nodeType] of Object.entries(nodeTypes)) {
			const predefined = !('nodeVersions' in nodeType) && isPredefinedCredentialNode(nodeType);
			this.types.set(
				name,
				predefined ? withCredentialSlots(nodeType, credentialTypeNames) : nodeType,
			);
		}
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) {
			const known = [...this.types.keys()].join(', ');
			throw new UnexpectedError(`Unknown node type "${nodeType}" (registered: ${known})`);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		// Like the CLI: `<type>Tool` that no package registers is the tool variant of `<type>`.
		if (isToolTypeName(nodeType) && !this.types.has(nodeType)) {
			const key = `${nodeType}?version=${version ?? 'default'}`;
			let tool = this.tools.get(key);
			if (!tool) {
				const baseName = baseTypeName(nodeType);
				tool = toolVariant(baseName, this.getByNameAndVersion(baseName, version));
				this.tools.set(key, tool);
			}
			return tool;
		}
		const type = this.getByName(nodeType);
		if (!('nodeVersions' in type)) return type;
		return type.nodeVersions[version ?? type.currentVersion] ?? type.getNodeType(version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, {}]));
	}
}
