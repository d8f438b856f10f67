import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** More at once than this gains nothing against one client's rate limits and only risks 429s. */
export const MAX_PARALLEL_REQUESTS = 50;

const PARAMETER = 'options.parallelRequests';

/**
 * The Parallel Requests option, for the Options collection of an operation whose items are
 * independent requests. `providerDefault` is chosen per provider (see the provider's docs page).
 */
export function parallelRequestsOption(providerDefault: number): INodeProperties {
	return {
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS, numberPrecision: 0 },
		default: providerDefault,
		description:
			'How many input items are sent at the same time. Output order and item pairing stay as with 1; when the provider asks to slow down (HTTP 429), every request of this client waits.',
	};
}

/** The Parallel Requests setting of the run (read once, from the first item), checked. */
export function readParallelRequests(this: IExecuteFunctions, providerDefault: number): number {
	const value = this.getNodeParameter(PARAMETER, 0, providerDefault) as unknown;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (
		typeof number === 'number' &&
		Number.isInteger(number) &&
		number >= 1 &&
		number <= MAX_PARALLEL_REQUESTS
	)
		return number;
	throw new NodeOperationError(
		this.getNode(),
		`Parallel Requests must be a whole number from 1 to ${MAX_PARALLEL_REQUESTS}`,
		{
			description: `Parallel Requests is ${JSON.stringify(value)}. Enter 1 to send one item at a time, or up to ${MAX_PARALLEL_REQUESTS}.`,
		},
	);
}
