import type { N8nInstall } from '../../../scripts/lib/install';
import type { RunningPostgres } from '../../../scripts/lib/postgres';
import { LOCAL_CLIENT } from '../../../scripts/lib/providers';
import type { ClusterProcess, QueueCluster } from '../../../scripts/lib/queue';
import {
	GENERO_PATHS,
	KAISA_PATHS,
	type GeneroSimulator,
	type KaisaSimulator,
	type Simulator,
} from '../../simulators';
import { firstFailure, type Report } from '../report';
import {
	byProcess,
	countBy,
	executionErrors,
	executions,
	sealedEntries,
	tokenCalls,
	type ExecutionRow,
} from './cluster-data';
import { TIMING, usableSeconds } from './scenarios';
import type { CredentialTestResults, RevocationMark, RevokedLane } from './suite';

/** The checks of issue 15, section 2: each prints the figures it measured. */

export interface QueueContext {
	install: N8nInstall;
	report: Report;
	cluster: QueueCluster;
	postgres: RunningPostgres;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const secondsOf = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** A check whose figures are printed whether it passes or fails. */
function measured(
	report: Report,
	name: string,
	failure: string | undefined,
	figures?: string,
): void {
	report.check(
		name,
		failure === undefined || !figures ? failure : `${failure}\n${figures}`,
		figures,
	);
}

/** When a refusal says the next fetch is possible: an ISO date and time. */
const WHEN = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Execution states that are not an outcome yet. */
export const UNFINISHED = ['new', 'running', 'waiting'];

async function rowsOf(context: QueueContext, ids: string[]): Promise<ExecutionRow[]> {
	return await executions(context.postgres, ids, context.cluster.executionWorkers());
}

async function failuresOf(
	context: QueueContext,
	rows: ExecutionRow[],
): Promise<string | undefined> {
	const failed = rows.filter((row) => row.status !== 'success');
	if (failed.length === 0) return undefined;
	const errors = await executionErrors(
		context.postgres,
		context.install,
		failed.slice(0, 3).map((row) => row.id),
	);
	return `${failed.length} of ${rows.length} executions did not succeed (${countBy(failed, (row) => row.status)}), e.g. ${failed
		.slice(0, 3)
		.map(
			(row) =>
				`#${row.id} (${row.workflowId}) on ${row.worker ?? '?'}: ${errors.get(row.id) ?? row.status}`,
		)
		.join(' | ')}`;
}

function span(rows: ExecutionRow[]): number {
	const starts = rows.map((row) => row.startedAt).filter(Number.isFinite);
	const stops = rows.map((row) => row.stoppedAt ?? NaN).filter(Number.isFinite);
	return starts.length && stops.length ? Math.max(...stops) - Math.min(...starts) : 0;
}

function perProcess(calls: ReturnType<typeof tokenCalls>): string {
	const grouped = byProcess(calls);
	return grouped.size === 0
		? 'none'
		: [...grouped.entries()]
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([name, list]) => `${name} ${list.length}`)
				.join(', ');
}

/** Four workflows on one Kaisa credential, both workers, three token lifetimes. */
export async function checkOneToken(
	context: QueueContext,
	sim: KaisaSimulator,
	ids: string[],
): Promise<void> {
	const { report, cluster } = context;
	const title = 'one token per client across the cluster (4 workflows, 1 Kaisa credential)';
	const rows = await rowsOf(context, ids);
	const usable = usableSeconds(TIMING.kaisaLifetimeSeconds) * 1000;
	const watched = span(rows);
	const minimum = Math.max(1, Math.ceil(watched / usable));
	const calls = tokenCalls(cluster.requests(), sim.url, KAISA_PATHS.token);
	const workers = new Set(rows.map((row) => row.worker).filter(Boolean));

	measured(
		report,
		`${title}: no failed execution`,
		rows.length === 0 ? 'no execution at all' : await failuresOf(context, rows),
		`${rows.length} executions over ${secondsOf(watched)} (${countBy(rows, (row) => row.worker)})`,
	);
	measured(
		report,
		`${title}: both workers ran executions`,
		workers.size >= 2 ? undefined : `only ${[...workers].join(', ') || 'none'}`,
	);
	measured(
		report,
		`${title}: no API 401`,
		sim.stats.api401 === 0 ? undefined : `${sim.stats.api401} API calls answered 401`,
		`${sim.stats.apiRequests} API calls`,
	);
	// Two fetches of one process closer together than a usable lifetime (2 s of slack): a token wasted.
	const tooClose: string[] = [];
	for (const [name, list] of byProcess(calls)) {
		for (let i = 1; i < list.length; i++) {
			const gap = list[i].at - list[i - 1].at;
			if (gap < usable - 2000) tooClose.push(`${name}: two fetches ${secondsOf(gap)} apart`);
		}
	}
	measured(
		report,
		`${title}: at most one token fetch per usable lifetime (${secondsOf(usable)}) per worker`,
		tooClose.length ? tooClose.join('; ') : undefined,
		`${calls.length} fetches (${perProcess(calls)}) over ${secondsOf(watched)}; cluster minimum ⌈span ÷ usable lifetime⌉ = ${minimum}; ratio ${(calls.length / minimum).toFixed(2)} (goal: ${minimum + 1} fetches)`,
	);
}

/** Two workflows on one Genero credential with short tokens, revoked twice: the day's five hold. */
export async function checkGeneroBudget(
	context: QueueContext,
	sim: GeneroSimulator,
	ids: string[],
): Promise<void> {
	const { report, cluster } = context;
	const title = "Genero's budget holds cluster-wide (2 workflows, 15 s tokens, revoked twice)";
	const rows = await rowsOf(context, ids);
	const failed = rows.filter((row) => row.status !== 'success');
	const errors = await executionErrors(
		context.postgres,
		context.install,
		failed.map((row) => row.id),
	);
	const calls = tokenCalls(cluster.requests(), sim.url, GENERO_PATHS.token);
	const { tokenRequests, tokensIssued } = sim.stats;
	measured(
		report,
		`${title}: the provider sees at most ${sim.dailyQuota} token requests in the day`,
		tokenRequests <= sim.dailyQuota
			? undefined
			: `${tokenRequests} token requests (${tokensIssued} issued, ${tokenRequests - tokensIssued} refused)`,
		`${tokenRequests} token requests (${perProcess(calls)}), ${tokensIssued} issued; ${rows.length} executions, ${failed.length} failed`,
	);
	const silent = failed.filter((row) => !WHEN.test(errors.get(row.id) ?? ''));
	const sample = failed.find((row) => WHEN.test(errors.get(row.id) ?? ''));
	measured(
		report,
		`${title}: every refusal says when a fetch is possible again`,
		silent.length === 0
			? undefined
			: `${silent.length} of ${failed.length} failed executions name no time (${countBy(silent, (row) => row.workflowId)}), e.g. #${silent[0].id}: ${errors.get(silent[0].id)}`,
		sample ? `e.g. "${(errors.get(sample.id) ?? '').slice(0, 220)}"` : 'no refusal was needed',
	);
}

