/**
 * Our `usableAsTool` nodes as AI-agent tools in n8n 2.41: the package loads through n8n-core's own
 * package loader (codex included), every node gets its "<Node> Tool" variant as the CLI makes it,
 * and an agent's tool call runs the real node through n8n-core against the Fenergo simulator.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, IDataObject, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { FenergoApi } from '../../credentials/FenergoApi.credentials';
import { Fenergo } from '../../nodes/Fenergo/Fenergo.node';
import { bootN8nInstance } from '../harness/n8n-instance';
import { HarnessNodeTypes } from '../harness/node-types';
import { startNodeTestbed, type NodeTestbed } from '../harness/node-testbed';
import { ToolAgent } from '../harness/nodes/ToolAgent.node';
import type { ToolCall } from '../harness/nodes/ToolAgent.node';
import { listedDescriptions, toolTypeName } from '../harness/tool-variants';
import {
	FENERGO_SEED_ENTITIES,
	FENERGO_TENANTS,
	FenergoSimulator,
	type FenergoSimulatorOptions,
} from '../simulators';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

/**
 * n8n-core's PackageDirectoryLoader (what the CLI loads a community package with) reading this
 * repository's sources: `dist/x.js` in package.json is `x.ts` here, `dist/x.node.json` is `x.node.json`.
 */
