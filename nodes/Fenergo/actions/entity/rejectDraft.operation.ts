import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { withWarnings } from '../../helpers/envelope';
import { FENERGO_PATHS } from '../../helpers/paths';
import { fenergoRequest } from '../../transport';
import { draftIdField, draftVersionField, entityIdField } from '../common.descriptions';
import { draftOutput, readDraftTarget, type DraftTarget } from './draft';

const properties: INodeProperties[] = [entityIdField, draftIdField, draftVersionField];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['rejectDraft'] } }, properties);

interface Input {
	target: DraftTarget;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	return { target: readDraftTarget.call(this, itemIndex) };
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	const { entityId, draftId, version } = input.target;
	const { data, warnings } = await fenergoRequest.call(
		this,
		{ method: 'PUT', path: FENERGO_PATHS.rejectDraft(entityId, draftId), data: { version }, context: { entityId, draftId } },
		itemIndex,
	);
	return [withWarnings(draftOutput(input.target, data, { rejected: true }), warnings)];
}
