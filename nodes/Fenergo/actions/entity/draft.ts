import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireGuid, requireInteger } from '../../helpers/validation';

export interface DraftTarget {
	entityId: string;
	draftId: string;
	version: number;
}

/** Entity ID, Draft ID and Draft Version of a draft change. */
export function readDraftTarget(this: IExecuteFunctions, itemIndex: number): DraftTarget {
	return {
		entityId: requireGuid.call(this, this.getNodeParameter('entityId', itemIndex), 'Entity ID', itemIndex),
		draftId: requireGuid.call(this, this.getNodeParameter('draftId', itemIndex), 'Draft ID', itemIndex),
		version: requireInteger.call(this, this.getNodeParameter('draftVersion', itemIndex, -1), 'Draft Version', itemIndex, -1),
	};
}

/** The output of a draft change: which draft, and what Fenergo answered (202 may come without a body). */
export function draftOutput(target: DraftTarget, data: unknown, outcome: IDataObject = {}): IDataObject {
	const answer = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
	return { entityId: target.entityId, draftId: target.draftId, ...outcome, ...answer };
}
