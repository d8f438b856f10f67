import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { confirmPositions, extractionUpstream } from '../../../shared/positions/steps';
import { isIncremental } from './position';

const properties: INodeProperties[] = [
	{
		displayName:
			'Put this step at the end of your flow, after the step that stores the calls. The "Since Last Run" Kaisa nodes before it then move their positions only when it runs, so a run that fails anywhere before it delivers the same calls again next time. It outputs one item saying how many positions it confirmed.',
		name: 'confirmNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['confirmPosition'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): undefined {
	if (itemIndex === 0 && !extractionUpstream(this, isIncremental)) {
		throw new NodeOperationError(
			this.getNode(),
			'No "Since Last Run" Kaisa Get Many Calls node comes before this Confirm Position step',
			{
				itemIndex,
				description:
					'Connect this step after the step that stores the calls of a Kaisa Call → Get Many node set to Calls: Since Last Run, or remove it.',
			},
		);
	}
	return undefined;
}

/**
 * Commits the positions of the Since Last Run nodes before it, once, and outputs one small item
 * (not the calls or the file again: the end of a flow needs no copy of them).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	if (itemIndex !== 0) return undefined;
	return { confirmedPositions: confirmPositions(this), items: this.getInputData().length };
}
