import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { FENERGO_PATHS } from '../../helpers/paths';
import { draftTargetFields } from '../common.descriptions';
import { changeDraft, readDraftTarget, type DraftTarget } from './draft';

const properties: INodeProperties[] = draftTargetFields;

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['rejectDraft'] } }, properties);

interface Input {
	target: DraftTarget;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	return { target: readDraftTarget.call(this, itemIndex) };
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	return changeDraft.call(this, itemIndex, input.target, FENERGO_PATHS.rejectDraft, { version: input.target.version }, { rejected: true });
}