/** Two Data Warehouse workflows with calls held open: executions overlap on both workers, all succeed. */
export async function checkWarehouse(
	context: QueueContext,
	sim: GeneroSimulator,
	ids: string[],
): Promise<void> {
	const { report } = context;
	const title = 'Genero Data Warehouse across workers (2 workflows, calls held 400 ms)';
	const rows = await rowsOf(context, ids);
	let overlapping = 0;
	for (let i = 0; i < rows.length; i++) {
		for (let j = i + 1; j < rows.length; j++) {
			const [a, b] = [rows[i], rows[j]];
			if (!a.worker || !b.worker || a.worker === b.worker || !a.stoppedAt || !b.stoppedAt) continue;
			if (a.startedAt < b.stoppedAt && b.startedAt < a.stoppedAt) overlapping++;
		}
	}
	const { rejected, maxConcurrency, requests } = sim.warehouse.stats;
	measured(
		report,
		`${title}: every execution succeeds`,
		rows.length === 0 ? 'no execution at all' : await failuresOf(context, rows),
		`${rows.length} executions (${countBy(rows, (row) => row.worker)}), ${requests} warehouse calls; the provider refused ${rejected.parallel} as parallel and ${rejected.perMinute} over the minute's limit; most at once ${maxConcurrency}`,
	);
	measured(
		report,
		`${title}: executions overlapped on the two workers`,
		overlapping > 0
			? undefined
			: 'no two executions on different workers overlapped, so nothing was proven',
		`${overlapping} overlapping pairs`,
	);
}

/** Ten editor tests of a saved Genero credential, and one with a wrong secret. */
export function checkCredentialTests(context: QueueContext, results: CredentialTestResults): void {
	const { report } = context;
	const title = 'credential Test button (POST /rest/credentials/test on the main)';
	const notOk = results.answers.filter((answer) => answer.status !== 'OK');
	measured(
		report,
		`${title}: 10 tests of a saved Genero credential cost at most 1 token fetch`,
		firstFailure(
			results.error,
			results.answers.length === 10 ? undefined : `${results.answers.length} of 10 tests answered`,
			notOk.length
				? `${notOk.length} tests failed: ${JSON.stringify(notOk[0]).slice(0, 300)}`
				: undefined,
			results.tokenRequests <= 1 ? undefined : `${results.tokenRequests} token requests`,
		),
		`${results.tokenRequests} token request(s) for ${results.answers.length} tests`,
	);
	const message = results.wrong?.message ?? '';
	measured(
		report,
		`${title}: a wrong secret shows the provider's error`,
		results.wrong?.status !== 'OK' && /access_denied|Unauthorized|Client Secret/i.test(message)
			? undefined
			: `answered ${JSON.stringify(results.wrong).slice(0, 300)}`,
		`"${message.slice(0, 200)}"`,
	);
}

