import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { setClock } from '../../nodes/shared/token/clock';
import type { ExecutionResult, Harness } from '../harness/n8n';
import { PROVIDER_SETUPS, type ProviderSetup } from '../workflows/provider-setups';
import {
	createFaultHarness,
	NODE_PATHS,
	NODE_TYPES,
	setupByTitle,
	startRig,
	type NodePath,
	type Rig,
} from './support/rig';

/**
 * Every credential field a user types, filled in wrong, for every credential type that has the
 * field, through both node paths: a clear error naming the field, before any request leaves
 * n8n (the simulator sees nothing), and with Continue On Fail one error item per input item.
 * (test/workflows/credential-errors.test.ts shows a few of these end to end; this is the full grid.)
 */
interface BadInput {
	field: string;
	value: string | number;
	/** The error must match this; it names the field by its label. */
	message: RegExp;
	/** Credential types (setup title prefixes) that have the field. */
	types: string[];
	/** Node paths the field matters to (the HTTP Request node never reads a Base URL). */
	paths?: NodePath[];
}

const ALL_TYPES = ['Genero Public', 'Genero Data', 'Fenergo', 'Kaisa (JSON', 'Setu', 'Generic'];
const TOKEN_URL_TYPES = ['Genero Public', 'Genero Data', 'Fenergo', 'Kaisa (JSON', 'Generic'];
const BASE_URL_TYPES = ['Genero Public', 'Genero Data', 'Fenergo', 'Kaisa (JSON', 'Generic'];

const BAD_INPUTS: BadInput[] = [
	{
		field: 'clientId',
		value: '',
		message: /Client ID is empty.*Enter the Client ID/s,
		types: ALL_TYPES,
	},
	{ field: 'clientId', value: '  \t ', message: /Client ID is empty/, types: ALL_TYPES },
	{
		field: 'clientSecret',
		value: '',
		message: /Client Secret is empty.*Enter the Client Secret/s,
		types: ALL_TYPES,
	},
	{ field: 'clientSecret', value: '   ', message: /Client Secret is empty/, types: ALL_TYPES },
	{
		field: 'tokenUrl',
		value: 'auth.example.com/oauth/token',
		message: /Token URL "auth\.example\.com\/oauth\/token" is not a URL.*https:\/\//s,
		types: TOKEN_URL_TYPES,
	},
	{
		field: 'tokenUrl',
		value: 'not a url',
		message: /Token URL "not a url" is not a URL/,
		types: TOKEN_URL_TYPES,
	},
	{
		field: 'tokenUrl',
		value: 'http://auth.example.com/oauth/token',
		message: /Token URL must use https.*unencrypted/s,
		types: TOKEN_URL_TYPES,
	},
	{
		field: 'tokenUrl',
		value: 'ftp://auth.example.com/token',
		message: /Token URL must use https/,
		types: TOKEN_URL_TYPES,
	},
	// Genero and Kaisa fall back to the provider's own token URL when the field is empty.
	{ field: 'tokenUrl', value: '  ', message: /Token URL is empty/, types: ['Fenergo', 'Generic'] },
	{
		field: 'baseUrl',
		value: 'not a url',
		message: /Base URL "not a url" is not a URL/,
		types: BASE_URL_TYPES,
		paths: ['transport'],
	},
	{
		field: 'baseUrl',
		value: 'http://api.example.com',
		message: /Base URL must use https/,
		types: BASE_URL_TYPES,
		paths: ['transport'],
	},
	// Setu's token URL is {Base URL}/auth/token, so both paths read it.
	{
		field: 'baseUrl',
		value: 'not a url',
		message: /Base URL "not a url" is not a URL/,
		types: ['Setu'],
	},
	{
		field: 'baseUrl',
		value: 'http://fd-mock-backend.setu.co',
		message: /Base URL must use https/,
		types: ['Setu'],
	},
	{ field: 'baseUrl', value: '', message: /Base URL is empty/, types: ['Setu'] },
	{
		field: 'baseUrl',
		value: '',
		message: /Base URL is empty/,
		types: ['Fenergo'],
		paths: ['transport'],
	},
	{
		field: 'tenantId',
		value: 'tenant-1',
		message: /Tenant ID "tenant-1" is not a GUID.*xxxxxxxx-xxxx/s,
		types: ['Fenergo'],
	},
	{
		field: 'tenantId',
		value: '{b11f8be3-f29b-4959-8964-956d4af7c468}',
		message: /Tenant ID .* is not a GUID/,
		types: ['Fenergo'],
	},
	{ field: 'tenantId', value: '', message: /Tenant ID is empty/, types: ['Fenergo'] },
	{
		field: 'extraGrantParameters',
		value: '{resource: x',
		message: /Extra Token Parameters is not valid JSON/,
		types: ['Generic'],
	},
	{
		field: 'extraGrantParameters',
		value: '["resource"]',
		message: /Extra Token Parameters is not a JSON object/,
		types: ['Generic'],
	},
	{
		field: 'extraGrantParameters',
		value: '{"resource": {"id": 1}}',
		message: /Extra Token Parameters has a nested value at "resource"/,
		types: ['Generic'],
	},
	{
		field: 'defaultLifetime',
		value: -60,
		message: /Default Lifetime "-60" is not a positive number/,
		types: ['Generic'],
	},
	{
		field: 'defaultLifetime',
		value: -0.5,
		message: /Default Lifetime "-0\.5" is not a positive number/,
		types: ['Generic'],
	},
	{
		field: 'extraHeaders',
		value: '{x-team: n8n',
		message: /Extra Headers is not valid JSON/,
		types: ['Generic'],
		paths: ['transport'],
	},
	{
		field: 'extraHeaders',
		value: '"x-team"',
		message: /Extra Headers is not a JSON object/,
		types: ['Generic'],
		paths: ['transport'],
	},
];

