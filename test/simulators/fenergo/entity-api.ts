import { randomUUID } from 'node:crypto';

import {
	bodyFormat,
	parseJson,
	sendEmpty,
	sendJson,
	type RequestContext,
	type RouteHandler,
	type SimClock,
} from '../base';
import type { FenergoEntity, FenergoMessage, FenergoProperty } from '../fenergo';
import { fenergoSchemas, type SchemaSet, type ValidationErrorModel } from './schema-validator';

/** Every entity path the simulator serves (query v2, command v2, and the v1 version read). */
export const FENERGO_ENTITY_PATHS = {
	advancedSearch: '/entitydataquery/api/v2/entity/entityadvancedsearch',
	pagedList: '/entitydataquery/api/v2/entity/getentitiespagedlist',
	searchByName: '/entitydataquery/api/v2/entity/searchbyname',
	searchForDuplicates: '/entitydataquery/api/v2/entity/searchforduplicates',
	draftById: '/entitydataquery/api/v2/entity/:entityId/draft/:id',
	/** What the credential's Test calls. */
	indexConfiguration: '/entitydataquery/api/v2/entity-index-configuration',
	/** Not in the v2 query spec; v1 per Fenergo's documentation (the v1 spec is archived). */
	entityVersion: '/entitydataquery/api/entity/:id/version/:version',
	create: '/entitydatacommand/api/v2/entity',
	createDraft: '/entitydatacommand/api/v2/entity/:entityId/draft',
	updateDraft: '/entitydatacommand/api/v2/entity/:entityId/draft/:id',
	verifyDraft: '/entitydatacommand/api/v2/entity/:entityId/draft/:id/verify',
	rejectDraft: '/entitydatacommand/api/v2/entity/:entityId/draft/:id/reject',
} as const;

/** Permissions the spec names per operation (any one of a list suffices). */
export const FENERGO_PERMISSIONS = {
	read: ['EntityDataAccessAndSearch', 'EntityGroupManagementAccessAndSearch'],
	edit: ['EntityDataEdit', 'EntityGroupManagementEdit'],
	approve: ['EntityDataApprove'],
} as const;

const ALL_PERMISSIONS = [
	...FENERGO_PERMISSIONS.read,
	...FENERGO_PERMISSIONS.edit,
	...FENERGO_PERMISSIONS.approve,
];

const READ_SCOPES = ['fenx.all', 'fenx.entitydata.read'];
const WRITE_SCOPES = ['fenx.all', 'fenx.entitydata.write'];

export interface FenergoDraft {
	id: string;
	sourceEntityId: string;
	sourceEntityVersion: number;
	sourcePropertiesVersion: number;
	journeyId: string;
	parentDraftId?: string | null;
	type: string;
	properties: Record<string, FenergoProperty>;
	status: 'InProgress' | 'Verified' | 'Rejected';
	created: string;
	version: number;
}

/** What one list request asked for and got (tests hook in between pages). */
export interface PageEvent {
	path: string;
	tenant: string;
	/** The request's `data`. */
	request: Record<string, unknown>;
	returned: number;
	/** How many list pages the simulator has answered so far, this one included. */
	pageNumber: number;
}

export interface EntityApiOptions {
	/** Permissions of the API client; all by default. */
	permissions?: string[];
	/** Property names "out of scope of the policy": dropped on writes with a Warning. */
	outOfScopeProperties?: string[];
	/** Per-tenant rolling-window limit on the command service (Fenergo: 200 a minute). Off by default. */
	commandRateLimit?: { limit: number; windowMs: number };
}

export interface EntityApiHost {
	clock: SimClock;
	addRoute(kind: 'api', method: string, pattern: string, handler: RouteHandler): void;
	authorize(ctx: RequestContext, anyOfScopes: string[]): string | null;
	entityStore(tenant: string): Map<string, FenergoEntity>;
	tenants: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const errorMessage = (message: string, errorCode: string): FenergoMessage => ({
	message,
	type: 'Error',
	errorCode,
});

const envelope = (data: unknown, messages: FenergoMessage[] = []) => ({ data, messages });

const NOT_FOUND_DRAFT = 'Not Found. Entity/entity draft with given id does not exist';
const CONFLICT =
	'There are conflicts that cannot be resolved automatically, get latest and apply your changes';

/**
 * Fenergo's entity data query and command services over the simulator's entity store: request
 * bodies are validated against the schemas copied from the OpenAPI documents, invalid ones get a
 * 400 with ValidationErrorModel entries and a Fenergo `messages` list.
 */
export class FenergoEntityApi {
	readonly permissions: Set<string>;
	readonly outOfScopeProperties: Set<string>;
	commandRateLimit?: { limit: number; windowMs: number };
	/** Called after a list page is computed, before it is sent (tests move the clock here). */
	onPage?: (page: PageEvent) => void;
	pagesServed = 0;

