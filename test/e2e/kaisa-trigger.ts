import { randomBytes } from 'node:crypto';
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
import type { KaisaSimulator } from '../simulators';
import type { FoundNode } from './discover';
import { expectEqual, firstFailure, type Report } from './report';
import type { WorkflowNode } from './workflows';

/**
 * The Kaisa Trigger in a real `n8n start`: activated workflows receive the Kaisa simulator's posts
 * through n8n's own webhook server (form and JSON, a forged and a missing secret, a repeat, a call
 * with a recording), and the example workflow `examples/kaisa-trigger-call-log.json` is activated
 * and fed a call. Runs in its own user folder and n8n process, after the suite's checks.
 */
export const KAISA_TRIGGER_EXAMPLE = 'kaisa-trigger-call-log.json';

const WORKFLOW_ID = 'e2eKaisaTrigger';
const TRIGGER = 'Kaisa Trigger';
const WEBHOOK_ID = '3d1f7c9a-52b8-4e6d-8f0a-1c2b3d4e5f60';
const SECRET = `e2e-${randomBytes(12).toString('hex')}`;
const WAIT_FOR_RUNS_MS = 90_000;

/** A failure message when `actual` and `expected` differ as JSON (lists, objects). */
function expectSame(what: string, actual: unknown, expected: unknown): string | undefined {
	return JSON.stringify(actual) === JSON.stringify(expected)
		? undefined
		: `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

interface Flatted {
	parse(text: string): unknown;
}

interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<string, { mimeType?: string; fileName?: string }>;
}

interface StoredRun {
	id: string;
	status: string;
	mode: string;
	items: RunItem[];
	raw: string;
}

export interface KaisaTriggerOptions {
	install: N8nInstall;
	report: Report;
	env: Record<string, string>;
}

export async function checkKaisaTrigger(
	options: KaisaTriggerOptions,
	found: Map<string, FoundNode>,
): Promise<void> {
	const { install, report } = options;
	const trigger = found.get('kaisaTrigger');
	if (!trigger) {
		report.skip(
			'Kaisa Trigger in n8n start',
			'no kaisaTrigger node in package.json n8n.nodes / dist yet',
		);
		return;
	}
	const n8n = freshInstance(install, `kaisa-trigger-n8n-${install.target.n8n}`, options.env);
	const provider = await startProvider('kaisa');
	try {
		await run(options, n8n, provider, trigger);
	} finally {
		await provider.close();
	}
}

async function run(
	{ install, report }: KaisaTriggerOptions,
	n8n: N8nInstance,
	provider: RunningProvider,
	trigger: FoundNode,
): Promise<void> {
	const sim = provider.sim as KaisaSimulator;
	const credential: CredentialImport = {
		id: 'e2eKaisaTrigger',
		name: 'Kaisa (trigger e2e)',
		type: 'kaisaApi',
		data: credentialInfo('kaisaApi').data(provider.url),
	};
	const workflow: WorkflowImport = {
		id: WORKFLOW_ID,
		name: 'E2E: Kaisa Trigger',
		nodes: [
			{
				id: 'b6f1d0a2-6c55-4c1e-9a77-0e2d4c6b8a01',
				name: TRIGGER,
				type: trigger.type,
				typeVersion: trigger.version,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: { urlSecret: SECRET, requests: 'postCall', downloadRecording: true },
				credentials: { kaisaApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const example = loadExamples({ kaisa: provider.url }, [credential]).find(
		(candidate) => candidate.file === KAISA_TRIGGER_EXAMPLE,
	);
	if (!example || example.error) {
		report.fail(
			`examples/${KAISA_TRIGGER_EXAMPLE}`,
			example?.error ?? 'the example file is missing',
		);
		return;
	}
	// The example ships without a URL Secret (activation refuses an empty one): the user's step 1.
	const exampleTrigger = (example.workflow.nodes as WorkflowNode[]).find(
		(node) => node.type === trigger.type,
	) as (WorkflowNode & { webhookId?: string }) | undefined;
	if (!exampleTrigger?.webhookId) {
		report.fail(`examples/${KAISA_TRIGGER_EXAMPLE}`, 'has no Kaisa Trigger with a webhookId');
		return;
	}
	exampleTrigger.parameters = { ...exampleTrigger.parameters, urlSecret: SECRET };

	step('Kaisa Trigger: importing the trigger workflow and the example, starting n8n');
	await n8n.importCredentials([credential]);
	await n8n.importWorkflows([workflow, example.workflow]);
	const port = await freePort();
	const server = await n8n.startServer({
		port,
		logFile: join(CACHE_DIR, 'e2e', `kaisa-trigger-n8n-${install.target.n8n}.log`),
	});
	try {
		const base = `http://127.0.0.1:${port}`;
		const cookie = await ownerSession(base).catch((error: Error) => error);
		const loggedIn = 'Kaisa Trigger: n8n start is up, owner logged in';
		if (cookie instanceof Error) {
			report.fail(loggedIn, cookie.message);
			return;
		}
		report.check(loggedIn, undefined);
		for (const id of [WORKFLOW_ID, example.workflow.id]) {
			const failure = await activate(base, cookie, id);
			if (!report.check(`Kaisa Trigger: workflow ${id} activates`, failure)) return;
		}

		const url = `${base}/webhook/${WEBHOOK_ID}/kaisa`;
		const exampleHook = `${base}/webhook/${exampleTrigger.webhookId}/kaisa`;
		for (const hook of [url, exampleHook]) {
			const live = await waitForWebhook(hook);
			if (!report.check(`Kaisa Trigger: ${hook.slice(base.length)} is live after activation`, live))
				return;
		}
		const withSecret = `${url}?secret=${SECRET}`;
		const form = sim.webhooks.callFields(10);
		const json = sim.webhooks.callWithRecording();
		const plain = sim.webhooks.callFields(1);

		const forged = await sim.webhooks.post(`${url}?secret=${SECRET}x`, plain, { maxAttempts: 2 });
		const missing = await sim.webhooks.post(url, plain, { retry: false });
		const first = await sim.webhooks.post(withSecret, form);
		const second = await sim.webhooks.post(withSecret, json, { format: 'json' });
		const again = await sim.webhooks.repeat(withSecret, form, { format: 'json' });
		const third = await sim.webhooks.post(withSecret, plain);
		const exampleUrl = `${exampleHook}?secret=${SECRET}`;
		const exampleCall = await sim.webhooks.post(exampleUrl, sim.webhooks.callFields(20));

		report.check(
			'Kaisa Trigger: a forged or missing secret is answered 401 (Kaisa retries), a good one 200',
			firstFailure(
				expectSame(
					'forged secret, two attempts',
					forged.attempts.map((a) => a.status),
					[401, 401],
				),
				expectSame(
					'missing secret',
					missing.attempts.map((a) => a.status),
					[401],
				),
				expectSame(
					'form, JSON, repeat, plain',
					[first, second, again, third].map((result) => result.attempts.map((a) => a.status)),
					[[200], [200], [200], [200]],
				),
				expectSame('the repeat', JSON.parse(again.attempts[0].body), {
					received: true,
					duplicate: true,
				}),
			),
		);

		const runs = await waitForRuns(install, n8n, WORKFLOW_ID, 3);
		const byCall = new Map(runs.map((stored) => [String(stored.items[0]?.json.cdr_id), stored]));
		const formRun = byCall.get(form.cdr_id);
		const jsonRun = byCall.get(json.cdr_id);
		report.check(
			'Kaisa Trigger: three calls start three runs; the forged, missing and repeated ones none',
			firstFailure(
				expectEqual('runs', runs.length, 3),
				expectSame(
					'call ids',
					[...byCall.keys()].sort(),
					[form.cdr_id, json.cdr_id, plain.cdr_id].sort(),
				),
				runs.every((stored) => stored.status === 'success' && stored.mode === 'webhook')
					? undefined
					: `runs: ${runs.map((stored) => `${stored.status}/${stored.mode}`).join(', ')}`,
			),
			`${runs.length} runs`,
		);
		const typed = formRun?.items[0]?.json;
		report.check(
			'Kaisa Trigger: the call arrives typed (duration a number, start ISO, answered a boolean), raw kept',
			firstFailure(
				typed ? undefined : 'no run of the form call',
				expectEqual('duration', typed?.duration, Number(form.duration)),
				expectEqual('start', typed?.start, `${form.start.replace(' ', 'T')}.000Z`),
				expectEqual('answered', typed?.answered, form.answered === '1'),
				expectSame('raw', typed?.raw, form),
			),
		);
		const recordings = [formRun, jsonRun].map((stored) => stored?.items[0]?.binary?.data);
		report.check(
			'Kaisa Trigger: Download Recording attaches each recording as binary data, all on one token',
			firstFailure(
				expectSame(
					'recording types',
					recordings.map((file) => file?.mimeType),
					['audio/wav', 'audio/mpeg'],
				),
				expectEqual('tokens issued', sim.stats.tokensIssued, 1),
				// Two calls here, one to the example (same credential, same token).
				expectEqual('recordings fetched', sim.callsTo('/recordings').length, 3),
			),
			recordings.map((file) => file?.fileName).join(', '),
		);
		// Runs end out of order (a recording download takes longer) and each saves static data whole,
		// so the last save may lack a call a run that ended earlier remembered. Memory still has it,
		// and the next call's save brings every call this process saw back into static data.
		const fourth = sim.webhooks.callFields(30);
		const latest = await sim.webhooks.post(withSecret, fourth);
		const allRuns = await waitForRuns(install, n8n, WORKFLOW_ID, 4);
		const staticData = await workflowStaticData(install.sqlite3, n8n.databaseFile, WORKFLOW_ID);
		const seen = Object.keys(
			((staticData.parsed as Record<string, { seenCalls?: object }> | null)?.[`node:${TRIGGER}`]
				?.seenCalls ?? {}) as object,
		);
		report.check(
			'Kaisa Trigger: every call received is remembered in static data once the next call is saved; no secret stored',
			firstFailure(
				expectSame(
					'a fourth call answered',
					latest.attempts.map((a) => a.status),
					[200],
				),
				expectEqual('runs after a fourth call', allRuns.length, 4),
				expectSame(
					'remembered',
					seen.sort(),
					[form, json, plain, fourth].map((call) => `post-call:${call.cdr_id}`).sort(),
				),
				[staticData.raw ?? '', ...allRuns.map((stored) => stored.raw)].some((text) =>
					text.includes(SECRET),
				)
					? 'the URL Secret is in static data or execution data'
					: undefined,
			),
		);

		const exampleRuns = await waitForRuns(install, n8n, example.workflow.id, 1);
		const summary = exampleRuns[0]?.items;
		report.check(
			`examples/${KAISA_TRIGGER_EXAMPLE}: activated, a Kaisa call runs it with its recording`,
			firstFailure(
				expectSame(
					'example answer',
					exampleCall.attempts.map((a) => a.status),
					[200],
				),
				expectEqual('example runs', exampleRuns.length, 1),
				exampleRuns[0]?.status === 'success' ? undefined : `status ${exampleRuns[0]?.status}`,
			),
			summary ? `${summary.length} item(s)` : 'no run',
		);
		info(
			`Kaisa Trigger e2e: ${sim.webhooks.attempts.length} posts, ${sim.stats.apiRequests} API calls`,
		);
	} finally {
		await stop(server);
	}
}

