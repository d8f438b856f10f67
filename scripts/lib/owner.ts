/**
 * The owner account: `POST /rest/login` tells whether it exists with the expected password; on a
 * fresh n8n `POST /rest/owner/setup` creates it (n8n 1.x and 2.x alike).
 */

export interface Login {
	email: string;
	password: string;
}

export const DEFAULT_LOGIN: Login = {
	email: process.env.LOCAL_N8N_EMAIL ?? 'owner@example.com',
	// n8n wants 8+ characters with a digit and an upper-case letter.
	password: process.env.LOCAL_N8N_PASSWORD ?? 'Local-n8n-1',
};

export type OwnerState = 'created' | 'existing' | 'existing-other-password';

async function post(
	base: string,
	path: string,
	body: unknown,
): Promise<{ status: number; text: string; cookie?: string }> {
	const response = await fetch(`${base}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'local-n8n-scripts' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	return {
		status: response.status,
		text: await response.text(),
		cookie: response.headers.get('set-cookie') ?? undefined,
	};
}

export async function ensureOwner(base: string, login: Login = DEFAULT_LOGIN): Promise<OwnerState> {
	// An owner set up earlier: n8n 1.x refuses the setup call, n8n 2.x no longer serves it (404).
	if (await logIn(base, login)) return 'existing';
	const setup = await post(base, '/rest/owner/setup', {
		email: login.email,
		firstName: 'Local',
		lastName: 'Owner',
		password: login.password,
	});
	if (setup.status === 200) return 'created';
	if (setup.status === 404 || /already set ?up/i.test(setup.text)) return 'existing-other-password';
	throw new Error(`Owner setup failed (HTTP ${setup.status}): ${setup.text.slice(0, 500)}`);
}

/** The session cookie of a successful login, or undefined. */
export async function logIn(
	base: string,
	login: Login = DEFAULT_LOGIN,
): Promise<string | undefined> {
	const result = await post(base, '/rest/login', {
		emailOrLdapLoginId: login.email,
		password: login.password,
	});
	if (result.status !== 200 || !result.cookie) return undefined;
	return result.cookie.split(';')[0];
}
