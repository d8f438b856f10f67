import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOperation } from '../../../../shared/items/runner';
import { PUBLIC_API } from '../../../shared/paths';
import { asJson } from '../../helpers/json';
import { parallelRequests } from '../parallel';
import type { ResourceSpec } from '../resource';
import { entityRequest, readTarget, type Target } from './call';
import {
	entityPathOption,
	externalIdProperty,
	fieldsCollection,
	mainFieldProperties,
} from './fields';
import { entityFromFields } from './mapping';
import { optionsCollection } from '../../../../shared/descriptions';

export function description(spec: ResourceSpec): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [spec.resource], operation: ['create'] } }, [
		externalIdProperty(
			spec,
			`The ID your own system gives the ${spec.displayName.toLowerCase()}; Genero identifies it by this`,
		),
		...mainFieldProperties(spec),
		fieldsCollection(spec, 'additionalFields'),
		optionsCollection([
			parallelRequests,
			entityPathOption(PUBLIC_API.paths[spec.resource].create.path),
		]),
	]);
}

export function operation(spec: ResourceSpec): ItemOperation<Target & { entity: IDataObject }> {
	return {
		parallel: true,
		prepare(itemIndex) {
			const entity = entityFromFields.call(this, spec, itemIndex);
			return { entity, ...readTarget.call(this, itemIndex) };
		},
		async execute(itemIndex, { entity, ...target }) {
			return asJson(
				await entityRequest.call(this, itemIndex, spec, 'create', target, { body: entity }),
				entity,
			);
		},
	};
}
