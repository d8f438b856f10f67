import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Provider } from './providers';
import type { ProbeAdvice } from './providers/provider';
import { clock } from './token/clock';
import type { HttpRequester } from './token/exchange';
import type { TokenRequest } from './token/profile';
import { redact } from './token/token-error';

/**
 * n8n's "Test" button reports a failed test call by its HTTP status text alone ("Not Found").
 * To name the field to check instead, our credentials' test call carries this header:
 * 1. `authenticate` sees it for the first time and answers with a 401-shaped signal, on which n8n
 *    runs `preAuthentication` again (it does so for any 401);
 * 2. that `preAuthentication` sends the probe call itself and, if the API refuses it with 401,
 *    403 or 404, throws a message naming the field and the provider's own words;
 * 3. otherwise the test call goes out as usual (the header removed).
 */
export const CREDENTIAL_TEST_HEADER = 'x-n8n-credential-test';
export const CREDENTIAL_TEST_HEADERS = { [CREDENTIAL_TEST_HEADER]: 'probe' };

/** How long step 1's mark waits for step 2 (n8n runs them back to back). */
const STEP_TTL_MS = 60_000;
const PROBE_TIMEOUT_MS = 15_000;
const MAX_PROVIDER_TEXT = 300;

type Step = { phase: 'probe' | 'passed'; at: number };
const steps = new Map<string, Step>();

function current(key: string): Step['phase'] | undefined {
	const step = steps.get(key);
	if (!step) return undefined;
	if (clock.now() - step.at <= STEP_TTL_MS) return step.phase;
	steps.delete(key);
	return undefined;
}

function mark(key: string, phase: Step['phase']): void {
	if (steps.size > 1000) steps.clear();
	steps.set(key, { phase, at: clock.now() });
}

/** True when the request is n8n's credential test call (the header, any case). */
export function isCredentialTestCall(headers: unknown): boolean {
	if (!headers || typeof headers !== 'object') return false;
	return Object.keys(headers).some((name) => name.toLowerCase() === CREDENTIAL_TEST_HEADER);
}

/** The headers without our marker, for the call that goes out. */
export function withoutTestHeader(headers: IDataObject | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(headers ?? {}))
		if (name.toLowerCase() !== CREDENTIAL_TEST_HEADER) out[name] = value;
	return out;
}

/**
 * Step 1 (in `authenticate`): true when the probe still has to run, i.e. `authenticate` must ask
 * n8n for the second `preAuthentication`; false once the probe passed (the call may go out).
 */
export function testNeedsProbe(key: string): boolean {
	if (current(key) === 'passed') {
		steps.delete(key);
		return false;
	}
	mark(key, 'probe');
	return true;
}

/** Step 2 (in `preAuthentication`): whether this run is the one step 1 asked for. */
export function probeRequested(key: string): boolean {
	return current(key) === 'probe';
}

/**
 * A refused credential test call. A plain Error without `response`, `code`, `httpCode` or
 * `description`, so that n8n's credential test shows this message as it is.
 */
export class CredentialTestError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialTestError';
	}
}

const DEFAULT_ADVICE: Required<ProbeAdvice> = {
	401: 'The token was issued, but the API does not accept it: check the scopes and audience the client is granted',
	403: "The token works, but this client may not read this: check the client's permissions at the provider",
	404: 'Check the Base URL, including the API version in it',
};

interface ProbeAnswer {
	statusCode: number;
	body?: unknown;
}

/**
 * Step 2: sends the provider's probe call with the token and throws CredentialTestError when the
 * API answers 401, 403 or 404; anything else lets the test call go out and speak for itself.
 */
export async function probeForTest(
	provider: Provider,
	credentials: ICredentialDataDecryptedObject,
	request: TokenRequest,
	accessToken: string,
	http: HttpRequester,
	key: string,
): Promise<void> {
	steps.delete(key);
	const probe = provider.probe(credentials);
	if (!probe) {
		mark(key, 'passed');
		return;
	}
	const base = provider.baseUrl(credentials);
	let answer: ProbeAnswer;
	try {
		answer = (await http({
			method: probe.method,
			url: `${base}${probe.path}`,
			qs: probe.qs,
			body: probe.body,
			headers: { Accept: 'application/json', ...provider.apiHeaders(credentials, accessToken) },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: PROBE_TIMEOUT_MS,
		})) as ProbeAnswer;
	} catch {
		// No answer at all: the test call itself reports the connection error.
		mark(key, 'passed');
		return;
	}
	const status = answer.statusCode;
	if (status !== 401 && status !== 403 && status !== 404) {
		mark(key, 'passed');
		return;
	}
	const secrets = [request.clientSecret, accessToken];
	const name = request.profile.provider;
	const advice = provider.probeAdvice?.(credentials)[status] ?? DEFAULT_ADVICE[status];
	const said = providerText(provider, answer.body);
	const call = redact(`${probe.method} ${base}${probe.path}`, secrets);
	throw new CredentialTestError(
		`The ${name} API refused the test call ${call} with HTTP ${status}. ${advice}.${
			said ? ` ${name} says: "${redact(said, secrets)}"` : ''
		}`,
	);
}

function providerText(provider: Provider, body: unknown): string | undefined {
	let text: string | undefined;
	try {
		text = provider.errorText(body);
	} catch {
		text = undefined;
	}
	if (!text && typeof body === 'string' && body.trim() && !body.trim().startsWith('<'))
		text = body.trim();
	if (!text) return undefined;
	return text.length > MAX_PROVIDER_TEXT ? `${text.slice(0, MAX_PROVIDER_TEXT)}…` : text;
}
