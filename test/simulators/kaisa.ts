import {
	type RequestContext,
	Simulator,
	type SimulatorOptions,
	readParams,
	sendEmpty,
	sendJson,
} from './base';
import { tinyMp3, tinyWav } from './kaisa/audio';
import { KaisaWebhookSender } from './kaisa/webhooks';
import {
	CdrStore,
	parseKaisaDateTime,
	type CdrOptions,
	type CdrQuery,
	type CdrSource,
} from './kaisa/cdrs';

export {
	CdrStore,
	kaisaDateTime,
	parseKaisaDateTime,
	DEFAULT_CDR_START,
	DEFAULT_CDR_SPACING_MS,
	recentCdrOptions,
} from './kaisa/cdrs';
export type { CdrOptions, CdrQuery, CdrSource } from './kaisa/cdrs';
export { tinyMp3, tinyWav } from './kaisa/audio';
export {
	KAISA_DEFAULT_MACROS,
	KAISA_RETRY_EVERY_MS,
	KAISA_RETRY_FOR_MS,
	KaisaWebhookSender,
} from './kaisa/webhooks';
export type {
	KaisaCallFields,
	KaisaPostAttempt,
	KaisaPostOptions,
	KaisaPostResult,
} from './kaisa/webhooks';

export const KAISA_PATHS = {
	token: '/oauth2/token',
	/** Resource paths, relative to `/<version>`. */
	ping: '/miscellaneous/ping',
	customers: '/customers',
	sources: '/sources',
	cdrsIn: '/statistics/cdrs',
	cdrsOut: '/statistics/cdrs/out',
	recordings: '/recordings',
	sms: '/textmessages/sms',
} as const;

export const KAISA_TOKEN_LIFETIME_SECONDS = 300;
export const KAISA_MAX_PAGE_SIZE = 1000;

export interface KaisaCustomer {
	customer_id: string;
	name: string;
	custnr: string;
	[field: string]: unknown;
}

export interface KaisaRecording {
	bytes: Buffer;
	/** What the answer says the format is; omitted to make clients look at the bytes. */
	format?: string;
	cdr_id?: string;
}

export interface KaisaSmsRecord {
	sms_id: string;
	customer_id: string;
	from_nr: string;
	to_nr: string;
	msg: string;
}

/** One authenticated API call as the simulator understood it (query and form fields decoded). */
export interface KaisaLoggedCall {
	method: string;
	/** Path under the version prefix, e.g. `/statistics/cdrs`. */
	path: string;
	query: Record<string, string>;
	form: Record<string, string>;
	status: number;
	at: number;
}

export interface KaisaSimulatorOptions extends SimulatorOptions {
	/** API version prefix, e.g. `2.4.9` → `/2.4.9/customers`. */
	version?: string;
	customers?: KaisaCustomer[];
	/** Calls made up on demand (defaults: 20,500 inbound 4 s apart from 2026-01-14 00:00 UTC, 1,200 outbound). */
	cdrs?: CdrOptions;
	/** Replaces the seeded recordings (9001 WAV, 9002 MP3 with ID3, 9003 bare MP3 frame without a format field). */
	recordings?: Record<string, KaisaRecording>;
	/** How many calls `calls` keeps (oldest dropped first). */
	maxLoggedCalls?: number;
}

const CUSTOMER_FIELDS = [
	'name',
	'custnr',
	'email',
	'corporateid',
	...Array.from({ length: 20 }, (_, i) => `custom_${i + 1}`),
];
// `routing_id` stands for a field Kaisa documents to one partner only (the node's 'Other Fields').
const SOURCE_WRITE_FIELDS = [
	'customer_id',
	'destnr',
	'name',
	'campaign_id',
	'class',
	'description',
	'routing_id',
];
const E164 = /^\+[1-9]\d{7,14}$/;

type FieldErrors = Array<{ field?: string; message: string }>;

function seedCustomers(count: number): KaisaCustomer[] {
	return Array.from({ length: count }, (_, i) => ({
		customer_id: String(5000 + i),
		name: `Customer ${i + 1}`,
		custnr: `K-${String(i + 1).padStart(4, '0')}`,
	}));
}

const SOURCE_CLASSES = ['offline', 'online', 'dynamic'];

