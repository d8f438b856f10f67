import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import { linearWorkflow } from '../../harness/linear-workflow';
import {
	GENERO_NODE_TYPE,
	PUBLIC_CREDENTIAL,
	WAREHOUSE_CREDENTIAL,
	WAREHOUSE_NODE_TYPE,
	jsonOf,
	startGeneroTestbed,
	type GeneroTestbed,
} from './testbed';

/** The example workflows' own Genero nodes, run against the simulator (their triggers and ERP call replaced). */
function exampleNodes(file: string, type: string): INode[] {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../../examples', file), 'utf8')) as {
		nodes: INode[];
	};
	return workflow.nodes.filter((node) => node.type === type);
}

let bed: GeneroTestbed;

beforeAll(async () => {
	bed = await startGeneroTestbed();
});

afterAll(async () => {
	await bed.close();
});

test('genero-nightly-customer-import: the import node maps ERP rows', async () => {
	const [node] = exampleNodes('genero-nightly-customer-import.json', GENERO_NODE_TYPE);
	expect(node.onError).toBe('continueRegularOutput');
	bed.saveAlone('wf-example-import', {
		...node,
		credentials: { generoPublicApi: PUBLIC_CREDENTIAL },
	});
	const erp = [
		{
			customerNo: '10001',
			name: 'Hemköp Centrum',
			orgNo: '556000-0001',
			street: 'Storgatan 1',
			zip: '11122',
			city: 'Stockholm',
			email: 'info@hemkop.example',
			chainCode: 'AXFOOD',
		},
		{ customerNo: '10002', name: 'Broken', email: 'not-an-email' },
	];

	const result = await bed.run('wf-example-import', { inputItems: erp.map((json) => ({ json })) });

	expect(result.status).toBe('success');
	expect(bed.sim.customers.get('10001')).toMatchObject({
		name: 'Hemköp Centrum',
		organizationNumber: '556000-0001',
		postalCode: '11122',
		country: 'SE',
		chainExternalId: 'AXFOOD',
	});
	expect(jsonOf(result.outputs[node.name])[1]).toMatchObject({
		externalId: '10002',
		error: expect.stringMatching(/Invalid email/),
	});
});

test('genero-nightly-warehouse-extraction: both extraction nodes run incrementally, each confirmed at the end of its branch', async () => {
	const all = exampleNodes('genero-nightly-warehouse-extraction.json', WAREHOUSE_NODE_TYPE);
	const nodes = all.filter((node) => node.parameters.operation === 'getMany');
	expect(nodes.map((node) => node.parameters.mode)).toEqual(['sinceLastRun', 'sinceLastRun']);
	const confirms = all.filter((node) => node.parameters.operation === 'confirmPosition');
	expect(confirms.map((node) => node.name)).toEqual(['Confirm customers', 'Confirm orders']);
	bed.sim.warehouse.seed('Customer', 5, Date.UTC(2025, 5, 1));
	bed.sim.warehouse.seed('Order', 3, Date.UTC(2024, 5, 1));
	bed.sim.warehouse.seed('Order', 4, Date.UTC(2025, 5, 1));
	for (const node of nodes) {
		const id = `wf-example-${node.name}`;
		const credentials = { generoDataWarehouseApi: WAREHOUSE_CREDENTIAL };
		const confirm = confirms[nodes.indexOf(node)];
		bed.harness.saveWorkflow(
			linearWorkflow(id, [
				{ name: 'Items', type: 'testItems', parameters: { count: 1 } },
				{ ...node, credentials },
				{ ...confirm, credentials },
			]),
		);
		const first = await bed.run(id);
		expect(first.outputs[confirm.name].map((item) => item.json)).toEqual([
			{ confirmedPositions: 1, items: first.outputs[node.name].length },
		]);
		expect(first.status).toBe('success');
		// Orders start from "First Run Since" (2025-01-01): the 2024 orders are left out.
		expect(first.outputs[node.name]).toHaveLength(
			node.parameters.mode === 'sinceLastRun' && node.name.startsWith('Orders') ? 4 : 5,
		);
		expect((await bed.run(id)).outputs[node.name]).toHaveLength(0);
	}
});