/** After every token is revoked, the next execution succeeds with one new token per credential type. */
export async function checkRevocations(
	context: QueueContext,
	workflowId: string,
	lanes: RevokedLane[],
	mark: RevocationMark | undefined,
): Promise<void> {
	const { report } = context;
	const title = 'a revoked token through the HTTP Request node';
	if (!mark) {
		report.fail(title, 'the workflow never succeeded before the revocation (50 s)');
		return;
	}
	const rows = (await rowsOf(context, [workflowId])).filter((row) => row.startedAt > mark.at);
	measured(
		report,
		`${title}: the executions after the revocation succeed`,
		rows.length === 0 ? 'no execution after the revocation' : await failuresOf(context, rows),
		`${rows.length} executions after it (${countBy(rows, (row) => row.worker)})`,
	);
	const requests = context.cluster.requests();
	lanes.forEach((lane, index) => {
		const fetched = lane.sim.stats.tokensIssued - mark.tokensBefore[index];
		const after = tokenCalls(requests, lane.sim.url, lane.tokenPath).filter(
			(call) => call.at >= mark.at,
		);
		measured(
			report,
			`${title}, ${lane.credential.type}: exactly 1 new token request`,
			fetched === 1 ? undefined : `${fetched} new tokens (asked by ${perProcess(after)})`,
			`${lane.sim.stats.api401} × 401, ${lane.sim.stats.tokensIssued} tokens in all`,
		);
	});
}

/** SIGKILL the worker running an execution; the other carries on without a fresh token. */
export async function checkWorkerKill(
	context: QueueContext,
	sim: Simulator,
	workflowId: string,
	afterKillMs: number,
): Promise<void> {
	const { report, cluster, postgres } = context;
	const title = 'a worker dies (SIGKILL mid-run)';
	let victim: ClusterProcess | undefined;
	const deadline = Date.now() + 20_000;
	while (!victim && Date.now() < deadline) {
		const ids = new Set((await rowsOf(context, [workflowId])).map((row) => row.id));
		victim = cluster.workers.find((worker) => cluster.unfinished(worker).some((id) => ids.has(id)));
		if (!victim) await sleep(200);
	}
	const inFlight = victim !== undefined;
	victim ??= cluster.workers[0];
	const tokensBefore = sim.stats.tokensIssued;
	cluster.kill(victim);
	const killedAt = victim.killedAt!;
	await sleep(afterKillMs);

	const all = await rowsOf(context, [workflowId]);
	const later = all.filter(
		(row) => row.startedAt > killedAt + 1000 && !UNFINISHED.includes(row.status),
	);
	const interrupted = all.filter(
		(row) => row.worker === victim!.name && row.startedAt <= killedAt && row.status !== 'success',
	);
	measured(
		report,
		`${title}: later scheduled executions succeed on the other worker`,
		firstFailure(
			later.length >= 3 ? undefined : `only ${later.length} executions after the kill`,
			await failuresOf(context, later),
			later.some((row) => row.worker === victim!.name)
				? `${victim.name} ran executions after it was killed`
				: undefined,
		),
		`${victim.name} killed${inFlight ? ' with an execution in flight' : ' (no execution was in flight within 20 s)'}; ${later.length} later executions (${countBy(later, (row) => row.worker)}); interrupted: ${interrupted.map((row) => `#${row.id} ${row.status}`).join(', ') || 'none'}`,
	);
	measured(
		report,
		`${title}: no fresh token is fetched again`,
		sim.stats.tokensIssued === tokensBefore
			? undefined
			: `${sim.stats.tokensIssued - tokensBefore} new token(s) after the kill`,
		`${sim.stats.tokensIssued} token(s) in all`,
	);
	const sealed = await sealedEntries(postgres, LOCAL_CLIENT.clientSecret);
	const entries = sealed.reduce((sum, row) => sum + row.entries, 0);
	const opened = sealed.reduce((sum, row) => sum + row.opened, 0);
	measured(
		report,
		`${title}: every sealed static-data entry opens`,
		entries > 0 && opened === entries
			? undefined
			: `${opened} of ${entries} entries open (${sealed.map((row) => `${row.workflowId} ${row.opened}/${row.entries}`).join(', ')})`,
		`${entries} entries in ${sealed.filter((row) => row.entries > 0).length} workflows`,
	);
}
