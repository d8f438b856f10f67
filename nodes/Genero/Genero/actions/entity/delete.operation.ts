import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../../shared/items/runner';
import { PUBLIC_API } from '../../../shared/paths';
import { parallelRequests } from '../parallel';
import type { ResourceSpec } from '../resource';
import { entityRequest, readEntityTarget, type EntityTarget } from './call';
import { entityPathOption, externalIdProperty } from './fields';
import { optionsCollection } from '../../../../shared/descriptions';

export function description(spec: ResourceSpec): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [spec.resource], operation: ['delete'] } }, [
		externalIdProperty(spec, `External ID of the ${spec.displayName.toLowerCase()} to delete`),
		optionsCollection([
			parallelRequests,
			entityPathOption(PUBLIC_API.paths[spec.resource].delete.path),
		]),
	]);
}

export function operation(spec: ResourceSpec): ItemOperation<EntityTarget> {
	return {
		parallel: true,
		prepare: readEntityTarget,
		async execute(itemIndex, { externalId, ...target }) {
			await entityRequest.call(this, itemIndex, spec, 'delete', target, { externalId });
			return { [PUBLIC_API.externalIdField]: externalId, deleted: true };
		},
	};
}
