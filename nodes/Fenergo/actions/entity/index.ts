import type { INodeProperties } from 'n8n-workflow';

import type { FenergoOperations } from '../node.type';
import * as create from './create.operation';
import * as createDraft from './createDraft.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as rejectDraft from './rejectDraft.operation';
import * as search from './search.operation';
import * as searchByName from './searchByName.operation';
import * as searchForDuplicates from './searchForDuplicates.operation';
import * as updateDraft from './updateDraft.operation';
import * as verifyDraft from './verifyDraft.operation';

export const operations: FenergoOperations<'entity'> = {
	create,
	createDraft,
	get,
	getMany,
	rejectDraft,
	search,
	searchByName,
	searchForDuplicates,
	updateDraft,
	verifyDraft,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entity'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an entity',
				action: 'Create an entity',
			},
			{
				name: 'Create Draft',
				value: 'createDraft',
				description: 'Open a draft of an entity in a journey',
				action: 'Create a draft of an entity',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an entity by ID, optionally a given version',
				action: 'Get an entity',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List entities page by page',
				action: 'Get many entities',
			},
			{
				name: 'Reject Draft',
				value: 'rejectDraft',
				description: 'Reject an entity draft so it is never merged',
				action: 'Reject an entity draft',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find entities of a type by property values',
				action: 'Search entities',
			},
			{
				name: 'Search by Name',
				value: 'searchByName',
				description: 'Find entities by name',
				action: 'Search entities by name',
			},
			{
				name: 'Search for Duplicates',
				value: 'searchForDuplicates',
				description: 'Find entities that share the given values',
				action: 'Search for duplicate entities',
			},
			{
				name: 'Update Draft',
				value: 'updateDraft',
				description: 'Change the properties of an entity draft',
				action: 'Update an entity draft',
			},
			{
				name: 'Verify Draft',
				value: 'verifyDraft',
				description: 'Verify an entity draft, merging it into the entity',
				action: 'Verify an entity draft',
			},
		],
		default: 'get',
	},
	...create.description,
	...createDraft.description,
	...get.description,
	...getMany.description,
	...rejectDraft.description,
	...search.description,
	...searchByName.description,
	...searchForDuplicates.description,
	...updateDraft.description,
	...verifyDraft.description,
];