/** Two tracking numbers per customer: number j belongs to customer j mod C. */
function seedSources(customers: KaisaCustomer[]): CdrSource[] {
	return Array.from({ length: customers.length * 2 }, (_, j) => {
		const customer = customers[j % customers.length];
		return {
			source_id: String(7000 + j),
			customer_id: customer.customer_id,
			custnr: customer.custnr,
			name: `Tracking number ${j + 1}`,
			number: `+468500${String(j).padStart(5, '0')}`,
			destnr: `+46812${String(j).padStart(6, '0')}`,
			class: SOURCE_CLASSES[j % SOURCE_CLASSES.length],
			campaign_id: String(300 + (j % 5)),
			status: j % 10 === 9 ? 'inactive' : 'active',
		};
	});
}

function seedRecordings(): Record<string, KaisaRecording> {
	return {
		'9001': { bytes: tinyWav(), format: 'wav', cdr_id: '100000000' },
		'9002': { bytes: tinyMp3(true), format: 'mp3', cdr_id: '100000005' },
		'9003': { bytes: tinyMp3(false) },
	};
}

/** Freespee OAuth2 token endpoint plus the v2 REST API under a version prefix. */
export class KaisaSimulator extends Simulator {
	readonly version: string;
	readonly customers: KaisaCustomer[];
	readonly sources: CdrSource[];
	readonly cdrs: CdrStore;
	readonly recordings: Record<string, KaisaRecording>;
	readonly sentSms: KaisaSmsRecord[] = [];
	/** Kaisa's webhook integration: posts calls (form or JSON, signed or not) to a URL and retries. */
	readonly webhooks: KaisaWebhookSender;
	/** Authenticated API calls, decoded (bounded by `maxLoggedCalls`). */
	readonly calls: KaisaLoggedCall[] = [];
	/**
	 * Runs after every answered API call under the version prefix (e.g. to move a ManualClock as if
	 * each page took a while).
	 */
	afterApiCall?: (call: KaisaLoggedCall) => void;

	private readonly maxLoggedCalls: number;
	private nextCustomerId: number;
	private nextSourceId: number;

	constructor(options: KaisaSimulatorOptions = {}) {
		super(options);
		this.version = options.version ?? '2.4.9';
		this.customers = options.customers
			? options.customers.map((c) => ({ ...c }))
			: seedCustomers(25);
		this.sources = seedSources(this.customers);
		this.cdrs = new CdrStore(this.customers.slice(), this.sources.slice(), options.cdrs);
		this.webhooks = new KaisaWebhookSender(this.clock, this.cdrs);
		this.recordings = options.recordings ?? seedRecordings();
		this.maxLoggedCalls = options.maxLoggedCalls ?? 5000;
		this.nextCustomerId = 5000 + this.customers.length;
		this.nextSourceId = 7000 + this.sources.length;

		this.addRoute('token', 'POST', KAISA_PATHS.token, (ctx) => this.handleToken(ctx));
		this.addResourceRoute('GET', KAISA_PATHS.ping, (ctx) => sendJson(ctx.res, 200, { ping: 'ok' }));
		this.addResourceRoute('GET', KAISA_PATHS.customers, (ctx) => this.listCustomers(ctx));
		this.addResourceRoute('POST', KAISA_PATHS.customers, (ctx) => this.createCustomer(ctx));
		this.addResourceRoute('PUT', KAISA_PATHS.customers, (ctx) => this.updateCustomer(ctx));
		this.addResourceRoute('DELETE', KAISA_PATHS.customers, (ctx) => this.deleteCustomer(ctx));
		this.addResourceRoute('GET', KAISA_PATHS.sources, (ctx) => this.listSources(ctx));
		this.addResourceRoute('POST', KAISA_PATHS.sources, (ctx) => this.createSource(ctx));
		this.addResourceRoute('GET', KAISA_PATHS.cdrsIn, (ctx) => this.listCdrs(ctx, 'in'));
		this.addResourceRoute('GET', KAISA_PATHS.cdrsOut, (ctx) => this.listCdrs(ctx, 'out'));
		this.addResourceRoute('GET', KAISA_PATHS.recordings, (ctx) => this.getRecording(ctx));
		this.addResourceRoute('POST', KAISA_PATHS.sms, (ctx) => this.sendSms(ctx));
	}

