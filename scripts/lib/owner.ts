/**
 * The owner account: `GET /rest/settings` (public before login) tells whether n8n still waits for
 * its owner; a fresh n8n gets it from `POST /rest/owner/setup`, a set-up one is checked with
 * `POST /rest/login` (n8n 1.x and 2.x alike). Asking first keeps n8n from logging a failed login
 * ("401 Wrong username or password") on the very first start.
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

/** Whether n8n shows its owner setup page; undefined when its settings do not say. */
async function waitsForOwner(base: string): Promise<boolean | undefined> {
	try {
		const response = await fetch(`${base}/rest/settings`, {
			headers: { 'browser-id': 'local-n8n-scripts' },
			signal: AbortSignal.timeout(30_000),
		});
		if (!response.ok) return undefined;
		const settings = (await response.json()) as {
			data?: { userManagement?: { showSetupOnFirstLoad?: unknown } };
		};
		const flag = settings.data?.userManagement?.showSetupOnFirstLoad;
		return typeof flag === 'boolean' ? flag : undefined;
	} catch {
		return undefined;
	}
}

async function setUpOwner(base: string, login: Login): ReturnType<typeof post> {
	return await post(base, '/rest/owner/setup', {
		email: login.email,
		firstName: 'Local',
		lastName: 'Owner',
		password: login.password,
	});
}

export async function ensureOwner(base: string, login: Login = DEFAULT_LOGIN): Promise<OwnerState> {
	// An owner set up earlier: n8n 1.x refuses the setup call, n8n 2.x no longer serves it (404).
	if ((await waitsForOwner(base)) !== true && (await logIn(base, login))) return 'existing';
	const setup = await setUpOwner(base, login);
	if (setup.status === 200) return 'created';
	if (setup.status === 404 || /already set ?up/i.test(setup.text)) return 'existing-other-password';
	throw new Error(`Owner setup failed (HTTP ${setup.status}): ${setup.text.slice(0, 500)}`);
}

/** The session cookie of a successful login, or undefined. */
export async function logIn(
	base: string,
	login: Login = DEFAULT_LOGIN,
): Promise<string | undefined> {
	return (await tryLogIn(base, login)).cookie;
}

async function tryLogIn(
	base: string,
	login: Login,
): Promise<{ cookie?: string; refusal?: string }> {
	const result = await post(base, '/rest/login', {
		emailOrLdapLoginId: login.email,
		password: login.password,
	});
	if (result.status === 200 && result.cookie) return { cookie: result.cookie.split(';')[0] };
	return { refusal: `HTTP ${result.status}: ${result.text.slice(0, 300)}` };
}

/** Pauses between tries: n8n 2.x allows 5 logins a minute per e-mail address. */
const SESSION_RETRY_MS = [3000, 5000, 7000, 16_000, 30_000, 30_000];

/**
 * The owner's session cookie on an n8n that has just started: owner set up when n8n waits for
 * one (or cannot say), then logged in. A busy n8n answers its settings before every route is in
 * place, so a refusal is tried again (bounded, about 90 s); the last one is thrown with n8n's answer.
 */
export async function ownerSession(base: string, login: Login = DEFAULT_LOGIN): Promise<string> {
	let last = '';
	for (let attempt = 0; ; attempt++) {
		let setup = '';
		if ((await waitsForOwner(base)) !== false) {
			const answer = await setUpOwner(base, login).catch((error: Error) => ({
				status: 0,
				text: error.message,
			}));
			setup = `owner setup answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}; `;
		}
		const session = await tryLogIn(base, login).catch((error: Error) => ({
			cookie: undefined,
			refusal: error.message,
		}));
		if (session.cookie) return session.cookie;
		last = `${setup}POST /rest/login answered ${session.refusal}`;
		const pause = SESSION_RETRY_MS[attempt];
		if (pause === undefined) break;
		await new Promise((resolve) => setTimeout(resolve, pause));
	}
	throw new Error(
		`The owner could not log in to ${base} (${SESSION_RETRY_MS.length + 1} tries): ${last}`,
	);
}
