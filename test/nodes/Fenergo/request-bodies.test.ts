import { createData } from '../../../nodes/Fenergo/actions/entity/create.operation';
import { pagedListData } from '../../../nodes/Fenergo/actions/entity/getMany.operation';
import { searchData } from '../../../nodes/Fenergo/actions/entity/search.operation';
import { duplicatesData } from '../../../nodes/Fenergo/actions/entity/searchForDuplicates.operation';
import { mergeProperties, searchFilters } from '../../../nodes/Fenergo/helpers/properties';
import { fenergoSchemas } from '../../simulators/fenergo/schema-validator';

/** The node's request bodies, checked against the schemas copied from Fenergo's OpenAPI documents. */
describe('request bodies the node builds', () => {
	const { query, command } = fenergoSchemas();

	it('advanced search: EntityAdvancedSearchDto with its discriminator, pager and properties', () => {
		const data = searchData(
			{
				type: 'Individual',
				filters: searchFilters([{ name: 'firstName', value: 'Tom', boost: 20 }], undefined),
				minScore: 10,
				sortBy: 'created',
				sortOrder: 1,
			},
			100,
			50,
		);
		expect(data).toEqual({
			discriminator: 'EntityAdvancedSearchDto',
			type: 'Individual',
			properties: { firstName: { value: 'Tom', boost: 20 } },
			pager: { from: 100, size: 50, sortBy: 'created', sortOrder: 1 },
			minScore: 10,
		});
		expect(query.validate({ data }, 'EntityAdvancedSearchDtoServiceRequest')).toEqual([]);
	});

	it('paged list: EntityQueryPagedDto with searchAfter', () => {
		const data = pagedListData(
			{ paging: 'searchAfter', sortBy: 'created' },
			0,
			100,
			'2025-01-01T01:39:00.000Z',
		);
		expect(data).toEqual({
			pager: { from: 0, size: 100, sortBy: 'created' },
			searchAfter: '2025-01-01T01:39:00.000Z',
		});
		expect(query.validate({ data }, 'EntityQueryPagedDtoServiceRequest')).toEqual([]);
	});

	it('duplicates: SearchForDuplicatesDto with plain values and data groups', () => {
		const data = duplicatesData(
			{
				type: 'Company',
				properties: { legalEntityName: 'Acme' },
				dataGroupProperties: { taxIdentifiers: { taxId: '1', taxCountry: 'IE' } },
				excludeRole: 'Client',
			},
			0,
			10,
		);
		expect(query.validate({ data }, 'SearchForDuplicatesDtoServiceRequest')).toEqual([]);
	});

	it('create: CreateEntityRequestV2Dto with typed properties', () => {
		const data = createData(
			'Individual',
			mergeProperties([{ name: 'firstName', value: 'Ada' }], {
				addresses: {
					type: 'Collection',
					dataGroupId: '674ccef1-cfdc-46af-97f8-340b24ab7f43',
					collections: {},
				},
			}),
			{
				targetEntity: 'Related Party',
				category: 'Basic Details, Enrich Details',
				policyJurisdictions: 'Global',
				alternateId: ' crm-1 ',
			},
		);
		expect(data).toMatchObject({
			category: ['Basic Details', 'Enrich Details'],
			policyJurisdictions: ['Global'],
			alternateId: 'crm-1',
		});
		expect(command.validate({ data }, 'CreateEntityRequestV2DtoServiceRequest')).toEqual([]);
	});
});