	private readonly drafts = new Map<string, Map<string, FenergoDraft>>();
	private readonly history = new Map<string, Map<string, FenergoEntity[]>>();
	private readonly commandCalls = new Map<string, number[]>();
	private readonly schemas = fenergoSchemas();

	constructor(
		private readonly host: EntityApiHost,
		options: EntityApiOptions = {},
	) {
		this.permissions = new Set(options.permissions ?? ALL_PERMISSIONS);
		this.outOfScopeProperties = new Set(options.outOfScopeProperties ?? ['notInPolicy']);
		this.commandRateLimit = options.commandRateLimit;
		for (const tenant of host.tenants) {
			this.drafts.set(tenant, new Map());
			this.history.set(tenant, new Map());
			for (const entity of host.entityStore(tenant).values()) this.snapshot(tenant, entity);
		}
		this.registerRoutes();
	}

	/** The drafts of one tenant (tests read and seed them). */
	draftStore(tenant: string): Map<string, FenergoDraft> {
		const store = this.drafts.get(tenant.toLowerCase());
		if (!store) throw new Error(`Unknown tenant ${tenant}`);
		return store;
	}

	/** Every version an entity had, oldest first. */
	versions(tenant: string, entityId: string): FenergoEntity[] {
		return this.history.get(tenant.toLowerCase())?.get(entityId) ?? [];
	}

	private registerRoutes(): void {
		const P = FENERGO_ENTITY_PATHS;
		const route = (
			method: string,
			path: string,
			scopes: string[],
			permissions: readonly string[],
			handler: (ctx: RequestContext, tenant: string) => void,
		) =>
			this.host.addRoute('api', method, path, (ctx) => {
				const tenant = this.host.authorize(ctx, scopes);
				if (!tenant || !this.permitted(ctx, permissions)) return;
				if (scopes === WRITE_SCOPES && !this.withinCommandLimit(ctx, tenant)) return;
				handler(ctx, tenant);
			});
		const { read, edit, approve } = FENERGO_PERMISSIONS;
		route('POST', P.advancedSearch, READ_SCOPES, read, (ctx, tenant) =>
			this.advancedSearch(ctx, tenant),
		);
		route('POST', P.pagedList, READ_SCOPES, read, (ctx, tenant) => this.pagedList(ctx, tenant));
		route('POST', P.searchByName, READ_SCOPES, read, (ctx, tenant) =>
			this.searchByName(ctx, tenant),
		);
		route('POST', P.searchForDuplicates, READ_SCOPES, read, (ctx, tenant) =>
			this.searchForDuplicates(ctx, tenant),
		);
		route('GET', P.draftById, READ_SCOPES, read, (ctx, tenant) => this.getDraft(ctx, tenant));
		route('GET', P.indexConfiguration, READ_SCOPES, ['EntityDataAccessAndSearch'], (ctx) =>
			this.indexConfiguration(ctx),
		);
		route('GET', P.entityVersion, READ_SCOPES, read, (ctx, tenant) => this.getVersion(ctx, tenant));
		route('POST', P.create, WRITE_SCOPES, edit, (ctx, tenant) => this.create(ctx, tenant));
		route('POST', P.createDraft, WRITE_SCOPES, edit, (ctx, tenant) =>
			this.createDraft(ctx, tenant),
		);
		route('PUT', P.updateDraft, WRITE_SCOPES, edit, (ctx, tenant) => this.updateDraft(ctx, tenant));
		route('PUT', P.verifyDraft, WRITE_SCOPES, approve, (ctx, tenant) =>
			this.verifyDraft(ctx, tenant),
		);
		route('PUT', P.rejectDraft, WRITE_SCOPES, approve, (ctx, tenant) =>
			this.rejectDraft(ctx, tenant),
		);
	}

	// ---- query service ----

