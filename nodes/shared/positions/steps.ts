import type { IExecuteFunctions, INodeParameters, NodeTypeAndVersion } from 'n8n-workflow';

import { clock } from '../token/clock';
import { PositionStore } from './store';

/** Whether a node's (raw, saved) parameters make it the confirm step of this node type. */
export type IsConfirmStep = (parameters: INodeParameters) => boolean;

/** The positions of this execution's workflow. */
export function positionStore(context: IExecuteFunctions): PositionStore {
	return new PositionStore(
		context.getWorkflowStaticData('global'),
		String(context.getExecutionId()),
		() => clock.now(),
	);
}

/** Manual (editor) runs never move positions; n8n does not save their static data either. */
export function movesPositions(context: IExecuteFunctions): boolean {
	return context.getMode?.() !== 'manual';
}

function confirmSteps(nodes: NodeTypeAndVersion[], type: string, isConfirm: IsConfirmStep) {
	return nodes.filter(
		(node) => node.type === type && !node.disabled && isConfirm(node.parameters ?? {}),
	);
}

/**
 * Whether an enabled confirm step of the same node type follows this node, anywhere downstream.
 * With one the extraction is two-phase; without one its position moves when it succeeds.
 */
export function confirmStepFollows(context: IExecuteFunctions, isConfirm: IsConfirmStep): boolean {
	const node = context.getNode();
	const children = context.getChildNodes(node.name, { includeNodeParameters: true });
	return confirmSteps(children, node.type, isConfirm).length > 0;
}

/**
 * After an extraction node succeeded: without a confirm step its positions move now (as before
 * two-phase positions existed); with one, only positions with nothing delivered do (there is
 * nothing to lose, and the confirm step does not run when no item reaches it).
 */
export function settleExtraction(context: IExecuteFunctions, isConfirm: IsConfirmStep): void {
	if (!movesPositions(context)) return;
	const store = positionStore(context);
	const name = context.getNode().name;
	const mine = store.own().filter(([, pending]) => pending.node === name);
	if (mine.length === 0) return;
	const twoPhase = confirmStepFollows(context, isConfirm);
	for (const [key, pending] of mine) if (!twoPhase || pending.rows === 0) store.commit(key);
}

/**
 * The confirm step: commits the positions this execution's extraction nodes of the same type
 * upstream of it recorded. Returns how many it committed.
 */
export function confirmPositions(context: IExecuteFunctions): number {
	if (!movesPositions(context)) return 0;
	const node = context.getNode();
	const upstream = new Set(
		context
			.getParentNodes(node.name)
			.filter((parent) => parent.type === node.type)
			.map((parent) => parent.name),
	);
	const store = positionStore(context);
	let committed = 0;
	for (const [key, pending] of store.own()) {
		if (!upstream.has(pending.node)) continue;
		store.commit(key);
		committed++;
	}
	return committed;
}

/** Whether an extraction node of this type lies upstream (a confirm step without one is a mistake). */
export function extractionUpstream(
	context: IExecuteFunctions,
	isExtraction: IsConfirmStep,
): boolean {
	const node = context.getNode();
	return context
		.getParentNodes(node.name, { includeNodeParameters: true })
		.some((parent) => parent.type === node.type && isExtraction(parent.parameters ?? {}));
}
