import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readPathOption } from '../../../shared/path-option';
import { PUBLIC_API, type GeneroOperation } from '../../../shared/paths';
import { generoRequest, PUBLIC_CREDENTIAL } from '../../../shared/request';
import { readTenant } from '../../../shared/tenant';
import type { ResourceSpec } from '../resource';
import { readExternalId } from './fields';

/** Where one item's call goes besides the table: its Path option and tenant, read before any call. */
export interface Target {
	pathOverride?: string;
	tenant: string;
}

export function readTarget(this: IExecuteFunctions, itemIndex: number): Target {
	return {
		pathOverride: readPathOption.call(this, itemIndex),
		tenant: readTenant.call(this, itemIndex),
	};
}

/** The target of an operation on one entity (get, update, delete): its external ID besides. */
export interface EntityTarget extends Target {
	externalId: string;
}

export function readEntityTarget(this: IExecuteFunctions, itemIndex: number): EntityTarget {
	return { externalId: readExternalId.call(this, itemIndex), ...readTarget.call(this, itemIndex) };
}

/** One call of an operation of the table, for one item. */
export async function entityRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	spec: ResourceSpec,
	operation: GeneroOperation,
	target: Target,
	call: { externalId?: string; body?: IDataObject | IDataObject[] } = {},
): Promise<unknown> {
	return await generoRequest.call(
		this,
		PUBLIC_CREDENTIAL,
		{
			endpoint: PUBLIC_API.paths[spec.resource][operation],
			values: call.externalId === undefined ? undefined : { externalId: call.externalId },
			pathOverride: target.pathOverride,
			tenant: target.tenant,
			tenantPlacement: PUBLIC_API.tenant,
			body: call.body,
		},
		itemIndex,
	);
}
