import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJson, forEachItem, readPathOption, readTenant } from '../../helpers/items';
import { PUBLIC_API } from '../../paths';
import { generoRequest, PUBLIC_CREDENTIAL } from '../../transport/request';
import type { ResourceSpec } from '../resource';
import { entityFromFields, externalIdProperty, fieldsCollection, mainFieldProperties, pathOption } from './fields';
import { optionsCollection } from './options';

export function description(spec: ResourceSpec): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [spec.resource], operation: ['create'] } }, [
		externalIdProperty(spec, `The ID your own system gives the ${spec.displayName.toLowerCase()}; Genero identifies it by this`),
		...mainFieldProperties(spec),
		fieldsCollection(spec, 'additionalFields'),
		optionsCollection([pathOption(PUBLIC_API.paths[spec.resource].create.path)]),
	]);
}

export async function execute(this: IExecuteFunctions, spec: ResourceSpec): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const entity = entityFromFields.call(this, spec, itemIndex);
		const response = await generoRequest.call(
			this,
			PUBLIC_CREDENTIAL,
			{
				endpoint: PUBLIC_API.paths[spec.resource].create,
				pathOverride: readPathOption.call(this, itemIndex),
				tenant: readTenant.call(this, itemIndex),
				tenantPlacement: PUBLIC_API.tenant,
				body: entity,
			},
			itemIndex,
		);
		return asJson(response, entity);
	});
}
