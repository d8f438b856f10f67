import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { GeneroDataWarehouseApi } from '../../../credentials/GeneroDataWarehouseApi.credentials';
import { GeneroPublicApi } from '../../../credentials/GeneroPublicApi.credentials';
import { GeneroDataWarehouse } from '../../../nodes/Genero/DataWarehouse/GeneroDataWarehouse.node';
import { resetWarehouseLimits } from '../../../nodes/Genero/DataWarehouse/limiter';
import { Genero } from '../../../nodes/Genero/Genero/Genero.node';
import { resetTokenCache } from '../../../nodes/shared/token/cache';
import { setClock } from '../../../nodes/shared/token/clock';
import { useManualClock } from '../../shared/token/support/clock';
import { linearWorkflow, type NodeSpec } from '../../harness/linear-workflow';
import {
	createHarness,
	type ExecuteOptions,
	type ExecutionResult,
	type Harness,
} from '../../harness/n8n';
import { Items } from '../../harness/nodes/Items.node';
import {
	DEFAULT_CLIENT,
	GENERO_PATHS,
	GeneroSimulator,
	type GeneroSimulatorOptions,
	type ManualClock,
} from '../../simulators';

export const GENERO_NODE_TYPE = 'n8n-nodes-client-credentials.genero';
export const WAREHOUSE_NODE_TYPE = 'n8n-nodes-client-credentials.generoDataWarehouse';

export const PUBLIC_CREDENTIAL = { id: 'genero-public', name: 'Genero Public API account' };
export const WAREHOUSE_CREDENTIAL = { id: 'genero-dw', name: 'Genero Data Warehouse account' };
/** A multi-tenant Public API client (its own client ID), allowed tenants `north` and `south`. */
export const AGENCY_CREDENTIAL = { id: 'genero-agency', name: 'Genero agency account' };
export const AGENCY_CLIENT = { clientId: 'agency-client', clientSecret: 'agency-secret' };

export const DAY_MS = 24 * 3600 * 1000;

export interface GeneroTestbed {
	sim: GeneroSimulator;
	clock: ManualClock;
	/** Every engine sleep (ms), in order: rate-limit and throttle waits. */
	sleeps: number[];
	harness: Harness;
	tokenUrl: string;
	/** Saves `Items(count) → node` as workflow `id`. */
	save(id: string, node: NodeSpec, count?: number): void;
	/** Saves `node` alone: `run(id, { inputItems })` feeds it directly. */
	saveAlone(id: string, node: NodeSpec): void;
	run(id: string, options?: ExecuteOptions): Promise<ExecutionResult>;
	/** As a restart does: tokens and Data Warehouse limits in memory are forgotten. */
	restart(): void;
	close(): Promise<void>;
}

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

/** A Genero simulator on a manual clock shared with the token engine, and n8n with the real nodes. */
export async function startGeneroTestbed(
	options: GeneroSimulatorOptions = {},
): Promise<GeneroTestbed> {
	resetTokenCache();
	resetWarehouseLimits();
	const { clock, sleeps } = useManualClock();
	const sim = new GeneroSimulator({
		clock,
		clients: [DEFAULT_CLIENT, AGENCY_CLIENT],
		tenants: { [AGENCY_CLIENT.clientId]: ['north', 'south'] },
		...options,
	});
	await sim.start();
	const harness = await createHarness({
		nodeTypes: {
			[GENERO_NODE_TYPE]: new Genero(),
			[WAREHOUSE_NODE_TYPE]: new GeneroDataWarehouse(),
			testItems: new Items(),
		},
		credentialTypes: {
			generoPublicApi: new GeneroPublicApi(),
			generoDataWarehouseApi: new GeneroDataWarehouseApi(),
		},
	});
	const tokenUrl = `${sim.url}${GENERO_PATHS.token}`;
	const publicData = { tokenUrl, baseUrl: `${sim.url}${GENERO_PATHS.publicApi}` };
	await harness.credentials.add({
		...PUBLIC_CREDENTIAL,
		type: 'generoPublicApi',
		data: { ...DEFAULT_CLIENT, ...publicData },
	});
	await harness.credentials.add({
		...AGENCY_CREDENTIAL,
		type: 'generoPublicApi',
		data: { ...AGENCY_CLIENT, ...publicData },
	});
	await harness.credentials.add({
		...WAREHOUSE_CREDENTIAL,
		type: 'generoDataWarehouseApi',
		data: { ...DEFAULT_CLIENT, tokenUrl, baseUrl: `${sim.url}${GENERO_PATHS.warehouse}` },
	});
	return {
		sim,
		clock,
		sleeps,
		harness,
		tokenUrl,
		save(id, node, count = 1) {
			harness.saveWorkflow(
				linearWorkflow(id, [{ name: 'Items', type: 'testItems', parameters: { count } }, node]),
			);
		},
		saveAlone(id, node) {
			harness.saveWorkflow(linearWorkflow(id, [node]));
		},
		async run(id, executeOptions) {
			return await harness.execute(id, executeOptions);
		},
		restart() {
			resetTokenCache();
			resetWarehouseLimits();
		},
		async close() {
			await harness.close();
			await sim.close();
			setClock();
			resetTokenCache();
			resetWarehouseLimits();
		},
	};
}

export function jsonOf(items: INodeExecutionData[] | undefined): IDataObject[] {
	return (items ?? []).map((item) => item.json);
}

export function pairingOf(items: INodeExecutionData[] | undefined): unknown[] {
	return (items ?? []).map((item) => item.pairedItem);
}
