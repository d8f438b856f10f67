import { join } from 'node:path';

import { loadExamples } from '../../scripts/lib/examples';
import type { N8nInstall } from '../../scripts/lib/install';
import { info, step } from '../../scripts/lib/log';
import {
	freePort,
	freshInstance,
	N8nInstance,
	type CredentialImport,
	type WorkflowImport,
} from '../../scripts/lib/n8n';
import { ownerSession } from '../../scripts/lib/owner';
import { stop } from '../../scripts/lib/processes';
import { credentialInfo, startProvider, type RunningProvider } from '../../scripts/lib/providers';
import { CACHE_DIR } from '../../scripts/lib/repo';
import { queryAll, workflowStaticData } from '../../scripts/lib/sqlite';
import { makeNotification, type FenergoSimulator, type SimNotification } from '../simulators';
import type { FoundNode } from './discover';
import { expectEqual, firstFailure, type Report } from './report';
import type { WorkflowNode } from './workflows';

/**
 * The Fenergo Trigger in a real `n8n start`: activation registers one webhook per workflow with
 * the simulator, which then posts signed deliveries (single and batch, forged, unsigned, repeated)
 * to n8n's production webhook URLs; a polling workflow drains the feed at activation and completes
 * its batch after the run; deactivation removes the webhook. The example
 * `examples/fenergo-trigger-entity-events.json` is activated and fed. Own user folder and process.
 */
export const FENERGO_TRIGGER_EXAMPLE = 'fenergo-trigger-entity-events.json';

const WEBHOOK_WORKFLOW = 'e2eFenergoHook';
const POLLING_WORKFLOW = 'e2eFenergoPoll';
const TRIGGER = 'Fenergo Trigger';
const WEBHOOK_ID = '8e4a2c6b-0d1f-4b3a-9c5e-7f1a3b5c7d90';
const WAIT_FOR_RUNS_MS = 90_000;
/** n8n 2.x registers and removes a workflow's triggers a little after the (de)activate call answers. */
const WAIT_FOR_REGISTRATION_MS = 90_000;

/** expectEqual over JSON, so lists and objects compare by value. */
const expectSame = (what: string, actual: unknown, expected: unknown) =>
	expectEqual(what, JSON.stringify(actual), JSON.stringify(expected));

interface Flatted {
	parse(text: string): unknown;
}

interface StoredRun {
	id: string;
	status: string;
	mode: string;
	items: Array<{ json: Record<string, unknown> }>;
	raw: string;
}

export interface FenergoTriggerOptions {
	install: N8nInstall;
	report: Report;
	env: Record<string, string>;
}

export async function checkFenergoTrigger(
	options: FenergoTriggerOptions,
	found: Map<string, FoundNode>,
): Promise<void> {
	const { install, report } = options;
	const trigger = found.get('fenergoTrigger');
	if (!trigger) {
		report.fail(
			'Fenergo Trigger in n8n start',
			'no fenergoTrigger node in package.json n8n.nodes / dist',
		);
		return;
	}
	const n8n = freshInstance(install, `fenergo-trigger-n8n-${install.target.n8n}`, options.env);
	const provider = await startProvider('fenergo');
	try {
		await run(options, n8n, provider, trigger);
	} finally {
		await provider.close();
	}
}

function triggerNode(
	trigger: FoundNode,
	credential: CredentialImport,
	id: string,
	parameters: Record<string, unknown>,
	webhookId?: string,
): WorkflowNode & { webhookId?: string } {
	return {
		id,
		name: TRIGGER,
		type: trigger.type,
		typeVersion: trigger.version,
		position: [0, 0],
		...(webhookId && { webhookId }),
		parameters,
		credentials: { fenergoApi: { id: credential.id, name: credential.name } },
	};
}

