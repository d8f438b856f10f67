import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemOutput } from '../../../shared/items/runner';
import { confirmPositions, extractionUpstream } from '../../../shared/positions/steps';
import { isIncremental } from './position';

const properties: INodeProperties[] = [
	{
		displayName:
			'Put this step at the end of your flow, after the step that stores the calls. The "Since Last Run" Kaisa nodes before it then move their positions only when it runs, so a run that fails anywhere before it delivers the same calls again next time. Its input items pass through unchanged.',
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

/** Commits the positions of the Since Last Run nodes before it (on the first item); passes every item on. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	_input: undefined,
	output: ItemOutput,
): Promise<void> {
	if (itemIndex === 0) confirmPositions(this);
	const item = this.getInputData()[itemIndex];
	output.push(item.json, item.binary);
}