/**
 * n8n may answer 404 for a moment after activation (n8n 2 registers webhooks after the answer):
 * probe without a secret until the trigger itself answers (401), bounded.
 */
async function waitForWebhook(url: string): Promise<string | undefined> {
	const deadline = Date.now() + 30_000;
	let last = 0;
	while (Date.now() < deadline) {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'probe=1',
			signal: AbortSignal.timeout(10_000),
		}).catch(() => undefined);
		last = response?.status ?? 0;
		await response?.text().catch(() => '');
		if (last === 401) return undefined;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return `still HTTP ${last} 30 s after activation`;
}

async function activate(base: string, cookie: string, id: string): Promise<string | undefined> {
	const headers = { cookie, 'browser-id': 'local-n8n-scripts', 'content-type': 'application/json' };
	const current = await fetch(`${base}/rest/workflows/${id}`, {
		headers,
		signal: AbortSignal.timeout(30_000),
	});
	if (!current.ok) return `GET workflow: HTTP ${current.status}`;
	const { data } = (await current.json()) as { data: { versionId?: string } };
	const response = await fetch(`${base}/rest/workflows/${id}/activate`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ versionId: data.versionId }),
		signal: AbortSignal.timeout(60_000),
	});
	return response.ok
		? undefined
		: `activate: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`;
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
	const deadline = Date.now() + WAIT_FOR_RUNS_MS;
	let rows: Array<{ id: string | number; status: string; mode: string; data: string }> = [];
	for (;;) {
		rows = await queryAll(
			install.sqlite3,
			n8n.databaseFile,
			`SELECT e.id AS id, e.status AS status, e.mode AS mode, d.data AS data
			 FROM execution_entity e JOIN execution_data d ON d.executionId = e.id
			 WHERE e.workflowId = ? AND e.status NOT IN ('new', 'running') ORDER BY e.id`,
			[workflowId],
		);
		if (rows.length >= count || Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	// A moment more: a run beyond `count` would show there.
	await new Promise((resolve) => setTimeout(resolve, 1500));
	rows = await queryAll(
		install.sqlite3,
		n8n.databaseFile,
		`SELECT e.id AS id, e.status AS status, e.mode AS mode, d.data AS data
		 FROM execution_entity e JOIN execution_data d ON d.executionId = e.id
		 WHERE e.workflowId = ? ORDER BY e.id`,
		[workflowId],
	);
	return rows.map((row) => {
		const data = flatted.parse(row.data) as {
			resultData?: { runData?: Record<string, Array<{ data?: { main?: RunItem[][] } }>> };
		};
		const runData = data.resultData?.runData ?? {};
		const triggerName = Object.keys(runData).find((name) => name.includes('Trigger')) ?? TRIGGER;
		return {
			id: String(row.id),
			status: row.status,
			mode: row.mode,
			items: runData[triggerName]?.[0]?.data?.main?.[0] ?? [],
			raw: row.data,
		};
	});
}