	/** An authenticated route under `/<version>`; a bad or expired token gets 401 with an empty body. */
	addResourceRoute(
		method: string,
		resourcePath: string,
		handler: (ctx: RequestContext) => void | Promise<void>,
	): void {
		this.addRoute('api', method, `/${this.version}${resourcePath}`, async (ctx) => {
			if (!this.validToken(ctx.req)) {
				sendEmpty(ctx.res, 401);
			} else {
				await handler(ctx);
			}
			const form =
				ctx.method === 'POST' || ctx.method === 'PUT' ? (readParams(ctx, ['form']) ?? {}) : {};
			const call: KaisaLoggedCall = {
				method: ctx.method,
				path: resourcePath,
				query: Object.fromEntries(ctx.query),
				form,
				status: ctx.res.statusCode,
				at: this.clock.now(),
			};
			this.calls.push(call);
			if (this.calls.length > this.maxLoggedCalls)
				this.calls.splice(0, this.calls.length - this.maxLoggedCalls);
			this.afterApiCall?.(call);
		});
	}

	/** Calls to one resource path (e.g. `/statistics/cdrs`) that got an answer. */
	callsTo(path: string, method = 'GET'): KaisaLoggedCall[] {
		return this.calls.filter((call) => call.path === path && call.method === method);
	}

	resetStats(): void {
		super.resetStats();
		this.calls.length = 0;
	}

	private handleToken(ctx: RequestContext): void {
		const params = readParams(ctx, ['json', 'form']);
		if (!params) return sendJson(ctx.res, 400, { error: 'invalid_request' });
		if (params.grant_type !== 'client_credentials')
			return sendJson(ctx.res, 400, { error: 'unsupported_grant_type' });
		const client = this.findClient(params.client_id, params.client_secret);
		if (!client) return sendJson(ctx.res, 401, { error: 'invalid_client' });
		const record = this.issueToken({
			clientId: client.clientId,
			lifetimeSeconds: this.tokenLifetime(KAISA_TOKEN_LIFETIME_SECONDS),
		});
		sendJson(ctx.res, 200, {
			access_token: record.token,
			token_type: 'Bearer',
			expires_in: Math.round((record.exp - record.issuedAt) / 1000),
		});
	}

	// ---- customers ----

	private listCustomers(ctx: RequestContext): void {
		const matching = filterBy(this.customers, ctx.query, [
			'customer_id',
			'custnr',
			'corporateid',
			'name',
			'email',
		]);
		sendList(ctx, 'customers', matching);
	}

	private createCustomer(ctx: RequestContext): void {
		const form = readForm(ctx);
		if (!form) return;
		const errors = [
			...unknownFields(form, CUSTOMER_FIELDS),
			...checkCustomer(form, true),
			...this.custnrTaken(form.custnr),
		];
		if (errors.length > 0) return sendErrors(ctx, 400, errors);
		const customer: KaisaCustomer = {
			customer_id: String(this.nextCustomerId++),
			name: form.name,
			custnr: form.custnr,
		};
		for (const field of CUSTOMER_FIELDS)
			if (form[field] !== undefined) customer[field] = form[field];
		this.customers.push(customer);
		sendJson(ctx.res, 201, { customers: [customer] });
	}

	private updateCustomer(ctx: RequestContext): void {
		const form = readForm(ctx);
		if (!form) return;
		if (!form.customer_id)
			return sendErrors(ctx, 400, [{ field: 'customer_id', message: 'customer_id is required' }]);
		const customer = this.customers.find((c) => c.customer_id === form.customer_id);
		if (!customer)
			return sendErrors(ctx, 404, [
				{ field: 'customer_id', message: `No customer with customer_id ${form.customer_id}` },
			]);
		const { customer_id: _id, ...changes } = form;
		const errors = [
			...unknownFields(changes, CUSTOMER_FIELDS),
			...checkCustomer(changes, false),
			...(changes.custnr !== undefined && changes.custnr !== customer.custnr
				? this.custnrTaken(changes.custnr)
				: []),
		];
		if (Object.keys(changes).length === 0) errors.push({ message: 'Nothing to update' });
		if (errors.length > 0) return sendErrors(ctx, 400, errors);
		Object.assign(customer, changes);
		sendJson(ctx.res, 200, { customers: [customer] });
	}

	/** DELETE takes its fields in the query string, like GET. */
	private deleteCustomer(ctx: RequestContext): void {
		const id = ctx.query.get('customer_id');
		if (!id)
			return sendErrors(ctx, 400, [{ field: 'customer_id', message: 'customer_id is required' }]);
		const index = this.customers.findIndex((c) => c.customer_id === id);
		if (index < 0)
			return sendErrors(ctx, 404, [
				{ field: 'customer_id', message: `No customer with customer_id ${id}` },
			]);
		const [removed] = this.customers.splice(index, 1);
		sendJson(ctx.res, 200, { customers: [removed] });
	}

