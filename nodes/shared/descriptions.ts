import type { INodeProperties } from 'n8n-workflow';

/**
 * The "Options" collection of an operation, the same in every node (the item runner reads Parallel
 * Requests from it as `options.parallelRequests`).
 */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
