import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { ExecutionRun, WorkflowImport } from '../../scripts/lib/n8n';
import { PACKAGE_NAME, ROOT } from '../../scripts/lib/repo';
import type { WorkflowNode } from './workflows';

/**
 * Examples that start from one of our trigger nodes (a webhook or a poll), which `n8n execute`
 * cannot start: each is run and checked by the e2e file named here (a path from the repository
 * root). Every other example must run in the suite; one that cannot start fails it.
 */
export const EXAMPLES_CHECKED_ELSEWHERE: Record<string, string> = {
	'fenergo-trigger-entity-events.json': 'test/e2e/fenergo-trigger.ts',
	'kaisa-trigger-call-log.json': 'test/e2e/kaisa-trigger.ts',
};

/** Why an example that neither the suite nor EXAMPLES_CHECKED_ELSEWHERE can run fails. */
export function notStartable(file: string): string {
	return `has neither a Manual nor a Schedule Trigger, so n8n execute cannot start it: check examples/${file} in an e2e file of its own and list it in EXAMPLES_CHECKED_ELSEWHERE (test/e2e/examples.ts)`;
}

/** Why an e2e file named as the checker of an example or node is not there, or undefined. */
export function checkedFile(by: string): string | undefined {
	return existsSync(join(ROOT, by)) ? undefined : `${by} does not exist`;
}

/** The e2e file that checks a listed example, or why the listing is wrong. */
export function checkedElsewhere(file: string): { by?: string; problem?: string } {
	const by = EXAMPLES_CHECKED_ELSEWHERE[file];
	if (by === undefined) return {};
	const problem = checkedFile(by);
	return problem ? { by, problem } : { by };
}

function outputCount(run: ExecutionRun, node: string): number | undefined {
	const task = run.data.resultData.runData[node]?.[0];
	if (!task) return undefined;
	return (task.data?.main ?? []).reduce((sum, output) => sum + (output?.length ?? 0), 0);
}

/**
 * The results of an example run: every node of this package in it ran and returned at least one
 * item (an example without one of our nodes: every node that ran did). A downstream Filter of
 * rejected rows may stay empty; our nodes' output may not.
 */
export function exampleResults(
	workflow: WorkflowImport,
	run: ExecutionRun,
): { failure?: string; summary: string } {
	const nodes = (workflow.nodes as WorkflowNode[]).filter(
		(node) => node.type !== 'n8n-nodes-base.stickyNote',
	);
	const ours = nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`));
	const checked =
		ours.length > 0 ? ours : nodes.filter((node) => outputCount(run, node.name) !== undefined);
	const counts = checked.map((node) => [node.name, outputCount(run, node.name)] as const);
	const problems = counts
		.filter(([, count]) => !count)
		.map(([name, count]) =>
			count === undefined ? `${name} did not run` : `${name} returned no items`,
		);
	const summary = counts.map(([name, count]) => `${name}: ${count ?? 0}`).join(', ');
	if (checked.length === 0) problems.push('no node ran');
	return { failure: problems.length > 0 ? problems.join('; ') : undefined, summary };
}
