import {
	alreadyExpired,
	describeShape,
	noTokenField,
	notAnAnswer,
	oauthError,
	oauthErrorAdvice,
	statusAdvice,
	statusError,
	unreachable,
} from '../../../nodes/shared/token/messages';
import { TOKEN_ERROR_KINDS, TokenError } from '../../../nodes/shared/token/token-error';
import { acmeRequest } from './support/token-request';

const SECRET = 'messages-secret-77';

const request = acmeRequest('https://login.acme.test:8443/oauth/token', SECRET);

function parts(error: TokenError) {
	expect(error).toBeInstanceOf(TokenError);
	expect(Object.keys(TOKEN_ERROR_KINDS)).toContain(error.kind);
	expect(error.message).toBe(`${error.title}. ${error.advice}`);
	expect(error.message).not.toContain(SECRET);
	return {
		title: error.title,
		kind: error.kind,
		advice: error.advice,
		status: error.providerStatus,
	};
}

describe('token messages', () => {
	it('advises per RFC 6749 error code, with a general fallback', () => {
		expect(oauthErrorAdvice('invalid_client')).toBe(
			'Check the Client ID and Client Secret in the credential',
		);
		expect(oauthErrorAdvice('invalid_scope')).toBe('Check the Scope field of the credential');
		expect(oauthErrorAdvice('invalid_target')).toBe('Check the Audience field of the credential');
		expect(oauthErrorAdvice('unsupported_grant_type')).toBe(
			'Check the Token URL: this endpoint does not offer the client-credentials grant',
		);
		expect(oauthErrorAdvice('something_else')).toBe('Check the credential settings');
		expect(oauthErrorAdvice('constructor')).toBe('Check the credential settings');
	});

	it('advises per HTTP status', () => {
		expect(statusAdvice(401)).toBe('Check the Client ID and Client Secret in the credential');
		expect(statusAdvice(403)).toBe('Check the Client ID and Client Secret in the credential');
		expect(statusAdvice(404)).toBe('Check the Token URL in the credential');
		expect(statusAdvice(405)).toBe('Check the Token URL in the credential');
		expect(statusAdvice(400)).toBe('Check the credential settings');
	});

	it('names each body shape', () => {
		expect(describeShape({ kind: 'empty' })).toBe('An empty body');
		expect(describeShape({ kind: 'html' })).toBe('An HTML page');
		expect(describeShape({ kind: 'text', text: 'nope' })).toBe('Plain text');
		expect(describeShape({ kind: 'object', value: {} })).toBe('A JSON body');
	});

	it('says which host could not be reached and how', () => {
		const title = 'Could not reach the Acme token endpoint';
		const check = 'Check the Token URL in the credential and that n8n can reach it.';
		const host = 'login.acme.test:8443';
		expect(parts(unreachable(request, 'ECONNREFUSED', 30_000))).toEqual({
			title,
			kind: 'network',
			advice: `Nothing answers at ${host}. ${check}`,
			status: undefined,
		});
		expect(unreachable(request, 'ENOTFOUND', 30_000).advice).toBe(
			`The host ${host} could not be resolved. ${check}`,
		);
		// The sentence starts with the host, so its first letter is capitalised like any sentence.
		expect(unreachable(request, 'ETIMEDOUT', 30_000).advice).toBe(
			`Login.acme.test:8443 did not answer within 30 s. ${check}`,
		);
		expect(unreachable(request, 'ECONNRESET', 30_000).advice).toBe(
			`The connection to ${host} failed (ECONNRESET). ${check}`,
		);
		expect(unreachable({ ...request, tokenUrl: 'not a url' }, '', 30_000).advice).toBe(
			`The connection to the token URL failed. ${check}`,
		);
	});

	it('turns an OAuth error into rejected, throttled or unavailable, quoting the redacted description', () => {
		expect(
			parts(
				oauthError(request, 401, {
					code: 'invalid_client',
					description: `secret ${SECRET} is wrong`,
				}),
			),
		).toEqual({
			title: 'Acme refused the token request (invalid_client)',
			kind: 'rejected',
			advice:
				'Check the Client ID and Client Secret in the credential. Acme says: "secret [redacted] is wrong".',
			status: 401,
		});
		expect(parts(oauthError(request, 400, { code: 'invalid_scope' }))).toMatchObject({
			kind: 'rejected',
			advice: 'Check the Scope field of the credential.',
		});
		expect(
			parts(
				oauthError(request, 503, { code: 'temporarily_unavailable', description: 'maintenance' }),
			),
		).toEqual({
			title: 'The Acme token endpoint is unavailable (temporarily_unavailable)',
			kind: 'unavailable',
			advice: 'Try again later. Acme says: "maintenance".',
			status: 503,
		});
		const at = Date.UTC(2030, 0, 2, 3, 4, 5);
		expect(parts(oauthError(request, 400, { code: 'slow_down' }, at))).toEqual({
			title: 'Acme is limiting token requests',
			kind: 'throttled',
			advice:
				'Too many token requests for this client or address. Try again after 2030-01-02T03:04:05.000Z.',
			status: 400,
		});
		expect(oauthError(request, 429, { code: 'invalid_request' }).kind).toBe('throttled');
	});

	it('turns a refusal without an OAuth body into advice per status and shape', () => {
		expect(parts(statusError(request, 404, { kind: 'html' }))).toEqual({
			title: 'Acme refused the token request (HTTP 404)',
			kind: 'rejected',
			advice: 'Check the Token URL in the credential. An HTML page came back.',
			status: 404,
		});
		expect(parts(statusError(request, 502, { kind: 'empty' }))).toEqual({
			title: 'The Acme token endpoint failed (HTTP 502)',
			kind: 'unavailable',
			advice: 'The provider had a problem; try again later. An empty body came back.',
			status: 502,
		});
		expect(statusError(request, 429, { kind: 'empty' }).advice).toBe(
			'Too many token requests for this client or address. Try again later.',
		);
	});

	it('explains a 2xx answer without a token', () => {
		expect(parts(notAnAnswer(request, 200, { kind: 'html' }))).toEqual({
			title: 'The Acme token endpoint answered without a token',
			kind: 'protocol',
			advice:
				'An HTML page came back with HTTP 200. Check the Token URL: it should be the OAuth2 token endpoint, not a web page.',
			status: 200,
		});
		const many = Object.fromEntries(
			Array.from({ length: 12 }, (_, i) => [`f${i}`, 'value-not-shown']),
		);
		const listed = noTokenField(request, 200, many);
		expect(parts(listed)).toMatchObject({ kind: 'protocol', status: 200 });
		expect(listed.advice).toBe(
			'No text at "access_token" in the answer (fields: f0, f1, f2, f3, f4, f5, f6, f7, f8, f9). Check the token field setting.',
		);
		expect(listed.advice).not.toContain('value-not-shown');
		expect(noTokenField(request, 200, {}).advice).toContain('(fields: none)');
		expect(noTokenField(request, 200, { [SECRET]: 1 }).advice).toContain('(fields: [redacted])');
	});

	it('explains a token that is already expired', () => {
		expect(parts(alreadyExpired(request))).toEqual({
			title: 'The Acme token endpoint issued a token that has already expired',
			kind: 'protocol',
			advice:
				"The token's exp claim is in the past. Check the clock of the n8n host and of the provider.",
			status: undefined,
		});
	});
});