	private custnrTaken(custnr: string | undefined): FieldErrors {
		return custnr !== undefined && this.customers.some((c) => c.custnr === custnr)
			? [{ field: 'custnr', message: `custnr ${custnr} is already used by another customer` }]
			: [];
	}

	// ---- tracking numbers ----

	private listSources(ctx: RequestContext): void {
		const fields = [
			'source_id',
			'customer_id',
			'custnr',
			'destnr',
			'campaign_id',
			'status',
			'class',
		];
		sendList(ctx, 'sources', filterBy(this.sources, ctx.query, fields));
	}

	private createSource(ctx: RequestContext): void {
		const form = readForm(ctx);
		if (!form) return;
		const errors = unknownFields(form, SOURCE_WRITE_FIELDS);
		const customer = this.customers.find((c) => c.customer_id === form.customer_id);
		if (!form.customer_id)
			errors.push({ field: 'customer_id', message: 'customer_id is required' });
		else if (!customer)
			errors.push({
				field: 'customer_id',
				message: `No customer with customer_id ${form.customer_id}`,
			});
		if (!form.destnr) errors.push({ field: 'destnr', message: 'destnr is required' });
		else if (!E164.test(form.destnr))
			errors.push({ field: 'destnr', message: 'destnr must be an E.164 number' });
		if (errors.length > 0 || !customer) return sendErrors(ctx, 400, errors);
		const j = this.nextSourceId++ - 7000;
		const source: CdrSource = {
			source_id: String(7000 + j),
			customer_id: customer.customer_id,
			custnr: customer.custnr,
			name: form.name ?? `Tracking number ${j + 1}`,
			number: `+468500${String(j).padStart(5, '0')}`,
			destnr: form.destnr,
			class: form.class ?? 'offline',
			campaign_id: form.campaign_id ?? '',
			status: 'active',
			...(form.description !== undefined && { description: form.description }),
			...(form.routing_id !== undefined && { routing_id: form.routing_id }),
		};
		this.sources.push(source);
		sendJson(ctx.res, 201, { sources: [source] });
	}

	// ---- calls ----

	private listCdrs(ctx: RequestContext, direction: 'in' | 'out'): void {
		const paging = readPaging(ctx.query);
		if ('error' in paging) return sendErrors(ctx, 400, [{ field: 'page', message: paging.error }]);
		const query: CdrQuery = {
			direction,
			newestFirst: ctx.query.get('newest_first') === '1',
			extended: ctx.query.get('extended') === '1',
		};
		for (const [param, key] of [
			['customer_id', 'customerId'],
			['custnr', 'custnr'],
			['source_id', 'sourceId'],
			['cdr_id', 'cdrId'],
		] as const) {
			const value = ctx.query.get(param);
			if (value !== null) query[key] = value;
		}
		const errors: FieldErrors = [];
		for (const [param, key] of [
			['from_date', 'from'],
			['to_date', 'to'],
		] as const) {
			const text = ctx.query.get(param);
			if (text === null) continue;
			const ms = parseKaisaDateTime(text);
			if (ms === undefined)
				errors.push({ field: param, message: `${param} must be YYYY-MM-DD HH:MM:SS (UTC)` });
			else query[key] = ms;
		}
		if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
			errors.push({ field: 'from_date', message: 'from_date is after to_date' });
		}
		if (errors.length > 0) return sendErrors(ctx, 400, errors);
		const { page, pagesize } = paging;
		const { total, rows } = this.cdrs.page(query, page, pagesize);
		sendJson(ctx.res, 200, {
			cdrs: rows,
			total,
			page,
			pagesize,
			numpages: Math.ceil(total / pagesize),
		});
	}

	// ---- recordings ----

	private getRecording(ctx: RequestContext): void {
		const id = ctx.query.get('recording_id');
		if (!id)
			return sendErrors(ctx, 400, [{ field: 'recording_id', message: 'recording_id is required' }]);
		const recording = this.recordings[id];
		if (!recording)
			return sendErrors(ctx, 404, [
				{ field: 'recording_id', message: `No recording with recording_id ${id}` },
			]);
		sendJson(ctx.res, 200, {
			recordings: [
				{
					recording_id: id,
					...(recording.cdr_id !== undefined && { cdr_id: recording.cdr_id }),
					...(recording.format !== undefined && { format: recording.format }),
					size: recording.bytes.length,
					sounddata: recording.bytes.toString('base64'),
				},
			],
		});
	}

	// ---- SMS ----

	private sendSms(ctx: RequestContext): void {
		const form = readForm(ctx);
		if (!form) return;
		const errors = unknownFields(form, ['customer_id', 'msg', 'from_nr', 'to_nr']);
		if (!this.customers.some((c) => c.customer_id === form.customer_id)) {
			errors.push({
				field: 'customer_id',
				message: `No customer with customer_id ${form.customer_id ?? ''}`,
			});
		}
		if (!form.msg) errors.push({ field: 'msg', message: 'msg is required' });
		for (const field of ['from_nr', 'to_nr']) {
			if (!E164.test(form[field] ?? ''))
				errors.push({ field, message: `${field} must be an E.164 number` });
		}
		if (errors.length > 0) return sendErrors(ctx, 400, errors);
		const sms: KaisaSmsRecord = {
			sms_id: String(80000 + this.sentSms.length),
			customer_id: form.customer_id,
			from_nr: form.from_nr,
			to_nr: form.to_nr,
			msg: form.msg,
		};
		this.sentSms.push(sms);
		sendJson(ctx.res, 201, { textmessages: [{ ...sms, status: 'queued' }] });
	}
}

