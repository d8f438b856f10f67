import type { ItemOperation } from '../../shared/items/runner';

/** Every resource of the node with its operations, as the Resource and Operation parameters name them. */
export type KaisaMap = {
	call: 'confirmPosition' | 'getMany';
	customer: 'create' | 'get' | 'getMany' | 'update';
	recording: 'get';
	sms: 'send';
	source: 'create' | 'getMany';
};

export type KaisaResource = keyof KaisaMap;

/** The operations of one resource, each a module that exports `prepare`, `execute` and maybe `parallel`. */
export type KaisaOperations<R extends KaisaResource> = {
	[O in KaisaMap[R]]: ItemOperation<unknown>;
};