	private advancedSearch(ctx: RequestContext, tenant: string): void {
		const data = this.body(ctx, this.schemas.query, 'EntityAdvancedSearchDtoServiceRequest');
		if (!data) return;
		const filters = data.properties as Record<string, { value?: string | null }>;
		const matches = this.entities(tenant).filter(
			(entity) =>
				entity.type.toLowerCase() === String(data.type).toLowerCase() &&
				Object.entries(filters).every(([name, filter]) => {
					if (filter.value === undefined || filter.value === null) return true;
					const value = entity.properties[name]?.value;
					return (
						typeof value === 'string' && value.toLowerCase().includes(filter.value.toLowerCase())
					);
				}),
		);
		const { items, total } = this.page(matches, data.pager as Json);
		this.sendPage(ctx, tenant, data, { items, totalItems: total }, items.length);
	}

	private pagedList(ctx: RequestContext, tenant: string): void {
		const data = this.body(ctx, this.schemas.query, 'EntityQueryPagedDtoServiceRequest');
		if (!data) return;
		const pager = (data.pager as Json | null | undefined) ?? {};
		let matches = this.entities(tenant);
		if (typeof data.searchAfter === 'string' && data.searchAfter !== '') {
			const sortBy = (pager.sortBy as string | undefined) ?? 'created';
			if (sortBy !== 'created') {
				this.badRequest(ctx, [
					{
						propertyName: 'data.searchAfter',
						errorMessage: "'SearchAfter' needs the list sorted by 'created'.",
						attemptedValue: data.searchAfter,
						errorCode: 'PredicateValidator',
					},
				]);
				return;
			}
			const after = data.searchAfter;
			const descending = pager.sortOrder === 1;
			matches = matches.filter((entity) => {
				const created = typeof entity.created === 'string' ? entity.created : '';
				return descending ? created < after : created > after;
			});
		}
		const { items, total } = this.page(matches, pager);
		this.sendPage(ctx, tenant, data, { items, total }, items.length);
	}

	private searchByName(ctx: RequestContext, tenant: string): void {
		const data = this.body(ctx, this.schemas.query, 'EntitySearchByNameDtoServiceRequest');
		if (!data) return;
		const wanted = typeof data.name === 'string' ? data.name.toLowerCase() : '';
		const matches = this.entities(tenant).filter((entity) =>
			displayName(entity).toLowerCase().includes(wanted),
		);
		const { items } = this.page(matches, (data.pager as Json | null | undefined) ?? {});
		this.sendPage(ctx, tenant, data, items, items.length);
	}

	private searchForDuplicates(ctx: RequestContext, tenant: string): void {
		const data = this.body(ctx, this.schemas.query, 'SearchForDuplicatesDtoServiceRequest');
		if (!data) return;
		const wanted = (data.properties as Record<string, string | null> | null | undefined) ?? {};
		const matches = this.entities(tenant).filter(
			(entity) =>
				entity.type.toLowerCase() === String(data.type).toLowerCase() &&
				(typeof data.excludeRole !== 'string' ||
					(entity.role as { name?: string } | undefined)?.name !== data.excludeRole) &&
				Object.entries(wanted).every(([name, value]) => {
					const actual = entity.properties[name]?.value;
					return (
						value === null ||
						(typeof actual === 'string' && actual.toLowerCase() === value.toLowerCase())
					);
				}),
		);
		const { items, total } = this.page(matches, (data.pager as Json | null | undefined) ?? {});
		this.sendPage(ctx, tenant, data, { items, total }, items.length);
	}

	private getDraft(ctx: RequestContext, tenant: string): void {
		const draft = this.draftStore(tenant).get(ctx.params.id);
		if (!draft || draft.sourceEntityId !== ctx.params.entityId) {
			sendJson(ctx.res, 404, envelope(null, [errorMessage(NOT_FOUND_DRAFT, 'NotFound')]));
			return;
		}
		sendJson(ctx.res, 200, envelope(structuredClone(draft)));
	}

	/** EntityIndexConfigurationDto list: the properties the searches index. */
	private indexConfiguration(ctx: RequestContext): void {
		const indexed = [
			['Individual', 'firstName'],
			['Individual', 'lastName'],
			['Individual', 'countryOfResidence'],
			['Company', 'legalEntityName'],
			['Company', 'countryOfIncorporation'],
		];
		sendJson(
			ctx.res,
			200,
			envelope(
				indexed.map(([entityType, propertyName], index) => ({
					id: `00000000-0000-4000-9000-${String(index + 1).padStart(12, '0')}`,
					entityType,
					propertyName,
					reindexingStatus: 'Complete',
					jurisdiction: 'Global',
				})),
			),
		);
	}