class SourcePackageLoader extends PackageDirectoryLoader {
	protected override resolvePath(file: string): string {
		return path.resolve(this.directory, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	}
}

interface Codex {
	categories?: string[];
	alias?: string[];
	resources?: {
		primaryDocumentation?: Array<{ url: string }>;
		credentialDocumentation?: Array<{ url: string }>;
	};
}

const codexOf = (description: INodeTypeDescription): Codex => (description.codex ?? {}) as Codex;

/** `file:` icon paths as the node or credential declares them, resolved beside its source file. */
function iconFiles(icon: unknown, sourceFile: string): string[] {
	const { light, dark } = icon as { light: string; dark: string };
	return [light, dark].map((file) =>
		path.resolve(path.dirname(sourceFile), file.replace(/^file:/, '')),
	);
}

const sourceFile = (distPath: string) =>
	path.join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

describe('the package in n8n-core 2.41', () => {
	let loader: SourcePackageLoader;
	let instance: { shutdown(): void };
	/** The loaded node of each `n8n.nodes` path. */
	const loadedNode = (nodePath: string): INodeType => {
		const loaded = Object.values(loader.nodeTypes).find(
			(candidate) => candidate.sourcePath === nodePath,
		);
		if (!loaded) throw new Error(`${nodePath} was not loaded`);
		return loaded.type as INodeType;
	};
	/** Every action node (trigger nodes start workflows; n8n offers no tool variant of them). */
	const loadedNodes = () =>
		PACKAGE.n8n.nodes.map(loadedNode).filter((node) => !node.description.group.includes('trigger'));

	beforeAll(async () => {
		instance = await bootN8nInstance();
		loader = new SourcePackageLoader(ROOT);
		await loader.loadAll();
	});
	afterAll(() => instance.shutdown());

	it('loads every node and credential package.json lists', () => {
		expect(loader.loadedNodes).toHaveLength(PACKAGE.n8n.nodes.length);
		expect(Object.keys(loader.credentialTypes)).toHaveLength(PACKAGE.n8n.credentials.length);
	});

	it.each(PACKAGE.n8n.nodes)(
		'%s has a codex with categories, our docs and search aliases',
		(nodePath) => {
			const codex = codexOf(loadedNode(nodePath).description);
			expect(codex.categories?.length).toBeGreaterThan(0);
			expect(codex.alias?.length).toBeGreaterThan(0);
			expect(codex.resources?.primaryDocumentation?.[0].url).toMatch(/\/docs\/\w+\.md(#[\w-]+)?$/);
			expect(codex.resources?.credentialDocumentation?.[0].url).toMatch(/\/docs\/\w+\.md#[\w-]+$/);
		},
	);

	it('finds the nodes under the words users type', () => {
		const aliases = loadedNodes().flatMap((node) => codexOf(node.description).alias ?? []);
		expect(aliases).toEqual(expect.arrayContaining(['KYC', 'call tracking', 'CRM', 'warehouse']));
	});

	it.each([...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials])(
		'%s has a light and a dark icon file',
		(distPath) => {
			const written = loadClassAsWritten(distPath);
			const icon = 'description' in written ? written.description.icon : written.icon;
			expect(icon).toEqual({
				light: expect.stringMatching(/^file:/),
				dark: expect.stringMatching(/\.dark\.svg$/),
			});
			for (const file of iconFiles(icon, sourceFile(distPath))) expect(existsSync(file)).toBe(true);
		},
	);

	it('lists a tool variant of every node, as n8n 2.41 offers it to the AI Agent', () => {
		for (const { description } of loadedNodes()) {
			expect(description.usableAsTool).toBe(true);
			const [, tool] = listedDescriptions(description);
			expect(tool).toMatchObject({
				name: toolTypeName(description.name),
				displayName: `${description.displayName} Tool`,
				inputs: [],
				outputs: [NodeConnectionTypes.AiTool],
				credentials: description.credentials,
			});
			expect(tool.properties.map((property) => property.name)).toEqual(
				expect.arrayContaining(['descriptionType', 'toolDescription', 'resource', 'operation']),
			);
			const codex = codexOf(tool);
			expect(codex.categories).toEqual(['AI']);
			expect(codex.alias).toEqual(codexOf(description).alias);
			expect(codex.resources).toEqual(codexOf(description).resources);
		}
	});

	it('resolves each `<type>Tool` at run time to the node itself under the tool description', () => {
		const types = Object.fromEntries(
			loadedNodes().map((node) => [`${PACKAGE.name}.${node.description.name}`, node]),
		);
		const nodeTypes = new HarnessNodeTypes(types, []);
		for (const [type, base] of Object.entries(types)) {
			const tool = nodeTypes.getByNameAndVersion(toolTypeName(type), 1);
			expect(tool.execute).toBe(base.execute);
			expect(tool.description.outputs).toEqual([NodeConnectionTypes.AiTool]);
			expect(base.description.outputs).toEqual([NodeConnectionTypes.Main]);
		}
	});
});

/** A class of the package as its file declares it (the loader rewrites `icon` into URLs). */
function loadClassAsWritten(distPath: string): INodeType | ICredentialType {
	const file = sourceFile(distPath);
	const className = path.basename(file).split('.')[0];
	const Class = (require(file) as Record<string, new () => INodeType | ICredentialType>)[className];
	return new Class();
}

const FENERGO = 'n8n-nodes-client-credentials.fenergo';
const CLIENT = { clientId: 'fenergo-tool-client', clientSecret: 'fenergo-Tool-Secret-5e1a' };
const TENANT = FENERGO_TENANTS[1];
const CREDENTIAL = { id: 'fenergo-tool-cred', name: 'Fenergo for the agent' };
const TOOL_NODE = 'Look Up Fenergo Entity';

describe('a Fenergo tool call through n8n-core 2.41', () => {
	let bed: NodeTestbed<FenergoSimulator, FenergoSimulatorOptions>;

	beforeAll(async () => {
		bed = await startNodeTestbed({
			nodeTypes: { [FENERGO]: new Fenergo(), testToolAgent: new ToolAgent() },
			credentialTypes: { fenergoApi: new FenergoApi() },
			simulator: (clock, options) => new FenergoSimulator({ clock, ...CLIENT, ...options }),
			credentials: (sim) => [
				{
					...CREDENTIAL,
					type: 'fenergoApi',
					data: {
						...CLIENT,
						region: 'custom',
						tokenUrl: `${sim.url}/connect/token`,
						baseUrl: sim.url,
						tenantId: TENANT,
						scope: 'fenx.all',
					},
				},
			],
		});
	});
	beforeEach(() => bed.reset());
	afterAll(async () => await bed.close());

	/** Agent ← (ai_tool) Fenergo Tool reading the entity id the model gives; the agent makes `calls`. */
	async function runAgent(calls: ToolCall[]) {
		bed.harness.saveWorkflow({
			id: 'wf-agent',
			name: 'Agent with a Fenergo tool',
			nodes: [
				{
					id: 'agent',
					name: 'Agent',
					type: 'testToolAgent',
					typeVersion: 1,
					position: [0, 0],
					parameters: { calls: JSON.stringify(calls) },
				},
				{
					id: 'tool',
					name: TOOL_NODE,
					type: toolTypeName(FENERGO),
					typeVersion: 1,
					position: [0, 200],
					parameters: {
						descriptionType: 'auto',
						resource: 'entity',
						operation: 'get',
						entityId:
							"={{ $fromAI('entityId', 'The id (a GUID) of the Fenergo entity', 'string') }}",
					},
					credentials: { fenergoApi: CREDENTIAL },
				},
			],
			connections: {
				[TOOL_NODE]: {
					[NodeConnectionTypes.AiTool]: [
						[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }],
					],
				},
			},
		});
		const result = await bed.harness.execute('wf-agent', { startNode: 'Agent' });
		expect(result.error).toBeUndefined();
		return result.outputs.Agent[0].json as { tools: IDataObject[]; answers: IDataObject[] };
	}

	it('offers the node as a tool whose one argument is the $fromAI entity id', async () => {
		const { tools } = await runAgent([]);

		expect(tools).toEqual([
			{
				name: 'Look_Up_Fenergo_Entity',
				description: expect.stringMatching(/entity/i),
				arguments: ['entityId'],
			},
		]);
		expect(bed.sim.stats.apiRequests).toBe(0);
	});

	it('runs the Fenergo node when the agent calls the tool and answers with the entity', async () => {
		const entity = FENERGO_SEED_ENTITIES[0];

		const { answers } = await runAgent([
			{ tool: 'Look_Up_Fenergo_Entity', args: { entityId: entity.id } },
		]);

		expect(answers).toEqual([{ tool: 'Look_Up_Fenergo_Entity', answer: [entity] }]);
		const calls = bed.sim.requests.filter((request) => request.path !== '/connect/token');
		expect(calls.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /entitydataquery/api/v2/entity/${entity.id}`,
		]);
		expect(calls[0].headers['x-tenant-id']).toBe(TENANT);
		expect(bed.sim.stats).toMatchObject({ tokensIssued: 1, apiRequests: 1 });
	});

	it('hands the node error to the agent when the entity does not exist', async () => {
		const missing = '11111111-2222-4333-8444-555555555555';

		const { answers } = await runAgent([
			{ tool: 'Look_Up_Fenergo_Entity', args: { entityId: missing } },
		]);

		expect(answers).toEqual([
			{
				tool: 'Look_Up_Fenergo_Entity',
				error: expect.stringContaining(`Entity ${missing} was not found`),
			},
		]);
		expect(JSON.stringify(answers)).not.toContain(CLIENT.clientSecret);
	});
});
