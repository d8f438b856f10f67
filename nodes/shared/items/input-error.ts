/**
 * A problem with what a node was given or got back, raised by helpers that know neither the node nor
 * the item; the item runner turns it into the item's NodeOperationError (see `asNodeError`).
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}
