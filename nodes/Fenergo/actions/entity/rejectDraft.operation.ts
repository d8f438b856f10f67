import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { FENERGO_PATHS } from '../../helpers/paths';
import { draftTargetFields, optionsCollection } from '../common.descriptions';
import { parallelRequestsField } from '../parallel';
import { changeDraft, readDraftTarget, type DraftTarget } from './draft';

const properties: INodeProperties[] = [
	...draftTargetFields,
	optionsCollection([parallelRequestsField]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['rejectDraft'] } },
	properties,
);

interface Input {
	target: DraftTarget;
}

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	return { target: readDraftTarget.call(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	input: Input,
): Promise<IDataObject> {
	return changeDraft.call(
		this,
		itemIndex,
		input.target,
		FENERGO_PATHS.rejectDraft,
		{ version: input.target.version },
		{ rejected: true },
	);
}
