/**
 * Every Fenergo path the node calls, under the credential's base URL. Reads go to the query
 * service, writes to the command service (Fenergo is CQRS: a write shows in reads a little later).
 */
const segment = (value: string | number): string => encodeURIComponent(String(value));

export const FENERGO_PATHS = {
	entity: (entityId: string) => `/entitydataquery/api/v2/entity/${segment(entityId)}`,
	/**
	 * The v2 query spec has no version read; Fenergo documents `GET /{id}/version/{v}` on the v1 query
	 * API (whose OpenAPI document is archived), so this one path is v1.
	 */
	entityVersion: (entityId: string, version: number) =>
		`/entitydataquery/api/entity/${segment(entityId)}/version/${segment(version)}`,
	advancedSearch: '/entitydataquery/api/v2/entity/entityadvancedsearch',
	pagedList: '/entitydataquery/api/v2/entity/getentitiespagedlist',
	searchByName: '/entitydataquery/api/v2/entity/searchbyname',
	searchForDuplicates: '/entitydataquery/api/v2/entity/searchforduplicates',
	createEntity: '/entitydatacommand/api/v2/entity',
	createDraft: (entityId: string) => `/entitydatacommand/api/v2/entity/${segment(entityId)}/draft`,
	updateDraft: (entityId: string, draftId: string) =>
		`/entitydatacommand/api/v2/entity/${segment(entityId)}/draft/${segment(draftId)}`,
	verifyDraft: (entityId: string, draftId: string) =>
		`/entitydatacommand/api/v2/entity/${segment(entityId)}/draft/${segment(draftId)}/verify`,
	rejectDraft: (entityId: string, draftId: string) =>
		`/entitydatacommand/api/v2/entity/${segment(entityId)}/draft/${segment(draftId)}/reject`,
} as const;

/** PagerDto.size maximum in the query spec. */
export const MAX_PAGE_SIZE = 100;

/** The largest Limit the node accepts when Return All is off. */
export const MAX_LIMIT = 10_000;
