import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, INode, INodeType } from 'n8n-workflow';

import { FenergoApi } from '../../../credentials/FenergoApi.credentials';
import { Fenergo } from '../../../nodes/Fenergo/Fenergo.node';
import { resetTokenCache } from '../../../nodes/shared/token/cache';
import { setClock } from '../../../nodes/shared/token/clock';
import { createHarness } from '../../harness/n8n';
import { Items } from '../../harness/nodes/Items.node';
import { FENERGO_SEED_ENTITIES, FenergoSimulator, ManualClock } from '../../simulators';
import { CLIENT_ID, CLIENT_SECRET, NODE_TYPE, TENANT } from './setup';

interface ExampleWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

const example = JSON.parse(
	readFileSync(join(__dirname, '../../../examples/fenergo-entity-lookup-and-search.json'), 'utf8'),
) as ExampleWorkflow;

/** n8n-nodes-base is not installed here: a start node with the Manual Trigger's shape stands in. */
const manualTrigger: INodeType = Object.assign(Object.create(new Items()) as INodeType, {
	description: { ...new Items().description, name: 'manualTrigger' },
});

it('the example workflow imports and runs: lookup by id, then a paged search', async () => {
	const clock = new ManualClock();
	setClock({ now: () => clock.now() });
	resetTokenCache();
	const sim = new FenergoSimulator({
		clock,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		generatedEntities: 12000,
		tenants: [TENANT],
	});
	await sim.start();
	const harness = await createHarness({
		nodeTypes: { 'n8n-nodes-base.manualTrigger': manualTrigger, [NODE_TYPE]: new Fenergo() },
		credentialTypes: { fenergoApi: new FenergoApi() },
	});
	try {
		await harness.credentials.add({
			id: 'imported',
			name: 'Fenergo account',
			type: 'fenergoApi',
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				region: 'custom',
				tokenUrl: `${sim.url}/connect/token`,
				baseUrl: sim.url,
				tenantId: TENANT,
			},
		});
		// Importing binds credentials by name; the harness looks them up by id.
		const nodes = example.nodes.map((node) =>
			node.credentials
				? { ...node, credentials: { fenergoApi: { id: 'imported', name: 'Fenergo account' } } }
				: node,
		);
		expect(example.nodes.filter((node) => node.type === NODE_TYPE)).toHaveLength(2);
		harness.saveWorkflow({
			id: 'example',
			name: example.name,
			nodes,
			connections: example.connections,
		});

		const result = await harness.execute('example', { mode: 'manual' });

		expect(result.status).toBe('success');
		expect(result.outputs['Get Client Entity'][0].json.id).toBe(FENERGO_SEED_ENTITIES[0].id);
		const found = result.outputs['Search Same Surname and Country'];
		expect(found.length).toBeGreaterThan(100);
		const searches = sim.requests.filter((request) =>
			request.path.endsWith('/entityadvancedsearch'),
		);
		expect(
			searches.map(
				(request) => (JSON.parse(request.body) as { data: { pager: object } }).data.pager,
			),
		).toEqual([
			{ from: 0, size: 100, sortBy: 'created', sortOrder: 0 },
			{ from: 100, size: 100, sortBy: 'created', sortOrder: 0 },
		]);
		for (const item of found) {
			expect(item.json).toMatchObject({
				type: 'Individual',
				properties: { lastName: { value: 'Garcia' }, countryOfResidence: { value: 'Spain' } },
			});
		}
		expect(sim.stats).toMatchObject({ tokensIssued: 1, api401: 0 });
	} finally {
		await harness.close();
		await sim.close();
		setClock();
	}
});