async function run(
	{ install, report }: FenergoTriggerOptions,
	n8n: N8nInstance,
	provider: RunningProvider,
	trigger: FoundNode,
): Promise<void> {
	const sim = provider.sim as FenergoSimulator;
	const data = credentialInfo('fenergoApi').data(provider.url);
	const tenant = String(data.tenantId);
	const credential: CredentialImport = {
		id: 'e2eFenergoTrig',
		name: 'Fenergo (trigger e2e)',
		type: 'fenergoApi',
		data,
	};
	const webhookWorkflow: WorkflowImport = {
		id: WEBHOOK_WORKFLOW,
		name: 'E2E: Fenergo Trigger (webhook)',
		nodes: [
			triggerNode(
				trigger,
				credential,
				'1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f1',
				{ mode: 'webhook', eventTypes: ['*'], deliveryType: 'Single' },
				WEBHOOK_ID,
			),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const pollingWorkflow: WorkflowImport = {
		id: POLLING_WORKFLOW,
		name: 'E2E: Fenergo Trigger (polling)',
		nodes: [
			triggerNode(trigger, credential, '2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', {
				mode: 'polling',
				eventTypes: ['entitydata:created', 'journey:taskcompleted'],
				feed: 'all',
				pollTimes: { item: [{ mode: 'everyHour' }] },
			}),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const example = loadExamples({ fenergo: provider.url }, [credential]).find(
		(candidate) => candidate.file === FENERGO_TRIGGER_EXAMPLE,
	);
	const exampleHook = (example?.workflow.nodes as WorkflowNode[] | undefined)?.find(
		(node) => node.type === trigger.type,
	) as (WorkflowNode & { webhookId?: string }) | undefined;
	if (!example || example.error || !exampleHook?.webhookId) {
		report.fail(
			`examples/${FENERGO_TRIGGER_EXAMPLE}`,
			example?.error ?? 'missing, or without a Fenergo Trigger that has a webhookId',
		);
		return;
	}

	const entityIds = [...sim.entityStore(tenant).keys()];
	const note = (eventType: string, index: number): SimNotification =>
		makeNotification(tenant, eventType, entityIds[index % entityIds.length], Date.now());
	// Waiting on the feed before activation: n8n's first poll (at activation) takes them.
	const queued = [
		note('entitydata:created', 0),
		note('document:created', 1),
		note('journey:taskcompleted', 2),
		note('entitydata:created', 3),
	];
	sim.events.enqueue(tenant, queued);

	step('Fenergo Trigger: importing the webhook, polling and example workflows, starting n8n');
	await n8n.importCredentials([credential]);
	await n8n.importWorkflows([webhookWorkflow, pollingWorkflow, example.workflow]);
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = await n8n.startServer({
		port,
		logFile: join(CACHE_DIR, 'e2e', `fenergo-trigger-n8n-${install.target.n8n}.log`),
		env: { WEBHOOK_URL: `${base}/` },
	});
	try {
		const cookie = await ownerSession(base).catch((error: Error) => error);
		const loggedIn = 'Fenergo Trigger: n8n start is up, owner logged in';
		if (cookie instanceof Error) {
			report.fail(loggedIn, cookie.message);
			return;
		}
		report.check(loggedIn, undefined);
		for (const id of [WEBHOOK_WORKFLOW, example.workflow.id, POLLING_WORKFLOW]) {
			const failure = await setActive(base, cookie, id, true);
			if (!report.check(`Fenergo Trigger: workflow ${id} activates`, failure)) return;
		}

		const hookUrl = `${base}/webhook/${WEBHOOK_ID}/webhook`;
		const exampleUrl = `${base}/webhook/${exampleHook.webhookId}/webhook`;
		// n8n may register a workflow's triggers shortly after the activate call answers.
		await waitFor(() => sim.webhooks.of(tenant).length >= 2, WAIT_FOR_REGISTRATION_MS);
		const registered = sim.webhooks.of(tenant);
		const webhookCalls = sim.requests
			.filter((request) => request.path.startsWith('/webhooks/'))
			.map((request) => `${request.method} ${request.path}`);
		report.check(
			'Fenergo Trigger: activation registers exactly one webhook per webhook workflow, at its production URL',
			expectSame(
				'registered URLs',
				registered.map((hook) => hook.url).sort(),
				[hookUrl, exampleUrl].sort(),
			),
			`${registered.length} webhooks; webhook API calls: ${webhookCalls.join(', ') || 'none'}`,
		);

		const created = note('entitydata:created', 4);
		const journey = note('journey:taskcompleted', 5);
		const verified = note('entitydata:draftverified', 6);
		const good1 = await sim.webhooks.publish(tenant, [created]);
		const good2 = await sim.webhooks.publish(tenant, [journey]);
		const forged = await sim.webhooks.publish(tenant, [note('entitydata:created', 7)], {
			forge: 'wrong',
		});
		const unsigned = await sim.webhooks.publish(tenant, [note('entitydata:created', 8)], {
			forge: 'missing',
		});
		const repeat = await sim.webhooks.publish(tenant, [created], { duplicate: true });
		const batch = await sim.webhooks.publish(tenant, [verified], { pascal: true });
		const statuses = (results: Array<{ webhookId: string; httpStatusCode?: number }>) =>
			results
				.map(
					(result) =>
						`${sim.webhooks.hooks.get(result.webhookId)?.url === hookUrl ? 'hook' : 'example'}:${result.httpStatusCode}`,
				)
				.sort();
		report.check(
			'Fenergo Trigger: signed deliveries are answered 200, forged and unsigned ones 401',
			firstFailure(
				expectSame('created', statuses(good1), ['example:200', 'hook:200']),
				expectSame('journey', statuses(good2), ['hook:200']),
				expectSame('forged', statuses(forged), ['example:401', 'hook:401']),
				expectSame('unsigned', statuses(unsigned), ['example:401', 'hook:401']),
				expectSame('repeated twice', statuses(repeat), [
					'example:200',
					'example:200',
					'hook:200',
					'hook:200',
				]),
				expectSame('draft verified', statuses(batch), ['example:200', 'hook:200']),
			),
		);

		const runs = await waitForRuns(install, n8n, WEBHOOK_WORKFLOW, 3);
		report.check(
			'Fenergo Trigger: three signed events start three runs; forged, unsigned and repeated ones none',
			firstFailure(
				expectSame('runs', runs.length, 3),
				expectSame(
					'notification ids',
					runs.map((stored) => stored.items.map((item) => item.json.id)).flat(),
					[created.id, journey.id, verified.id],
				),
				expectSame(
					'event type read from PascalCase',
					runs[2]?.items[0]?.json.eventType,
					'entitydata:draftverified',
				),
				runs.every((stored) => stored.status === 'success' && stored.mode === 'webhook')
					? undefined
					: `runs: ${runs.map((stored) => `${stored.status}/${stored.mode}`).join(', ')}`,
			),
			`${runs.length} runs`,
		);

		const exampleRuns = await waitForRuns(install, n8n, example.workflow.id, 2);
		const resources = exampleRuns.map(
			(stored) => stored.items[0]?.json.resource as { id?: string },
		);
		report.check(
			`examples/${FENERGO_TRIGGER_EXAMPLE}: activated, its events run it with the entity fetched`,
			firstFailure(
				expectSame('example runs', exampleRuns.length, 2),
				expectSame(
					'resources',
					resources.map((resource) => resource?.id),
					[created.payload.entityId, verified.payload.entityId],
				),
				exampleRuns.every((stored) => stored.status === 'success')
					? undefined
					: `status ${exampleRuns.map((stored) => stored.status).join(', ')}`,
			),
			`${exampleRuns.length} runs`,
		);

		const addBodies = sim.requests
			.filter((request) => request.method === 'POST' && request.path === '/webhooks/v1/webhooks')
			.map((request) => (JSON.parse(request.body) as { secret?: string }).secret ?? '');
		const staticData = await workflowStaticData(
			install.sqlite3,
			n8n.databaseFile,
			WEBHOOK_WORKFLOW,
		);
		report.check(
			'Fenergo Trigger: each registration has its own secret, kept only sealed in static data',
			firstFailure(
				expectSame('registrations', addBodies.length, 2),
				new Set(addBodies).size === 2 ? undefined : 'the two registrations share a secret',
				staticData.raw?.includes(registered.find((hook) => hook.url === hookUrl)?.id ?? '-')
					? undefined
					: 'the webhook id is not in static data',
				[staticData.raw ?? '', ...runs.map((stored) => stored.raw)].some((text) =>
					addBodies.some((secret) => secret && text.includes(secret)),
				)
					? 'a webhook secret is in static data or execution data'
					: undefined,
			),
		);

		const pollRuns = await waitForRuns(install, n8n, POLLING_WORKFLOW, 1);
		const completed = await waitFor(() => sim.events.stats.completed >= 1);
		report.check(
			'Fenergo Trigger (polling): the first poll emits the wanted notifications once, then completes the batch',
			firstFailure(
				expectSame('poll runs', pollRuns.length, 1),
				expectSame(
					'notification ids',
					pollRuns[0]?.items.map((item) => item.json.id),
					[queued[0].id, queued[2].id, queued[3].id],
				),
				completed ? undefined : 'the batch was not completed after a successful run',
				expectSame('left on the feed', sim.events.pending(tenant, 'all'), 0),
			),
			`${sim.events.stats.next} next calls, ${sim.events.stats.completed} completed`,
		);

		const deactivated = await setActive(base, cookie, WEBHOOK_WORKFLOW, false);
		await waitFor(() => sim.webhooks.of(tenant).length < 2, WAIT_FOR_REGISTRATION_MS);
		report.check(
			'Fenergo Trigger: deactivation removes its webhook (the other stays)',
			firstFailure(
				deactivated,
				expectSame(
					'registered after',
					sim.webhooks.of(tenant).map((hook) => hook.url),
					[exampleUrl],
				),
			),
		);
		info(
			`Fenergo Trigger e2e: ${sim.webhooks.deliveries.length} deliveries, ${sim.stats.apiRequests} API calls, ${sim.stats.tokensIssued} tokens`,
		);
	} finally {
		await stop(server);
	}
}

async function setActive(
	base: string,
	cookie: string,
	id: string,
	active: boolean,
): Promise<string | undefined> {
	const headers = { cookie, 'browser-id': 'local-n8n-scripts', 'content-type': 'application/json' };
	const current = await fetch(`${base}/rest/workflows/${id}`, {
		headers,
		signal: AbortSignal.timeout(30_000),
	});
	if (!current.ok) return `GET workflow: HTTP ${current.status}`;
	const { data } = (await current.json()) as { data: { versionId?: string } };
	const response = await fetch(
		`${base}/rest/workflows/${id}/${active ? 'activate' : 'deactivate'}`,
		{
			method: 'POST',
			headers,
			body: JSON.stringify({ versionId: data.versionId }),
			signal: AbortSignal.timeout(60_000),
		},
	);
	if (response.ok) return undefined;
	if (response.status === 404) {
		// n8n 1.x: (de)activation is a PATCH of `active`.
		const patched = await fetch(`${base}/rest/workflows/${id}`, {
			method: 'PATCH',
			headers,
			body: JSON.stringify({ active, versionId: data.versionId }),
			signal: AbortSignal.timeout(60_000),
		});
		if (patched.ok) return undefined;
		return `PATCH active=${active}: HTTP ${patched.status} ${(await patched.text()).slice(0, 300)}`;
	}
	return `${active ? 'activate' : 'deactivate'}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`;
}

async function waitFor(condition: () => boolean, ms = 30_000): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (!condition() && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return condition();
}

/** The finished runs of a workflow, read from n8n's database once `count` are there (bounded wait). */
async function waitForRuns(
	install: N8nInstall,
	n8n: N8nInstance,
	workflowId: string,
	count: number,
): Promise<StoredRun[]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(install.dir, 'node_modules', 'flatted')) as Flatted;
	const query = `SELECT e.id AS id, e.status AS status, e.mode AS mode, d.data AS data
		FROM execution_entity e JOIN execution_data d ON d.executionId = e.id
		WHERE e.workflowId = ? AND e.status NOT IN ('new', 'running') ORDER BY e.id`;
	type Row = { id: string | number; status: string; mode: string; data: string };
	const deadline = Date.now() + WAIT_FOR_RUNS_MS;
	let rows: Row[] = [];
	for (;;) {
		rows = await queryAll<Row>(install.sqlite3, n8n.databaseFile, query, [workflowId]);
		if (rows.length >= count || Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	// A moment more: a run beyond `count` would show there.
	await new Promise((resolve) => setTimeout(resolve, 1500));
	rows = await queryAll<Row>(install.sqlite3, n8n.databaseFile, query, [workflowId]);
	return rows.map((row) => {
		const parsed = flatted.parse(row.data) as {
			resultData?: {
				runData?: Record<string, Array<{ data?: { main?: StoredRun['items'][] } }>>;
			};
		};
		return {
			id: String(row.id),
			status: row.status,
			mode: row.mode,
			items: parsed.resultData?.runData?.[TRIGGER]?.[0]?.data?.main?.[0] ?? [],
			raw: row.data,
		};
	});
}