	private getVersion(ctx: RequestContext, tenant: string): void {
		const version = Number(ctx.params.version);
		const found = Number.isInteger(version)
			? this.versions(tenant, ctx.params.id).find((entry) => entry.version === version)
			: undefined;
		if (!found) {
			const known = this.host.entityStore(tenant).has(ctx.params.id);
			const text = known
				? `Not Found. Entity version ${ctx.params.version} does not exist`
				: 'Not Found. Entity with given id does not exist';
			sendJson(ctx.res, 404, envelope(null, [errorMessage(text, 'NotFound')]));
			return;
		}
		sendJson(ctx.res, 200, envelope(structuredClone(found)));
	}

	// ---- command service ----

	private create(ctx: RequestContext, tenant: string): void {
		const data = this.body(ctx, this.schemas.command, 'CreateEntityRequestV2DtoServiceRequest');
		if (!data) return;
		// The spec marks `type` nullable, but an entity without a type has no policy; the simulator refuses it.
		if (typeof data.type !== 'string' || data.type === '') {
			this.badRequest(ctx, [
				{
					propertyName: 'data.type',
					errorMessage: "'Type' must not be empty.",
					attemptedValue: data.type ?? null,
					errorCode: 'NotEmptyValidator',
				},
			]);
			return;
		}
		const { kept, warnings } = this.inScope(
			(data.properties as Record<string, FenergoProperty> | null | undefined) ?? {},
		);
		const now = new Date(this.host.clock.now()).toISOString();
		const entity: FenergoEntity = {
			id: randomUUID(),
			type: data.type,
			properties: kept,
			status: 0,
			lifecycleStatus: 'OnboardingInProgress',
			created: now,
			version: 1,
			propertiesVersion: 1,
			...(typeof data.targetEntity === 'string' && {
				role: { name: data.targetEntity === 'Client' ? 'Client' : 'Related Party' },
			}),
			...(typeof data.alternateId === 'string' && { alternateId: data.alternateId }),
			...(isObject(data.accessLayers) && { accessLayers: data.accessLayers }),
		};
		this.host.entityStore(tenant).set(entity.id, entity);
		this.snapshot(tenant, entity);
		sendJson(ctx.res, 202, envelope({ id: entity.id }, warnings));
	}

	private createDraft(ctx: RequestContext, tenant: string): void {
		const data = this.body(ctx, this.schemas.command, 'CreateEntityDraftDtoServiceRequest');
		if (!data) return;
		// "Contains required Journey id to define entity draft" (the schema itself lists no required fields).
		if (typeof data.journeyId !== 'string') {
			this.badRequest(ctx, [
				{
					propertyName: 'data.journeyId',
					errorMessage: "'Journey Id' must not be empty.",
					attemptedValue: null,
					errorCode: 'NotEmptyValidator',
				},
			]);
			return;
		}
		const entity = this.host.entityStore(tenant).get(ctx.params.entityId);
		if (!entity) {
			sendJson(
				ctx.res,
				404,
				envelope(null, [
					errorMessage('Not found. Entity does not exist or has been deleted', 'NotFound'),
				]),
			);
			return;
		}
		const draft: FenergoDraft = {
			id: randomUUID(),
			sourceEntityId: entity.id,
			sourceEntityVersion: versionOf(entity),
			sourcePropertiesVersion:
				typeof entity.propertiesVersion === 'number' ? entity.propertiesVersion : 1,
			journeyId: data.journeyId,
			parentDraftId: (data.parentDraftId as string | null | undefined) ?? null,
			type: entity.type,
			properties: structuredClone(entity.properties),
			status: 'InProgress',
			created: new Date(this.host.clock.now()).toISOString(),
			version: 1,
		};
		this.draftStore(tenant).set(draft.id, draft);
		sendJson(ctx.res, 202, envelope(structuredClone(draft)));
	}

	private updateDraft(ctx: RequestContext, tenant: string): void {
		const data = this.body(
			ctx,
			this.schemas.command,
			'UpdateEntityDraftRequestV3DtoServiceRequest',
		);
		if (!data) return;
		const draft = this.editableDraft(ctx, tenant, data);
		if (!draft) return;
		const { kept, warnings } = this.inScope(
			(data.properties as Record<string, FenergoProperty> | null | undefined) ?? {},
		);
		Object.assign(draft.properties, kept);
		draft.version++;
		sendJson(
			ctx.res,
			202,
			envelope({ version: draft.version, hasValidationErrors: false }, warnings),
		);
	}

