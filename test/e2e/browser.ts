import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Example } from '../../scripts/lib/examples';
import type { N8nInstall } from '../../scripts/lib/install';
import { startLocal, type LocalN8n } from '../../scripts/lib/local';
import { info, step } from '../../scripts/lib/log';
import { freePort, type ExecutionRun } from '../../scripts/lib/n8n';
import { logIn } from '../../scripts/lib/owner';
import { onCleanup, run, stop, track } from '../../scripts/lib/processes';
import { CREDENTIALS, LOCAL_CLIENT } from '../../scripts/lib/providers';
import { CACHE_DIR, PACKAGE_NAME } from '../../scripts/lib/repo';
import type { Report } from './report';

/**
 * The editor in a real browser: Debian's Chromium driven by puppeteer-core against the `npm start`
 * setup. Logs in, tests every credential from its modal, saves a wrong secret, and runs every example
 * with the Execute workflow button, reading the item counts the canvas shows.
 */

const PUPPETEER_VERSION = '24.43.1';

/** Headless, no sandbox (root), and nothing that phones home; a new profile per run. */
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--window-size=1440,900',
];

/** The type whose copy is saved with a wrong secret; its test in the modal must say what to check. */
const WRONG_SECRET = {
	type: 'clientCredentialsApi',
	id: 'browserWrongSec',
	fragment: 'Client Secret',
};

/** Triggers the Execute workflow button starts at once; other triggers (webhooks) wait for a call. */
const BUTTON_TRIGGERS = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.scheduleTrigger'];

const SHOTS_DIR = join(CACHE_DIR, 'browser-screenshots');
/** Loads of the sign-in page before the login step gives up. */
const SIGN_IN_ATTEMPTS = 3;

// The part of puppeteer-core this test uses (it is not a dependency of the project, so no types).
interface ElementHandle {
	click(options?: { count?: number }): Promise<void>;
	type(text: string): Promise<void>;
}
interface HttpResponse {
	url(): string;
	status(): number;
}
interface Page {
	goto(url: string, options?: object): Promise<unknown>;
	waitForSelector(selector: string, options?: object): Promise<ElementHandle | null>;
	waitForFunction(fn: string, options?: object): Promise<unknown>;
	waitForResponse(
		predicate: (response: HttpResponse) => boolean,
		options?: object,
	): Promise<HttpResponse>;
	evaluate<T>(expression: string): Promise<T>;
	$(selector: string): Promise<ElementHandle | null>;
	keyboard: {
		press(key: string): Promise<void>;
		down(key: string): Promise<void>;
		up(key: string): Promise<void>;
	};
	screenshot(options: { path: string }): Promise<unknown>;
	setDefaultTimeout(ms: number): void;
	url(): string;
}
interface Browser {
	newPage(): Promise<Page>;
	disconnect(): Promise<void>;
}
interface Puppeteer {
	connect(options: { browserWSEndpoint: string; defaultViewport: object }): Promise<Browser>;
}

export interface BrowserOptions {
	install: N8nInstall;
	report: Report;
	/** Environment of the n8n processes (the network guard). */
	env: Record<string, string>;
}

