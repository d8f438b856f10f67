import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { collectPages, sortOrderValue } from '../../helpers/pager';
import { FENERGO_PATHS } from '../../helpers/paths';
import { pairsOf, plainValues } from '../../helpers/properties';
import { parseJsonObject, readLimit, requireText } from '../../helpers/validation';
import { fenergoRequest } from '../../transport';
import { entityTypeField, limitField, returnAllField, sortByOption, sortOrderOption } from '../common.descriptions';
import { listOutput, pageOf, pager } from './list';

const properties: INodeProperties[] = [
	entityTypeField,
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description: 'The values a duplicate would share, e.g. lastName = Garcia',
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. lastName',
						description: 'The Fenergo property name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	returnAllField,
	limitField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Data Group Properties (JSON)',
				name: 'dataGroupProperties',
				type: 'json',
				default: '{}',
				description: 'Data group values a duplicate would share, e.g. {"taxIdentifiers": {"taxId": "123456", "taxCountry": "IE"}}',
			},
			{
				displayName: 'Exclude Role',
				name: 'excludeRole',
				type: 'string',
				default: '',
				placeholder: 'e.g. Client',
				description: 'Leave out entities with this role',
			},
			sortByOption,
			sortOrderOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['searchForDuplicates'] } }, properties);

interface Input {
	type: string;
	properties: Record<string, string | null>;
	dataGroupProperties?: IDataObject;
	excludeRole?: string;
	limit?: number;
	sortBy?: string;
	sortOrder?: 0 | 1;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Input {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		type: requireText.call(this, this.getNodeParameter('entityType', itemIndex), 'Entity Type', itemIndex),
		properties: plainValues(pairsOf(this.getNodeParameter('properties', itemIndex, {}), 'property')),
		dataGroupProperties: parseJsonObject.call(this, options.dataGroupProperties, 'Data Group Properties (JSON)', itemIndex),
		excludeRole: (options.excludeRole as string | undefined)?.trim() || undefined,
		limit: readLimit.call(this, itemIndex),
		sortBy: (options.sortBy as string | undefined)?.trim() || undefined,
		sortOrder: sortOrderValue(options.sortOrder),
	};
}

/** SearchForDuplicatesDto for one page. */
export function duplicatesData(input: Input, from: number, size: number): IDataObject {
	const dataGroups = input.dataGroupProperties && Object.keys(input.dataGroupProperties).length > 0 ? input.dataGroupProperties : undefined;
	return {
		type: input.type,
		properties: input.properties,
		...(dataGroups && { dataGroupProperties: dataGroups }),
		...(input.excludeRole && { excludeRole: input.excludeRole }),
		pager: pager(from, size, input.sortBy, input.sortOrder),
	};
}

export async function execute(this: IExecuteFunctions, input: Input, itemIndex: number): Promise<IDataObject[]> {
	const items = await collectPages(
		async ({ from, size }) =>
			pageOf(
				await fenergoRequest.call(
					this,
					{ method: 'POST', path: FENERGO_PATHS.searchForDuplicates, data: duplicatesData(input, from, size) },
					itemIndex,
				),
			),
		{ limit: input.limit },
	);
	return listOutput(items);
}
