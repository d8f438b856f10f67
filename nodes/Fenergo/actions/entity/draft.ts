import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireInteger } from '../../../shared/parameters/fields';
import { withWarnings } from '../../helpers/envelope';
import { requireGuid } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';

export interface DraftTarget {
	entityId: string;
	draftId: string;
	version: number;
}

/** A change to a draft: which draft, and the request's data. */
export interface DraftChange {
	target: DraftTarget;
	data: IDataObject;
}

/** Entity ID, Draft ID and Draft Version of a draft change. */
export function readDraftTarget(this: IExecuteFunctions, itemIndex: number): DraftTarget {
	const node = this.getNode();
	return {
		entityId: requireGuid(
			node,
			itemIndex,
			this.getNodeParameter('entityId', itemIndex),
			'Entity ID',
		),
		draftId: requireGuid(node, itemIndex, this.getNodeParameter('draftId', itemIndex), 'Draft ID'),
		version: requireInteger(
			node,
			itemIndex,
			this.getNodeParameter('draftVersion', itemIndex, -1),
			'Draft Version',
			-1,
		),
	};
}

/** The output of a draft change: which draft, and what Fenergo answered (202 may come without a body). */
export function draftOutput(
	target: DraftTarget,
	data: unknown,
	outcome: IDataObject = {},
): IDataObject {
	const answer =
		typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
	return { entityId: target.entityId, draftId: target.draftId, ...outcome, ...answer };
}

/** PUTs a change to a draft (at `pathOf(entityId, draftId)`) and answers with its output item. */
export async function changeDraft(
	this: IExecuteFunctions,
	itemIndex: number,
	target: DraftTarget,
	pathOf: (entityId: string, draftId: string) => string,
	body: IDataObject,
	outcome?: IDataObject,
): Promise<IDataObject> {
	const { entityId, draftId } = target;
	const { data, warnings } = await fenergoRequest.call(
		this,
		{ method: 'PUT', path: pathOf(entityId, draftId), data: body, context: { entityId, draftId } },
		itemIndex,
	);
	return withWarnings(draftOutput(target, data, outcome), warnings);
}
