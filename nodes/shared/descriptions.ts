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

/** Return All and Limit of a Get Many operation; `maxValue` where the provider caps a request. */
export function returnAllOrLimit(maxValue?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxValue !== undefined && { maxValue }) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}
