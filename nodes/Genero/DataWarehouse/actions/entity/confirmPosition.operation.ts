import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../../shared/items/runner';
import { confirmPositions, extractionUpstream } from '../../../../shared/positions/steps';

/** The saved parameters of a Data Warehouse node that make it the confirm step. */
export const isConfirmStep = (parameters: INodeParameters): boolean =>
	parameters.operation === 'confirmPosition';

/** A "Changed Since Last Run" extraction (Rows defaults to it, so a missing value counts). */
const isIncremental = (parameters: INodeParameters): boolean =>
	(parameters.operation ?? 'getMany') === 'getMany' &&
	(parameters.mode ?? 'sinceLastRun') === 'sinceLastRun';

const properties: INodeProperties[] = [
	{
		displayName:
			'Put this step at the end of your flow, after the step that loads the rows. The "Changed Since Last Run" nodes before it then move their positions only when it runs, so a run that fails anywhere before it delivers the same rows again next time. It outputs one item saying how many positions it confirmed.',
		name: 'confirmNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['confirmPosition'] } },
	properties,
);

/**
 * Commits the positions the Data Warehouse extractions before it recorded in this execution, once,
 * and outputs one small item (not the rows again: the end of a flow needs no copy of them).
 */
export const operation = (): ItemOperation<undefined> => ({
	prepare(itemIndex) {
		if (itemIndex === 0 && !extractionUpstream(this, isIncremental)) {
			throw new NodeOperationError(
				this.getNode(),
				'No "Changed Since Last Run" Genero Data Warehouse node comes before this Confirm Position step',
				{
					itemIndex,
					description:
						'Connect this step after the step that loads the rows of a Genero Data Warehouse node set to Rows: Changed Since Last Run, or remove it.',
				},
			);
		}
		return undefined;
	},
	async execute(itemIndex) {
		if (itemIndex !== 0) return;
		return { confirmedPositions: confirmPositions(this), items: this.getInputData().length };
	},
});
