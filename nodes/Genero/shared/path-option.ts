import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkedPathOverride } from './request';

/**
 * The "Path" option of an operation: replaces the table's path for this call (the verb stays).
 * `replaced` says which placeholders the path may hold, e.g. "{externalId} is replaced by the external ID".
 */
export function pathOption(example: string, replaced?: string): INodeProperties {
	return {
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		placeholder: `e.g. ${example}`,
		description: `Overrides the assumed endpoint path, relative to the credential's Base URL${replaced ? ` (${replaced})` : ''}. Genero's paths are not public; see the node's documentation.`,
	};
}

/** The item's Path option, checked to stay under the credential's Base URL; undefined when empty. */
export function readPathOption(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return checkedPathOverride(
		this.getNode(),
		this.getNodeParameter('options.path', itemIndex, ''),
		itemIndex,
	);
}