/** Runs the browser test against one n8n version; every process it starts is stopped at its end. */
export async function runBrowserTest(options: BrowserOptions): Promise<void> {
	const { install, report } = options;
	const started = Date.now();
	const version = install.target.n8n;
	const chromiumPath = await ensureChromium();
	const puppeteer = await ensurePuppeteer();
	const shots = join(SHOTS_DIR, `n8n-${version}`);
	rmSync(shots, { recursive: true, force: true });
	mkdirSync(shots, { recursive: true });

	const userFolder = join(CACHE_DIR, 'e2e', `browser-n8n-${version}`);
	rmSync(userFolder, { recursive: true, force: true });
	const port = await freePort();
	step(`Browser: n8n ${version} as npm start sets it up, in headless Chromium`);
	const local = await startLocal({
		target: install.target,
		userFolder,
		port,
		echo: false,
		logFile: join(CACHE_DIR, 'e2e', `browser-n8n-${version}.log`),
		env: options.env,
	});
	const profile = mkdtempSync(join(tmpdir(), 'n8n-browser-'));
	let chromium: ChildProcess | undefined;
	let browser: Browser | undefined;
	let stopped = false;
	const stopAll = async () => {
		if (stopped) return;
		stopped = true;
		await browser?.disconnect().catch(() => undefined);
		browser = undefined;
		if (chromium) await stop(chromium, 5000);
		rmSync(profile, { recursive: true, force: true });
		await local.stop();
	};
	onCleanup(stopAll);
	try {
		const launched = await launchChromium(chromiumPath, profile);
		chromium = launched.child;
		browser = await puppeteer.connect({
			browserWSEndpoint: launched.endpoint,
			defaultViewport: { width: 1440, height: 900 },
		});
		const page = await browser.newPage();
		page.setDefaultTimeout(60_000);
		const editor = new Editor(page, local, shots);
		if (
			!(await report.guard(
				'browser: log in through the sign-in page',
				async () => await editor.logIn(),
			))
		)
			return;
		report.pass('browser: log in through the sign-in page', `${local.login.email}`);

		for (const credential of local.credentials) {
			await report.guard(`browser: credential ${credential.name}`, async () => {
				const result = await editor.explained(
					`credential-${credential.type}`,
					async () => await editor.testCredential(credential),
				);
				report.check(
					`browser: ${credential.type} credential: opening it and pressing Retry (the test) succeed`,
					result.failure,
					result.detail,
				);
			});
		}
		await report.guard('browser: a wrong Client Secret saved in the editor', async () => {
			const failure = await editor.explained(
				'credential-wrong-secret',
				async () => await editor.wrongSecret(),
			);
			report.check(
				`browser: a wrong secret saved in the editor fails its test with our message ("${WRONG_SECRET.fragment}")`,
				failure,
			);
		});

		for (const example of local.examples) {
			await report.guard(`browser: examples/${example.file}`, async () => {
				const result = await editor.explained(
					`example-${example.file}`,
					async () => await editor.runExample(example),
				);
				report.check(
					`browser: examples/${example.file}: ${result.opened ? 'opens in the editor' : 'Execute workflow shows items'}`,
					result.failure,
					result.detail,
				);
			});
		}
	} finally {
		await stopAll();
		info(
			`browser test (n8n ${version}): ${Math.round((Date.now() - started) / 1000)} s, screenshots in ${shots}`,
		);
	}
}

/** Debian's Chromium; installed with apt-get when missing and running as root (as CI does). */
async function ensureChromium(): Promise<string> {
	const path = process.env.CHROMIUM ?? '/usr/bin/chromium';
	if (existsSync(path)) return path;
	if (process.env.CHROMIUM || process.getuid?.() !== 0)
		throw new Error(`No Chromium at ${path}: apt-get install -y chromium (or set CHROMIUM)`);
	const apt = async (args: string[]) =>
		await run('apt-get', args, {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			timeoutMs: 15 * 60_000,
		});
	step('Installing Chromium (apt-get install -y chromium)');
	let result = await apt(['install', '-y', '--no-install-recommends', 'chromium']);
	if (result.code !== 0) {
		// A fresh machine has no package lists yet.
		await apt(['update']);
		result = await apt(['install', '-y', '--no-install-recommends', 'chromium']);
	}
	if (result.code !== 0 || !existsSync(path))
		throw new Error(`apt-get install -y chromium failed:\n${result.stderr.slice(-2000)}`);
	return path;
}