/**
 * Through n8n's HTTP Request node these are read by the credential's `authenticate`, which n8n
 * calls after `preAuthentication` has fetched the token (see the known-gap tests below).
 */
const LATE_INPUTS: BadInput[] = [
	{
		field: 'extraHeaders',
		value: '{x-team: n8n',
		message: /Extra Headers is not valid JSON/,
		types: ['Generic'],
		paths: ['httpRequestNode'],
	},
	{
		field: 'extraHeaders',
		value: '"x-team"',
		message: /Extra Headers is not a JSON object/,
		types: ['Generic'],
		paths: ['httpRequestNode'],
	},
];

/** Header fields: checked before the token request, naming the field. */
const UNCHECKED_INPUTS: BadInput[] = [
	{ field: 'headerName', value: 'X Api Token', message: /Header Name/, types: ['Generic'] },
];

interface Variant {
	name: string;
	input: BadInput;
	setup: ProviderSetup;
	path: NodePath;
}

function variants(inputs: BadInput[]): Array<[string, Variant]> {
	return inputs.flatMap((input) =>
		input.types.flatMap((title) => {
			const setup = PROVIDER_SETUPS.find((candidate) => candidate.title.startsWith(title));
			if (!setup) throw new Error(`No setup ${title}`);
			return NODE_PATHS.filter((path) => !input.paths || input.paths.includes(path)).map(
				(path): [string, Variant] => {
					const name = `${setup.credentialType.name}.${input.field} = ${JSON.stringify(input.value)} · ${path}`;
					return [name, { name, input, setup, path }];
				},
			);
		}),
	);
}

let harness: Harness;
let rig: Rig | undefined;

beforeAll(async () => {
	harness = await createFaultHarness();
});

afterAll(async () => {
	await harness.close();
});

afterEach(async () => {
	await rig?.close();
	rig = undefined;
	setClock();
});

