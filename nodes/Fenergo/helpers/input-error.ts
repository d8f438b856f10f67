/**
 * A problem with what the node was given or got back, raised by helpers that do not know the node
 * or the item; the router turns it into a NodeOperationError for the item.
 */
export class FenergoInputError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'FenergoInputError';
	}
}
