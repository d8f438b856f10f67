import type { ExecutionRun, WorkflowImport } from '../../scripts/lib/n8n';
import {
	checkedElsewhere,
	EXAMPLES_CHECKED_ELSEWHERE,
	exampleResults,
	notStartable,
} from './examples';

/** The e2e's verdict on an example run, on hand-made run data (the e2e itself runs real n8n). */

const node = (name: string, type: string) => ({
	id: name,
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

const importWorkflow: WorkflowImport = {
	id: 'ex1',
	name: 'import',
	nodes: [
		node('Note', 'n8n-nodes-base.stickyNote'),
		node('Trigger', 'n8n-nodes-base.manualTrigger'),
		node('ERP', 'n8n-nodes-base.httpRequest'),
		node('Import', 'n8n-nodes-client-credentials.genero'),
		node('Rejected rows', 'n8n-nodes-base.filter'),
	],
	connections: {},
};

function run(counts: Record<string, number[]>): ExecutionRun {
	const runData = Object.fromEntries(
		Object.entries(counts).map(([name, outputs]) => [
			name,
			[{ data: { main: outputs.map((n) => Array.from({ length: n }, () => ({ json: {} }))) } }],
		]),
	);
	return { data: { resultData: { runData } } } as unknown as ExecutionRun;
}

describe('exampleResults', () => {
	test('passes when every node of ours returned items, whatever a downstream filter kept', () => {
		const verdict = exampleResults(
			importWorkflow,
			run({ Trigger: [1], ERP: [225], Import: [225], 'Rejected rows': [0] }),
		);
		expect(verdict).toEqual({ failure: undefined, summary: 'Import: 225' });
	});

	test.each([
		[{ Trigger: [1], ERP: [0], Import: [0] }, 'Import returned no items'],
		[{ Trigger: [1], ERP: [3] }, 'Import did not run'],
	])('fails on empty or missing output of our node: %j', (counts, failure) => {
		expect(exampleResults(importWorkflow, run(counts)).failure).toBe(failure);
	});

	test('counts items on every output (an If node keeping its items on "false")', () => {
		const workflow = { ...importWorkflow, nodes: importWorkflow.nodes.slice(0, 4) };
		expect(exampleResults(workflow, run({ Trigger: [1], ERP: [2], Import: [0, 2] }))).toEqual({
			failure: undefined,
			summary: 'Import: 2',
		});
	});

	test('without a node of ours, every node that ran must return items', () => {
		const workflow = { ...importWorkflow, nodes: importWorkflow.nodes.slice(0, 3) };
		expect(exampleResults(workflow, run({ Trigger: [1], ERP: [1] })).failure).toBeUndefined();
		expect(exampleResults(workflow, run({ Trigger: [1], ERP: [0] })).failure).toBe(
			'ERP returned no items',
		);
		expect(exampleResults(workflow, run({})).failure).toBe('no node ran');
	});
});

describe('examples the suite cannot start', () => {
	test('an unlisted one fails with what to do; a listed one names an e2e file that exists', () => {
		expect(notStartable('x.json')).toMatch(/examples\/x\.json .*EXAMPLES_CHECKED_ELSEWHERE/);
		expect(checkedElsewhere('not-listed.json')).toEqual({});
		for (const [file, by] of Object.entries(EXAMPLES_CHECKED_ELSEWHERE))
			expect(checkedElsewhere(file)).toEqual({ by });
	});
});