/** puppeteer-core in the git-ignored cache (not a project dependency); it never downloads a browser. */
async function ensurePuppeteer(): Promise<Puppeteer> {
	const dir = join(CACHE_DIR, 'browser');
	const module = join(dir, 'node_modules', 'puppeteer-core');
	if (!existsSync(join(module, 'package.json'))) {
		step(`Installing puppeteer-core ${PUPPETEER_VERSION} into ${dir}`);
		mkdirSync(dir, { recursive: true });
		const result = await run(
			'npm',
			[
				'install',
				'--no-save',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--prefix',
				dir,
				`puppeteer-core@${PUPPETEER_VERSION}`,
			],
			{ env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' }, timeoutMs: 5 * 60_000 },
		);
		if (result.code !== 0) throw new Error(`npm install puppeteer-core failed:\n${result.stderr}`);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(module) as Puppeteer;
}

/** Chromium in its own process group (stopped with the run), with DevTools on a free port. */
async function launchChromium(
	path: string,
	profile: string,
): Promise<{ child: ChildProcess; endpoint: string }> {
	const child = track(
		path,
		[...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let output = '';
	const endpoint = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 60_000);
		child.stderr?.on('data', (data: Buffer) => {
			output = (output + data.toString('utf8')).slice(-4000);
			const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Chromium exited (${code}) before it was ready:\n${output}`));
		});
	});
	return { child, endpoint };
}

interface Outcome {
	failure?: string;
	detail?: string;
	/** Opened and looked at only (a trigger the Execute workflow button cannot start). */
	opened?: boolean;
}

/** Steps in the n8n editor, by its data-test-id attributes (the same in n8n 1.123 and 2.41). */
class Editor {
	private readonly base: string;
	private cookie?: string;

	constructor(
		private readonly page: Page,
		private readonly local: LocalN8n,
		private readonly shots: string,
	) {
		this.base = local.url;
	}

	private async shot(name: string): Promise<void> {
		await this.page.screenshot({
			path: join(this.shots, `${name.replace(/[^a-z0-9.-]+/gi, '-')}.png`),
		});
	}

	/** A REST session of its own, to read what the editor ran and to prepare credentials. */
	private async rest<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
		this.cookie ??= await logIn(this.base, this.local.login);
		if (!this.cookie) throw new Error('POST /rest/login refused the owner login');
		const response = await fetch(`${this.base}${path}`, {
			method: init.method ?? 'GET',
			headers: {
				cookie: this.cookie,
				'browser-id': 'local-n8n-scripts',
				'content-type': 'application/json',
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(
				`${init.method ?? 'GET'} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`,
			);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** Runs one step; when it throws, a screenshot and what the page showed go with the error. */
	async explained<T>(name: string, fn: () => Promise<T>): Promise<T> {
		try {
			return await fn();
		} catch (error) {
			await this.shot(`failed-${name}`).catch(() => undefined);
			const shown = await this.page
				.evaluate<string>(
					`(document.querySelector('[data-test-id="credential-edit-dialog"]') ?? document.body).innerText.slice(0, 800)`,
				)
				.catch(() => '');
			throw new Error(
				`${(error as Error).message}\nat ${this.page.url()}, showing:\n${shown}\n(screenshot: failed-${name}.png)`,
			);
		}
	}

	async logIn(): Promise<void> {
		const email = await this.signInForm();
		await email!.type(this.local.login.email);
		const password = await this.page.waitForSelector(
			'[data-test-id="signin-form"] input[type="password"]',
		);
		await password!.type(this.local.login.password);
		await this.page.keyboard.press('Enter');
		await this.page.waitForFunction('!location.pathname.startsWith("/signin")', {
			timeout: 60_000,
		});
		await this.page.waitForSelector('#app', { visible: true });
		await this.shot('00-after-login');
	}

	/**
	 * The sign-in form's e-mail field. A busy machine can leave the editor's first load without
	 * the form (its bundle still arriving), so the page is loaded again, a bounded few times.
	 */
	private async signInForm(): Promise<ElementHandle> {
		const selector =
			'[data-test-id="signin-form"] input[type="email"], [data-test-id="signin-form"] input[name="emailOrLdapLoginId"], [data-test-id="signin-form"] input[name="email"]';
		for (let attempt = 1; ; attempt++) {
			try {
				await this.page.goto(`${this.base}/signin`, { waitUntil: 'networkidle2', timeout: 90_000 });
				const email = await this.page.waitForSelector(selector, { timeout: 60_000 });
				if (email) return email;
			} catch (error) {
				if (attempt >= SIGN_IN_ATTEMPTS) throw error;
			}
			await this.shot(`signin-retry-${attempt}`).catch(() => undefined);
		}
	}

	/** Opens the credential's modal (n8n tests it on opening), then presses the banner's Retry (the test again). */
	async testCredential(credential: { id: string; name: string; type: string }): Promise<Outcome> {
		const opened = await this.openCredential(credential.id);
		if (opened !== 'success') {
			await this.shot(`credential-${credential.type}`);
			return { failure: `on opening: ${opened}` };
		}
		const retest = this.page.waitForResponse((response) =>
			response.url().includes('/rest/credentials/test'),
		);
		const retry = await this.page.waitForSelector(
			'[data-test-id="credentials-config-container-test-success"] button',
			{ visible: true },
		);
		await retry!.click();
		const answer = await retest;
		const after = await this.testBanner();
		await this.shot(`credential-${credential.type}`);
		await this.closeModal();
		return after === 'success'
			? {
					detail: `green on opening and after Retry, POST /rest/credentials/test ${answer.status()}`,
				}
			: { failure: `after pressing Retry: ${after}` };
	}

	/** A copy of the generic credential saved over REST with a wrong secret, tested from its modal on opening and with Retry. */
	async wrongSecret(): Promise<string | undefined> {
		const source = this.local.credentials.find(
			(credential) => credential.type === WRONG_SECRET.type,
		)!;
		const wrong = `wrong-${LOCAL_CLIENT.clientSecret.slice(0, 4)}-x`;
		const created = await this.rest<{ id: string }>('/rest/credentials', {
			method: 'POST',
			body: {
				name: 'Wrong secret (browser test)',
				type: source.type,
				data: { ...source.data, clientSecret: wrong },
			},
		});
		const opened = await this.openCredential(created.id);
		if (opened === 'success') return 'the wrong secret tested green on opening';
		// Retry is the modal's test button: the same answer again.
		const retest = this.page.waitForResponse((response) =>
			response.url().includes('/rest/credentials/test'),
		);
		await this.page.evaluate(
			`[...document.querySelectorAll('[data-test-id="credential-edit-dialog"] button')].find((el) => /^\\s*Retry\\s*$/.test(el.textContent ?? ''))?.click()`,
		);
		await retest;
		const banner = await this.testBanner();
		const text = await this.modalText();
		await this.shot('credential-wrong-secret');
		await this.closeModal();
		if (banner === 'success') return 'the wrong secret tested green after Retry';
		if (!text.includes(WRONG_SECRET.fragment))
			return `the failure does not mention "${WRONG_SECRET.fragment}": ${text.slice(0, 600)}`;
		if (text.includes(wrong) || text.includes(LOCAL_CLIENT.clientSecret))
			return 'the modal shows the secret';
		return undefined;
	}

	/** Opens the workflow, presses Execute workflow, reads the canvas' item counts of the nodes that call a provider. */
	async runExample(example: Example): Promise<Outcome> {
		const workflow = example.workflow as {
			id: string;
			nodes: Array<{ name: string; type: string; credentials?: object }>;
		};
		await this.page.goto(`${this.base}/workflow/${workflow.id}`, { waitUntil: 'networkidle2' });
		await this.page.waitForSelector('[data-test-id="canvas-node"]', { visible: true });
		await this.page.waitForFunction(
			'document.querySelectorAll(\'[data-test-id="canvas-node"]\').length > 0',
		);
		const shotName = `example-${example.file.replace(/\.json$/, '')}`;
		if (!workflow.nodes.some((node) => BUTTON_TRIGGERS.includes(node.type))) {
			// A webhook trigger waits for a call the button cannot make: the workflow is opened, not run.
			const expected = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
			const shown = await this.page.evaluate<number>(
				`document.querySelectorAll('[data-test-id="canvas-node"]').length`,
			);
			await this.shot(shotName);
			const triggers = expected.filter((node) => /trigger|webhook/i.test(node.type));
			return {
				opened: true,
				failure:
					shown === expected.length
						? undefined
						: `the canvas shows ${shown} nodes, the workflow has ${expected.length}`,
				detail: `opened, not run: it starts on ${triggers.map((node) => node.type).join(', ') || 'no trigger'}, which waits for a call; ${shown} nodes on the canvas`,
			};
		}
		// The nodes that matter: those calling a provider with one of our credentials, else the last ones.
		const targets = workflow.nodes.filter(
			(node) =>
				node.credentials &&
				Object.keys(node.credentials).some((type) => CREDENTIALS.some((c) => c.type === type)),
		);
		const names = (
			targets.length > 0
				? targets
				: workflow.nodes.filter((node) => node.type.startsWith(PACKAGE_NAME))
		).map((node) => node.name);
		const before = await this.latestExecutionId(workflow.id);
		await (await this.page.waitForSelector('[data-test-id="execute-workflow-button"]', {
			visible: true,
		}))!.click();
		const execution = await this.waitForExecution(workflow.id, before);
		// The canvas shows the counts once the run's data reached the editor.
		const counts = await this.canvasCounts(names, 30_000);
		await this.shot(shotName);
		const problems: string[] = [];
		if (execution.status !== 'success')
			problems.push(
				`the execution ended ${execution.status}${execution.error ? `: ${execution.error}` : ''}`,
			);
		for (const name of names) {
			const shown = counts[name];
			const stored = execution.items[name];
			if (shown === undefined)
				problems.push(`${name}: the canvas shows no item count (stored: ${stored ?? 'no run'})`);
			else if (shown === 0) problems.push(`${name}: 0 items`);
			else if (stored !== shown)
				problems.push(`${name}: the canvas shows ${shown} items, the execution holds ${stored}`);
		}
		return problems.length > 0
			? { failure: problems.join('\n') }
			: {
					detail: names
						.map((name) => `${name}: ${counts[name]} item${counts[name] === 1 ? '' : 's'}`)
						.join(', '),
				};
	}

	private async openCredential(id: string): Promise<string> {
		const tested = this.page.waitForResponse(
			(response) => response.url().includes('/rest/credentials/test'),
			{ timeout: 45_000 },
		);
		await this.page.goto(`${this.base}/home/credentials/${id}`, { waitUntil: 'networkidle2' });
		await this.page.waitForSelector('[data-test-id="credential-edit-dialog"]', { visible: true });
		await tested;
		return await this.testBanner();
	}

	/** 'success', or the failure text the modal shows. */
	private async testBanner(): Promise<string> {
		await this.page.waitForFunction(
			`(() => {
				const modal = document.querySelector('[data-test-id="credential-edit-dialog"]');
				const ok = modal?.querySelector('[data-test-id="credentials-config-container-test-success"]');
				return (ok && ok.offsetParent !== null) || /Couldn.t connect/i.test(modal?.innerText ?? '');
			})()`,
			{ timeout: 45_000 },
		);
		const success = await this.page.evaluate<boolean>(
			`(() => { const ok = document.querySelector('[data-test-id="credential-edit-dialog"] [data-test-id="credentials-config-container-test-success"]'); return !!ok && ok.offsetParent !== null; })()`,
		);
		if (success) return 'success';
		await this.expandDetails();
		return (await this.modalText()).slice(0, 800);
	}

	private async modalText(): Promise<string> {
		return await this.page.evaluate<string>(
			`document.querySelector('[data-test-id="credential-edit-dialog"]')?.innerText ?? ''`,
		);
	}

	/** The failure banner hides the provider's answer behind "More details". */
	private async expandDetails(): Promise<void> {
		await this.page.evaluate(
			`(() => {
				const modal = document.querySelector('[data-test-id="credential-edit-dialog"]');
				const link = [...(modal?.querySelectorAll('a, button, span') ?? [])].find((el) => /^\\s*More details\\s*$/i.test(el.textContent ?? ''));
				link?.click();
			})()`,
		);
	}

	private async closeModal(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.page.waitForFunction(
			`(() => { const modal = document.querySelector('[data-test-id="credential-edit-dialog"]'); return !modal || modal.offsetParent === null; })()`,
			{ timeout: 15_000 },
		);
	}

	private async latestExecutionId(workflowId: string): Promise<string | undefined> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.rest<{ results: Array<{ id: string }> }>(
			`/rest/executions?filter=${filter}&limit=1`,
		);
		return list.results[0]?.id;
	}

	/** The run the button started, once it finished: status, error and each node's item count. */
	private async waitForExecution(
		workflowId: string,
		before: string | undefined,
	): Promise<{ status: string; error?: string; items: Record<string, number> }> {
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			const id = await this.latestExecutionId(workflowId);
			if (id && id !== before) {
				const execution = await this.rest<{ status: string; finished?: boolean; data: string }>(
					`/rest/executions/${id}`,
				);
				if (!['new', 'running', 'waiting'].includes(execution.status)) {
					const data = this.parseFlatted(execution.data);
					const items = Object.fromEntries(
						Object.entries(data.resultData.runData).map(([node, tasks]) => [
							node,
							tasks[0]?.data?.main?.[0]?.length ?? 0,
						]),
					);
					const error = data.resultData.error;
					return {
						status: execution.status,
						error: error
							? [error.message, error.description].filter(Boolean).join(' — ')
							: undefined,
						items,
					};
				}
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		throw new Error('the execution the button started did not finish within 180 s');
	}

	/** n8n stores execution data in the flatted format; its own copy of the module reads it. */
	private parseFlatted(text: string): ExecutionRun['data'] {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const flatted = require(join(this.local.instance.install.dir, 'node_modules', 'flatted')) as {
			parse(text: string): unknown;
		};
		return flatted.parse(text) as ExecutionRun['data'];
	}

	/** "N items" of each node, from its outgoing edges' labels or, when nothing follows it, its output handle. */
	private async canvasCounts(
		names: string[],
		timeoutMs: number,
	): Promise<Record<string, number | undefined>> {
		const read = `(() => {
			const names = ${JSON.stringify(names)};
			const count = (elements) => {
				for (const el of elements) {
					const match = /([\\d,.]+)\\s+items?/i.exec(el.innerText ?? '');
					if (match) return Number(match[1].replace(/[,.]/g, ''));
				}
				return undefined;
			};
			const result = {};
			for (const name of names) {
				const edges = [...document.querySelectorAll('[data-test-id="edge-label"]')].filter((el) => el.dataset.sourceNodeName === name);
				const handles = [...document.querySelectorAll('[data-test-id="canvas-node-output-handle"]')].filter((el) => el.dataset.nodeName === name);
				result[name] = count(edges) ?? count(handles);
			}
			return result;
		})()`;
		const deadline = Date.now() + timeoutMs;
		let counts: Record<string, number | undefined> = {};
		while (Date.now() < deadline) {
			counts = await this.page.evaluate<Record<string, number | undefined>>(read);
			if (names.every((name) => counts[name] !== undefined)) return counts;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		return counts;
	}
}