	private verifyDraft(ctx: RequestContext, tenant: string): void {
		const data = this.body(ctx, this.schemas.command, 'ConflictResolutionsDtoServiceRequest');
		if (!data) return;
		const draft = this.editableDraft(ctx, tenant, data);
		if (!draft) return;
		const entity = this.host.entityStore(tenant).get(draft.sourceEntityId) as FenergoEntity;
		const resolutions =
			(data.dataConflictResolutions as Record<string, FenergoProperty> | null | undefined) ??
			undefined;
		if (versionOf(entity) !== draft.sourceEntityVersion && !resolutions) {
			sendJson(ctx.res, 409, envelope(null, [errorMessage(CONFLICT, 'CONFLICT')]));
			return;
		}
		entity.properties = { ...entity.properties, ...draft.properties, ...resolutions };
		entity.version = versionOf(entity) + 1;
		entity.propertiesVersion =
			(typeof entity.propertiesVersion === 'number' ? entity.propertiesVersion : 1) + 1;
		this.snapshot(tenant, entity);
		draft.status = 'Verified';
		sendEmpty(ctx.res, 202);
	}

	private rejectDraft(ctx: RequestContext, tenant: string): void {
		const data = this.body(ctx, this.schemas.command, 'RejectEntityDraftDtoServiceRequest');
		if (!data) return;
		const draft = this.editableDraft(ctx, tenant, data);
		if (!draft) return;
		draft.status = 'Rejected';
		sendEmpty(ctx.res, 202);
	}

	// ---- helpers ----

	/** The draft named by the path, still in progress and at the version the request expects; replies otherwise. */
	private editableDraft(ctx: RequestContext, tenant: string, data: Json): FenergoDraft | null {
		const draft = this.draftStore(tenant).get(ctx.params.id);
		if (
			!draft ||
			draft.sourceEntityId !== ctx.params.entityId ||
			!this.host.entityStore(tenant).has(ctx.params.entityId)
		) {
			sendJson(ctx.res, 404, envelope(null, [errorMessage(NOT_FOUND_DRAFT, 'NotFound')]));
			return null;
		}
		if (draft.status !== 'InProgress') {
			sendJson(
				ctx.res,
				400,
				envelope(null, [
					errorMessage(
						`Entity draft is ${draft.status} and can no longer be changed`,
						'DRAFT_NOT_EDITABLE',
					),
				]),
			);
			return null;
		}
		const expected = typeof data.version === 'number' ? data.version : -1;
		if (expected !== -1 && expected !== draft.version) {
			sendJson(ctx.res, 409, envelope(null, [errorMessage(CONFLICT, 'CONFLICT')]));
			return null;
		}
		return draft;
	}

	/** The request's `data`, validated; null after answering 400. */
	private body(ctx: RequestContext, schemas: SchemaSet, schemaName: string): Json | null {
		const parsed = bodyFormat(ctx.headers) === 'json' ? parseJson(ctx.body) : undefined;
		if (!isObject(parsed)) {
			sendJson(
				ctx.res,
				400,
				envelope(null, [errorMessage('A non-empty request body is required.', 'INVALID_REQUEST')]),
			);
			return null;
		}
		if (!isObject(parsed.data)) {
			this.badRequest(ctx, [
				{
					propertyName: 'data',
					errorMessage: 'Data is required',
					attemptedValue: parsed.data ?? null,
					errorCode: 'NotNullValidator',
				},
			]);
			return null;
		}
		const errors = schemas.validate(parsed, schemaName);
		if (errors.length > 0) {
			this.badRequest(ctx, errors);
			return null;
		}
		return parsed.data;
	}

	private badRequest(ctx: RequestContext, errors: ValidationErrorModel[]): void {
		const text = errors.map((entry) => `${entry.propertyName}: ${entry.errorMessage}`).join(' ');
		sendJson(ctx.res, 400, {
			data: errors,
			messages: [errorMessage(`Validation failed. ${text}`, 'VALIDATION_ERROR')],
		});
	}

