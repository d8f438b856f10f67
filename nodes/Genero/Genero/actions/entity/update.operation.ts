import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../../shared/items/runner';
import { PUBLIC_API } from '../../../shared/paths';
import { asJson } from '../../helpers/json';
import { parallelRequests } from '../parallel';
import type { ResourceSpec } from '../resource';
import { entityRequest, readEntityTarget, type EntityTarget } from './call';
import { entityPathOption, externalIdProperty, fieldsCollection, updateFromFields } from './fields';
import { optionsCollection } from '../../../../shared/descriptions';

export function description(spec: ResourceSpec): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [spec.resource], operation: ['update'] } }, [
		externalIdProperty(spec, `External ID of the ${spec.displayName.toLowerCase()} to update`),
		fieldsCollection(spec, 'updateFields'),
		optionsCollection([
			parallelRequests,
			entityPathOption(PUBLIC_API.paths[spec.resource].update.path),
		]),
	]);
}

export function operation(
	spec: ResourceSpec,
): ItemOperation<EntityTarget & { changes: IDataObject }> {
	return {
		parallel: true,
		prepare(itemIndex) {
			const target = readEntityTarget.call(this, itemIndex);
			return { ...target, changes: updateFromFields.call(this, target.externalId, itemIndex) };
		},
		async execute(itemIndex, { externalId, changes, ...target }) {
			return asJson(
				await entityRequest.call(this, itemIndex, spec, 'update', target, {
					externalId,
					body: changes,
				}),
				changes,
			);
		},
	};
}