async function start(variant: Variant, extra: ICredentialDataDecryptedObject = {}): Promise<Rig> {
	rig = await startRig(harness, variant.setup, {
		credential: { [variant.input.field]: variant.input.value, ...extra },
	});
	return rig;
}

const text = (error?: { message?: string; description?: string }) =>
	`${error?.message ?? ''} ${error?.description ?? ''}`;

function expectNothingSent(current: Rig): void {
	expect(current.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
	expect(current.sim.stats).toMatchObject({ tokenRequests: 0, apiRequests: 0 });
}

function expectEveryItemFailed(result: ExecutionResult, items: number, message: RegExp): void {
	expect(result.status).toBe('success');
	const output = result.outputs.Call;
	expect(output.map((item) => item.pairedItem)).toEqual(
		Array.from({ length: items }, (_, item) => ({ item })),
	);
	expect(result.itemErrors.Call).toHaveLength(items);
	for (const itemError of result.itemErrors.Call) expect(text(itemError)).toMatch(message);
}

describe('bad credential input is refused before any request, naming the field', () => {
	test.each(variants(BAD_INPUTS))('%s', async (_name, variant) => {
		const current = await start(variant);

		const stopped = await current.run(variant.path);
		expect(stopped.status).toBe('error');
		expect(text(stopped.error)).toMatch(variant.input.message);
		expectNothingSent(current);

		const continued = await current.run(variant.path, {
			count: 3,
			onError: 'continueRegularOutput',
		});
		expectEveryItemFailed(continued, 3, variant.input.message);
		expectNothingSent(current);
	});
});

describe('bad JSON in Extra Headers through the HTTP Request node', () => {
	test.each(variants(LATE_INPUTS))(
		'%s: a clear error naming the field, no API call',
		async (_name, variant) => {
			const current = await start(variant);

			const stopped = await current.run(variant.path);
			expect(text(stopped.error)).toMatch(variant.input.message);
			const continued = await current.run(variant.path, {
				count: 3,
				onError: 'continueRegularOutput',
			});
			expectEveryItemFailed(continued, 3, variant.input.message);
			expect(current.sim.stats.apiRequests).toBe(0);
		},
	);

	// The HTTP Request node reaches `authenticate` only after preAuthentication, so the provider
	// checks header fields in tokenRequest() too.
	test.each(variants(LATE_INPUTS))(
		'%s: refused before the token request',
		async (_name, variant) => {
			const current = await start(variant);
			await current.run(variant.path);
			expectNothingSent(current);
		},
	);
});

describe('header fields of the generic credential', () => {
	// Without the check, Node.js would refuse the header only after the token fetch, with an error
	// ("ERR_INVALID_HTTP_TOKEN") that points at the Base URL.
	test.each(variants(UNCHECKED_INPUTS))(
		'%s: a clear error naming the field, before any request',
		async (_name, variant) => {
			const current = await start(variant);
			const stopped = await current.run(variant.path);
			expect(text(stopped.error)).toMatch(variant.input.message);
			expectNothingSent(current);
		},
	);
});

describe('values that look wrong but are documented', () => {
	test.each(NODE_PATHS)(
		'Default Lifetime 0 means "not set": the token lives 1 h (%s)',
		async (path) => {
			const setup = PROVIDER_SETUPS.find((candidate) => candidate.title.startsWith('Generic'))!;
			// The generic simulator answers without expires_in here, with an opaque token, so only the setting decides.
			rig = await startRig(harness, setup, { credential: { defaultLifetime: 0 } });
			const current = rig;
			const record = current.mintValidToken(7200);
			current.sim.tokens.set('opaque-token-0', { ...record, token: 'opaque-token-0' });
			current.sim.injectTokenFault({ status: 200, body: { data: { token: 'opaque-token-0' } } });

			expect((await current.run(path)).status).toBe('success');
			current.clock.advance(3300_000 - 1000);
			expect((await current.run(path)).status).toBe('success');
			expect(current.sim.stats.tokenRequests).toBe(1);
			current.clock.advance(2000);
			expect((await current.run(path)).status).toBe('success');
			expect(current.sim.stats.tokenRequests).toBe(2);
		},
	);

	test.each(NODE_PATHS)('spaces around the client id and URLs are trimmed (%s)', async (path) => {
		const setup = PROVIDER_SETUPS.find((candidate) => candidate.title.startsWith('Kaisa (JSON'))!;
		rig = await startRig(harness, setup);
		const current = rig;
		await current.updateCredential({
			clientId: ` ${String(current.credentialData.clientId)}\t`,
			tokenUrl: `  ${String(current.credentialData.tokenUrl)} `,
			baseUrl: ` ${String(current.credentialData.baseUrl)}/ `,
		});
		const result = await current.run(path);
		expect(result.error).toBeUndefined();
		expect(current.sim.stats.tokenRequests).toBe(1);
	});
});

/**
 * The same contract for node fields, once per node (each node's own tests cover its fields in
 * full): refused before any request — not even a token — naming the field, and with Continue On
 * Fail one error item per input item.
 */
interface NodeBadInput {
	node: keyof typeof NODE_TYPES;
	setup: string;
	what: string;
	parameters: INodeParameters;
	message: RegExp;
}

const YESTERDAY = { fromDate: '2026-01-14T00:00:00Z', toDate: '2026-01-15T00:00:00Z' };

const NODE_BAD_INPUTS: NodeBadInput[] = [
	{
		node: 'kaisa',
		setup: 'Kaisa (form',
		what: 'date range reversed',
		parameters: {
			resource: 'call',
			operation: 'getMany',
			fromDate: YESTERDAY.toDate,
			toDate: YESTERDAY.fromDate,
			returnAll: true,
		},
		message: /'From' must be before 'To'/,
	},
	{
		node: 'kaisa',
		setup: 'Kaisa (form',
		what: 'negative limit',
		parameters: {
			resource: 'call',
			operation: 'getMany',
			...YESTERDAY,
			returnAll: false,
			limit: -1,
		},
		message: /'Limit' field must be a whole number of at least 1/,
	},
	{
		node: 'genero',
		setup: 'Genero Public',
		what: 'empty external id',
		parameters: { resource: 'customer', operation: 'create', externalId: '={{ "" }}', name: 'X' },
		message: /The 'External ID' field is empty/,
	},
	{
		node: 'generoDataWarehouse',
		setup: 'Genero Data',
		what: 'negative limit',
		parameters: {
			resource: 'entity',
			operation: 'getMany',
			entity: { __rl: true, mode: 'name', value: 'Customer' },
			mode: 'all',
			returnAll: false,
			limit: -5,
		},
		message: /Limit/,
	},
	{
		node: 'fenergo',
		setup: 'Fenergo',
		what: 'entity id not a GUID',
		parameters: { resource: 'entity', operation: 'get', entityId: 'not-a-guid' },
		message: /The 'Entity ID' field is not a GUID/,
	},
];

describe('node fields (one check per node)', () => {
	test.each(NODE_BAD_INPUTS.map((input) => [`${input.node}: ${input.what}`, input] as const))(
		'%s',
		async (_name, input) => {
			rig = await startRig(harness, setupByTitle(input.setup));
			const current = rig;

			const stopped = await current.runNode('Node', NODE_TYPES[input.node], input.parameters);
			expect(stopped.status).toBe('error');
			expect(text(stopped.error)).toMatch(input.message);
			expectNothingSent(current);

			const continued = await current.runNode('Node', NODE_TYPES[input.node], input.parameters, {
				count: 3,
				onError: 'continueRegularOutput',
			});
			expect(continued.status).toBe('success');
			expect(continued.outputs.Node.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(continued.itemErrors.Node).toHaveLength(3);
			for (const itemError of continued.itemErrors.Node)
				expect(text(itemError)).toMatch(input.message);
			expectNothingSent(current);
		},
	);
});
