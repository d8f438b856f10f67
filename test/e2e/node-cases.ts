import {
	DEMO_WAREHOUSE_ROWS,
	type CredentialType,
	type ProviderKey,
} from '../../scripts/lib/providers';
import type { FenergoSimulator, Simulator } from '../simulators';
import { FENERGO_TENANTS } from '../simulators';

/**
 * One read through each of our nodes. The runner finds the nodes in package.json's `n8n.nodes`
 * (built into dist/); a node listed here but not registered yet is skipped, and picked up as soon
 * as it is registered and built.
 */
export interface NodeCase {
	/** The node's `description.name` (its type is `n8n-nodes-client-credentials.<name>`). */
	node: string;
	credentialType: CredentialType;
	provider: ProviderKey;
	/** What the call is, for the report. */
	title: string;
	parameters(sim: Simulator): Record<string, unknown>;
	/** A failure message, or undefined when the output is what the simulator holds. */
	verify(items: Array<Record<string, unknown>>, sim: Simulator): string | undefined;
}

function firstFenergoEntity(sim: Simulator): string {
	return [...(sim as FenergoSimulator).entityStore(FENERGO_TENANTS[0]).keys()][0];
}

/** The window of the scheduled export (the Kaisa simulator's calls start 2026-01-14 00:00 UTC, 4 s apart). */
export const KAISA_EXPORT_WINDOW = {
	from: '2026-01-14T00:00:00.000Z',
	to: '2026-01-14T00:30:00.000Z',
};

/**
 * Trigger nodes, which a read in the main workflow cannot exercise: each is activated and fed by the
 * e2e file named here. Any other registered node without a case fails the e2e.
 */
export const NODES_CHECKED_ELSEWHERE: Record<string, string> = {
	fenergoTrigger: 'test/e2e/fenergo-trigger.ts',
	kaisaTrigger: 'test/e2e/kaisa-trigger.ts',
};

export const NODE_CASES: NodeCase[] = [
	{
		node: 'kaisa',
		credentialType: 'kaisaApi',
		provider: 'kaisa',
		title: 'Customer → Get Many (limit 5)',
		parameters: () => ({ resource: 'customer', operation: 'getMany', returnAll: false, limit: 5 }),
		verify: (items) =>
			items.length === 5 && items.every((item) => typeof item.customer_id === 'string')
				? undefined
				: `expected 5 customers with customer_id, got ${JSON.stringify(items).slice(0, 300)}`,
	},
	{
		node: 'fenergo',
		credentialType: 'fenergoApi',
		provider: 'fenergo',
		title: 'Entity → Get',
		parameters: (sim) => ({
			resource: 'entity',
			operation: 'get',
			entityId: firstFenergoEntity(sim),
		}),
		verify: (items, sim) => {
			const id = firstFenergoEntity(sim);
			return items.length === 1 && JSON.stringify(items[0]).includes(id)
				? undefined
				: `expected entity ${id}, got ${JSON.stringify(items).slice(0, 300)}`;
		},
	},
	{
		node: 'genero',
		credentialType: 'generoPublicApi',
		provider: 'genero',
		title: 'Customer → Get (external ID 1001)',
		parameters: () => ({ resource: 'customer', operation: 'get', externalId: '1001' }),
		verify: (items) =>
			items.length === 1 && JSON.stringify(items[0]).includes('1001')
				? undefined
				: `expected customer 1001, got ${JSON.stringify(items).slice(0, 300)}`,
	},
	{
		node: 'generoDataWarehouse',
		credentialType: 'generoDataWarehouseApi',
		provider: 'genero',
		title: `Entity → Get Many (all ${DEMO_WAREHOUSE_ROWS.Customer} Customer rows)`,
		parameters: () => ({
			resource: 'entity',
			operation: 'getMany',
			entity: { __rl: true, mode: 'name', value: 'Customer' },
			mode: 'all',
			returnAll: true,
		}),
		verify: (items) => {
			const ids = new Set(items.map((item) => String(item.id)));
			return items.length === DEMO_WAREHOUSE_ROWS.Customer && ids.size === items.length
				? undefined
				: `expected ${DEMO_WAREHOUSE_ROWS.Customer} distinct rows, got ${items.length} (${ids.size} distinct)`;
		},
	},
];

/**
 * The scheduled-style workflow: a Schedule Trigger (and a Manual Trigger, which `n8n execute`
 * needs) feeding a Kaisa export of inbound calls over a fixed half hour.
 */
export const KAISA_SCHEDULED_EXPORT = {
	node: 'kaisa',
	parameters: {
		resource: 'call',
		operation: 'getMany',
		direction: 'inbound',
		fromDate: KAISA_EXPORT_WINDOW.from,
		toDate: KAISA_EXPORT_WINDOW.to,
		returnAll: true,
	},
	verify(items: Array<Record<string, unknown>>): string | undefined {
		if (items.length === 0) return 'the export returned no calls';
		const ids = new Set(items.map((item) => String(item.cdr_id)));
		if (ids.size !== items.length) return `${items.length - ids.size} calls came twice`;
		const from = Date.parse(KAISA_EXPORT_WINDOW.from);
		const to = Date.parse(KAISA_EXPORT_WINDOW.to);
		const outside = items.filter((item) => {
			const start = Date.parse(`${String(item.start).replace(' ', 'T')}Z`);
			return !(start >= from && start <= to);
		});
		return outside.length > 0
			? `${outside.length} calls outside the window, e.g. ${JSON.stringify(outside[0]).slice(0, 200)}`
			: undefined;
	},
};
