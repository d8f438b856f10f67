import type { INodeParameters } from 'n8n-workflow';

import { GeneroDataWarehouseApi } from '../../../credentials/GeneroDataWarehouseApi.credentials';
import { GeneroPublicApi } from '../../../credentials/GeneroPublicApi.credentials';
import { GeneroDataWarehouse } from '../../../nodes/Genero/DataWarehouse/GeneroDataWarehouse.node';
import { resetWarehouseLimits } from '../../../nodes/Genero/DataWarehouse/limiter';
import { Genero } from '../../../nodes/Genero/Genero/Genero.node';
import type { NodeSpec } from '../../harness/linear-workflow';
import { startNodeTestbed, type NodeTestbed, type TestbedSpec } from '../../harness/node-testbed';
import {
	DEFAULT_CLIENT,
	GENERO_PATHS,
	GeneroSimulator,
	type GeneroSimulatorOptions,
} from '../../simulators';

export const GENERO_NODE_TYPE = 'n8n-nodes-client-credentials.genero';
export const WAREHOUSE_NODE_TYPE = 'n8n-nodes-client-credentials.generoDataWarehouse';

export const PUBLIC_CREDENTIAL = { id: 'genero-public', name: 'Genero Public API account' };
export const WAREHOUSE_CREDENTIAL = { id: 'genero-dw', name: 'Genero Data Warehouse account' };
/** A multi-tenant Public API client (its own client ID), allowed tenants `north` and `south`. */
export const AGENCY_CREDENTIAL = { id: 'genero-agency', name: 'Genero agency account' };
export const AGENCY_CLIENT = { clientId: 'agency-client', clientSecret: 'agency-secret' };

export const DAY_MS = 24 * 3600 * 1000;

export type GeneroTestbed = Omit<NodeTestbed<GeneroSimulator, GeneroSimulatorOptions>, 'save'> & {
	tokenUrl: string;
	/** Saves `Items(count) → node` as workflow `id`. */
	save(id: string, node: NodeSpec, count?: number): void;
	/** Saves `node` alone: `run(id, { inputItems })` feeds it directly. */
	saveAlone(id: string, node: NodeSpec): void;
};

export function generoNode(parameters: INodeParameters, extra: Partial<NodeSpec> = {}): NodeSpec {
	return {
		name: 'Genero',
		type: GENERO_NODE_TYPE,
		parameters,
		credentials: { generoPublicApi: PUBLIC_CREDENTIAL },
		...extra,
	};
}

export function warehouseNode(
	parameters: INodeParameters,
	extra: Partial<NodeSpec> = {},
): NodeSpec {
	return {
		name: 'Genero Data Warehouse',
		type: WAREHOUSE_NODE_TYPE,
		parameters: { resource: 'entity', operation: 'getMany', ...parameters },
		credentials: { generoDataWarehouseApi: WAREHOUSE_CREDENTIAL },
		...extra,
	};
}

export const GENERO_TESTBED: TestbedSpec<GeneroSimulator, GeneroSimulatorOptions> = {
	nodeTypes: {
		[GENERO_NODE_TYPE]: new Genero(),
		[WAREHOUSE_NODE_TYPE]: new GeneroDataWarehouse(),
	},
	credentialTypes: {
		generoPublicApi: new GeneroPublicApi(),
		generoDataWarehouseApi: new GeneroDataWarehouseApi(),
	},
	simulator: (clock, options) =>
		new GeneroSimulator({
			clock,
			clients: [DEFAULT_CLIENT, AGENCY_CLIENT],
			tenants: { [AGENCY_CLIENT.clientId]: ['north', 'south'] },
			...options,
		}),
	credentials: (sim) => {
		const tokenUrl = `${sim.url}${GENERO_PATHS.token}`;
		const publicData = { tokenUrl, baseUrl: `${sim.url}${GENERO_PATHS.publicApi}` };
		return [
			{ ...PUBLIC_CREDENTIAL, type: 'generoPublicApi', data: { ...DEFAULT_CLIENT, ...publicData } },
			{ ...AGENCY_CREDENTIAL, type: 'generoPublicApi', data: { ...AGENCY_CLIENT, ...publicData } },
			{
				...WAREHOUSE_CREDENTIAL,
				type: 'generoDataWarehouseApi',
				data: { ...DEFAULT_CLIENT, tokenUrl, baseUrl: `${sim.url}${GENERO_PATHS.warehouse}` },
			},
		];
	},
	forget: resetWarehouseLimits,
};

/** The shared node test bed with both Genero nodes and their credentials (restart also forgets the warehouse limits). */
export async function startGeneroTestbed(
	options: GeneroSimulatorOptions = {},
): Promise<GeneroTestbed> {
	const bed = await startNodeTestbed(GENERO_TESTBED, options);
	return {
		...bed,
		tokenUrl: `${bed.sim.url}${GENERO_PATHS.token}`,
		save(id, node, count = 1) {
			bed.save(id, [{ name: 'Items', type: 'testItems', parameters: { count } }, node]);
		},
		saveAlone(id, node) {
			bed.save(id, [node]);
		},
	};
}

export { jsonOf, pairingOf } from '../../harness/node-testbed';
