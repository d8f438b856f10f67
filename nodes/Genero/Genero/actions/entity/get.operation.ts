import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJson, forEachItem, readPathOption, readTenant } from '../../helpers/items';
import { PUBLIC_API } from '../../paths';
import { generoRequest, PUBLIC_CREDENTIAL } from '../../transport/request';
import type { ResourceSpec } from '../resource';
import { externalIdProperty, pathOption, readExternalId } from './fields';
import { optionsCollection } from './options';

export function description(spec: ResourceSpec): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [spec.resource], operation: ['get'] } }, [
		externalIdProperty(spec, `External ID of the ${spec.displayName.toLowerCase()} to get`),
		optionsCollection([pathOption(PUBLIC_API.paths[spec.resource].get.path)]),
	]);
}

export async function execute(this: IExecuteFunctions, spec: ResourceSpec): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const id = readExternalId.call(this, spec, itemIndex);
		const response = await generoRequest.call(
			this,
			PUBLIC_CREDENTIAL,
			{
				endpoint: PUBLIC_API.paths[spec.resource].get,
				values: { externalId: id },
				pathOverride: readPathOption.call(this, itemIndex),
				tenant: readTenant.call(this, itemIndex),
				tenantPlacement: PUBLIC_API.tenant,
			},
			itemIndex,
		);
		return asJson(response);
	});
}
