import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requireInteger } from '../../../shared/parameters/fields';
import { withWarnings } from '../../helpers/envelope';
import { FENERGO_PATHS } from '../../helpers/paths';
import { requireGuid } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import { entityIdField, optionsCollection } from '../common.descriptions';
import { parallelRequestsField } from '../parallel';

const properties: INodeProperties[] = [
	entityIdField,
	optionsCollection([
		{
			displayName: 'Version',
			name: 'version',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description:
				'Read this version of the entity instead of the current one. Fenergo offers this read on its v1 query API only.',
		},
		parallelRequestsField,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entity'], operation: ['get'] } },
	properties,
);

interface Input {
	entityId: string;
	version?: number;
}

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const node = this.getNode();
	const entityId = requireGuid(
		node,
		itemIndex,
		this.getNodeParameter('entityId', itemIndex),
		'Entity ID',
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const version =
		options.version === undefined
			? undefined
			: requireInteger(node, itemIndex, options.version, 'Version', 1);
	return { entityId, version };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	input: Input,
): Promise<IDataObject> {
	const { entityId, version } = input;
	const { data, warnings } = await fenergoRequest.call(
		this,
		{
			method: 'GET',
			path:
				version === undefined
					? FENERGO_PATHS.entity(entityId)
					: FENERGO_PATHS.entityVersion(entityId, version),
			context: { entityId, version },
		},
		itemIndex,
	);
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new NodeOperationError(
			this.getNode(),
			`Fenergo answered without the entity ${entityId}`,
			{
				itemIndex,
				description:
					'The response had no data; try again in a moment (reads can lag behind writes).',
			},
		);
	}
	return withWarnings(data as IDataObject, warnings);
}
