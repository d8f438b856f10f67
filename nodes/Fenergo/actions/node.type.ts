import type { ItemOperation } from '../../shared/items/runner';

/** Every resource of the node with its operations, as the Resource and Operation parameters name them. */
export type FenergoMap = {
	entity:
		| 'create'
		| 'createDraft'
		| 'get'
		| 'getMany'
		| 'rejectDraft'
		| 'search'
		| 'searchByName'
		| 'searchForDuplicates'
		| 'updateDraft'
		| 'verifyDraft';
};

export type FenergoResource = keyof FenergoMap;

/** The operations of one resource, each a module that exports `prepare`, `execute` and maybe `parallel`. */
export type FenergoOperations<R extends FenergoResource> = {
	[O in FenergoMap[R]]: ItemOperation<unknown>;
};