	private permitted(ctx: RequestContext, anyOf: readonly string[]): boolean {
		if (anyOf.some((permission) => this.permissions.has(permission))) return true;
		const text =
			anyOf.length === 1
				? `Access denied. Following permissions are required: ${anyOf[0]}`
				: `Access denied. At least one of the following permissions is required: ${anyOf.join(', ')}`;
		sendJson(
			ctx.res,
			403,
			envelope(null, [{ message: text, type: 'Forbidden', errorCode: 'PermissionDenied' }]),
		);
		return false;
	}

	/** Rolling window per tenant; answers 429 with X-Rate-Limit-* headers (reset in seconds) when full. */
	private withinCommandLimit(ctx: RequestContext, tenant: string): boolean {
		const limit = this.commandRateLimit;
		if (!limit) return true;
		const now = this.host.clock.now();
		const recent = (this.commandCalls.get(tenant) ?? []).filter((at) => at > now - limit.windowMs);
		this.commandCalls.set(tenant, recent);
		if (recent.length >= limit.limit) {
			const reset = Math.max(1, Math.ceil((recent[0] + limit.windowMs - now) / 1000));
			sendJson(
				ctx.res,
				429,
				envelope(null, [
					errorMessage(
						'Too many requests. The rate limit of the Entity Data Command API was exceeded',
						'TOO_MANY_REQUESTS',
					),
				]),
				{
					'x-rate-limit-limit': String(limit.limit),
					'x-rate-limit-remaining': '0',
					'x-rate-limit-reset': String(reset),
				},
			);
			return false;
		}
		recent.push(now);
		return true;
	}

	private inScope(properties: Record<string, FenergoProperty>): {
		kept: Record<string, FenergoProperty>;
		warnings: FenergoMessage[];
	} {
		const dropped = Object.keys(properties).filter((name) => this.outOfScopeProperties.has(name));
		const kept = Object.fromEntries(
			Object.entries(properties).filter(([name]) => !this.outOfScopeProperties.has(name)),
		);
		const warnings: FenergoMessage[] =
			dropped.length > 0
				? [
						{
							message: `Some sent properties were out of scope and not updated: ${dropped.join(', ')}`,
							type: 'Warning',
							errorCode: 'OUT_OF_SCOPE',
						},
					]
				: [];
		return { kept, warnings };
	}

	private entities(tenant: string): FenergoEntity[] {
		return [...this.host.entityStore(tenant).values()];
	}

	/** Sorts by `pager.sortBy` (a top-level field or a property name; default `created`) and cuts the page. */
	private page(matches: FenergoEntity[], pager: Json): { items: FenergoEntity[]; total: number } {
		const sortBy =
			typeof pager.sortBy === 'string' && pager.sortBy !== '' ? pager.sortBy : 'created';
		const direction = pager.sortOrder === 1 ? -1 : 1;
		const key = (entity: FenergoEntity): string => {
			const top = entity[sortBy];
			if (typeof top === 'string' || typeof top === 'number') return String(top);
			const property = entity.properties[sortBy]?.value;
			return typeof property === 'string' ? property : '';
		};
		const sorted = [...matches].sort(
			(a, b) => direction * (key(a).localeCompare(key(b)) || a.id.localeCompare(b.id)),
		);
		const from = typeof pager.from === 'number' ? pager.from : 0;
		const size = typeof pager.size === 'number' ? pager.size : 10;
		return {
			items: sorted.slice(from, from + size).map((entity) => structuredClone(entity)),
			total: sorted.length,
		};
	}

	private sendPage(
		ctx: RequestContext,
		tenant: string,
		request: Json,
		data: unknown,
		returned: number,
	): void {
		this.pagesServed++;
		this.onPage?.({ path: ctx.path, tenant, request, returned, pageNumber: this.pagesServed });
		sendJson(ctx.res, 200, envelope(data));
	}

	private snapshot(tenant: string, entity: FenergoEntity): void {
		const versions = this.history.get(tenant) as Map<string, FenergoEntity[]>;
		const list = versions.get(entity.id) ?? [];
		list.push({ ...structuredClone(entity), version: versionOf(entity) });
		versions.set(entity.id, list);
	}
}

function versionOf(entity: FenergoEntity): number {
	return typeof entity.version === 'number' ? entity.version : 1;
}

function displayName(entity: FenergoEntity): string {
	const value = (name: string) => entity.properties[name]?.value ?? '';
	return value('legalEntityName') || `${value('firstName')} ${value('lastName')}`.trim();
}