/** `page` counts from 0; `pagesize` defaults to and is capped at 1000. */
export function readPaging(
	query: URLSearchParams,
): { page: number; pagesize: number } | { error: string } {
	const page = Number(query.get('page') ?? '0');
	const pagesize = Number(query.get('pagesize') ?? String(KAISA_MAX_PAGE_SIZE));
	if (!Number.isInteger(page) || page < 0) return { error: 'page must be an integer >= 0' };
	if (!Number.isInteger(pagesize) || pagesize < 1)
		return { error: 'pagesize must be an integer >= 1' };
	return { page, pagesize: Math.min(pagesize, KAISA_MAX_PAGE_SIZE) };
}

function sendErrors(ctx: RequestContext, status: number, errors: FieldErrors): void {
	sendJson(ctx.res, status, { errors });
}

function sendList(ctx: RequestContext, key: string, rows: unknown[]): void {
	const paging = readPaging(ctx.query);
	if ('error' in paging) return sendErrors(ctx, 400, [{ field: 'page', message: paging.error }]);
	const { page, pagesize } = paging;
	const total = rows.length;
	sendJson(ctx.res, 200, {
		[key]: rows.slice(page * pagesize, (page + 1) * pagesize),
		total,
		page,
		pagesize,
		numpages: Math.ceil(total / pagesize),
	});
}

/** Form fields of a POST/PUT; answers 415 itself when the body is not url-encoded (Kaisa takes forms only). */
function readForm(ctx: RequestContext): Record<string, string> | null {
	const form = readParams(ctx, ['form']);
	if (!form) {
		sendErrors(ctx, 415, [
			{ message: 'POST and PUT take application/x-www-form-urlencoded fields' },
		]);
		return null;
	}
	return form;
}

function filterBy<T extends object>(rows: T[], query: URLSearchParams, fields: string[]): T[] {
	const wanted = fields
		.filter((field) => query.has(field))
		.map((field) => [field, query.get(field)] as const);
	return rows.filter((row) =>
		wanted.every(
			([field, value]) => String((row as Record<string, unknown>)[field] ?? '') === value,
		),
	);
}

function unknownFields(form: Record<string, string>, allowed: string[]): FieldErrors {
	return Object.keys(form)
		.filter((field) => !allowed.includes(field))
		.map((field) => ({ field, message: `Unknown field ${field}` }));
}

function checkCustomer(form: Record<string, string>, creating: boolean): FieldErrors {
	const errors: FieldErrors = [];
	for (const [field, max] of [
		['name', 60],
		['custnr', 45],
	] as const) {
		const value = form[field];
		if (value === undefined || value === '') {
			if (creating || value === '') errors.push({ field, message: `${field} is required` });
		} else if (value.length > max) {
			errors.push({ field, message: `${field} is longer than ${max} characters` });
		}
	}
	if (form.email !== undefined && form.email !== '' && !/^[^\s@]+@[^\s@]+$/.test(form.email)) {
		errors.push({ field: 'email', message: 'email is not a valid address' });
	}
	return errors;
}
