import type { INodeExecutionData } from 'n8n-workflow';

import { keepsFetchesBack } from '../../../nodes/shared/token/quota';
import { REFRESH_JITTER_MS } from '../../../nodes/shared/transport';
import { FIXED_JITTER } from '../../shared/token/support/clock';
import type { ExecutionResult, Harness } from '../../harness/n8n';
import { PROVIDER_SETUPS, type ProviderSetup } from '../../workflows/provider-setups';
import type { CaseContext, Expected, FaultCase } from '../matrix';
import { NODE_PATHS, startRig, type NodePath, type Rig } from './rig';

/** The transport's jittered pause before a refresh after a 401, under the test clock. */
const SETTLE_PAUSE_MS = REFRESH_JITTER_MS * FIXED_JITTER;

/** Stop: one item, the execution fails on error. Continue: three items, Continue On Fail. */
export type RunMode = 'stop' | 'continue';

export interface CaseRun {
	kase: FaultCase;
	rig: Rig;
	context: CaseContext;
	expected: Expected;
	result: ExecutionResult;
	/** Requests the token endpoint and the API saw during the measured execution. */
	tokenRequests: number;
	api401: number;
	/** Waits the engine asked for during the measured execution. */
	sleeps: number[];
}

export interface CaseVariant {
	name: string;
	kase: FaultCase;
	setup: ProviderSetup;
	path: NodePath;
	mode: RunMode;
}

/** Every (case, provider, path, mode) the matrix runs. */
export function caseVariants(cases: FaultCase[]): CaseVariant[] {
	return cases.flatMap((kase) =>
		PROVIDER_SETUPS.filter(
			(setup) => !kase.providers || kase.providers.some((title) => setup.title.startsWith(title)),
		).flatMap((setup) =>
			NODE_PATHS.filter((path) => !kase.paths || kase.paths.includes(path)).flatMap((path) =>
				(['stop', 'continue'] as RunMode[]).map((mode) => ({
					name: `${kase.id} · ${setup.title} · ${path} · ${mode === 'stop' ? '1 item' : '3 items, continue on fail'}`,
					kase,
					setup,
					path,
					mode,
				})),
			),
		),
	);
}

/** Starts the rig, puts the fault in place and runs the measured execution. The caller closes `run.rig`. */
export async function runCase(
	harness: Harness,
	variant: CaseVariant,
	secret?: string,
): Promise<CaseRun> {
	const { kase, setup, path, mode } = variant;
	const rig = await startRig(harness, setup, { ...kase.start, secret });
	const context: CaseContext =
		mode === 'stop' ? { path, items: 1 } : { path, items: 3, onError: 'continueRegularOutput' };
	try {
		await kase.arrange?.(rig, context);
		rig.sim.resetStats();
		rig.sleeps.length = 0;
		const result = kase.execute
			? await kase.execute(rig, context)
			: await rig.run(path, { count: context.items, onError: context.onError });
		return {
			kase,
			rig,
			context,
			expected: kase.expected[path],
			result,
			tokenRequests: rig.sim.stats.tokenRequests,
			api401: rig.sim.stats.api401,
			sleeps: [...rig.sleeps],
		};
	} catch (error) {
		await rig.close();
		throw error;
	}
}

function errorText(error: { message?: string; description?: string } | undefined): string {
	return error ? `${error.message ?? ''} ${error.description ?? ''}` : '';
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
}

/** The expectations of the case; jest `expect` throughout, so a failure names what differs. */
export async function checkCase(run: CaseRun): Promise<void> {
	const { result, expected, context, kase, rig } = run;
	const { items } = context;
	const failed =
		expected.outcome === 'error' ? (expected.failedItems?.(items) ?? range(items)) : [];

	if (context.onError === undefined) {
		if (expected.outcome === 'error') {
			expect(result.status).toBe('error');
			expect(errorText(result.error)).toMatch(expected.message ?? /./);
		} else {
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
		}
	} else {
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const output = Object.values(result.outputs).at(-1) ?? [];
		// Every input item is accounted for exactly once: its rows, or one error item.
		for (let index = 0; index < items; index++) {
			const mine = output.filter((item) => pairedIndex(item) === index);
			const errors = mine.filter((item) => item.json?.error !== undefined);
			if (failed.includes(index)) {
				expect({ index, items: mine.length, errors: errors.length }).toEqual({
					index,
					items: 1,
					errors: 1,
				});
				const itemError = result.itemErrors[Object.keys(result.outputs).at(-1) ?? '']?.find(
					(entry) => entry.itemIndex === output.indexOf(errors[0]),
				);
				expect(errorText(itemError)).toMatch(expected.message ?? /./);
			} else {
				expect({ index, errors: errors.length, some: mine.length > 0 }).toEqual({
					index,
					errors: 0,
					some: true,
				});
			}
		}
		expect(
			output.every((item) => pairedIndex(item) !== undefined && pairedIndex(item)! < items),
		).toBe(true);
	}

	expect(run.tokenRequests).toBe(expected.tokenRequests);
	const settles =
		expected.settlesPerItem && keepsFetchesBack(run.rig.profile)
			? range(items).map(() => SETTLE_PAUSE_MS)
			: [];
	const waits = [
		...(expected.waitsPerItem ? range(items).flatMap(() => expected.sleeps) : expected.sleeps),
		...settles,
	];
	expect([...run.sleeps].sort((a, b) => a - b)).toEqual([...waits].sort((a, b) => a - b));
	if (expected.api401) expect(run.api401).toBe(expected.api401(items));
	await kase.verify?.(rig, context, result);
}

function range(count: number): number[] {
	return Array.from({ length: count }, (_, index) => index);
}
