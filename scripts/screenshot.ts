import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { exampleId } from './lib/examples';
import { targetFor } from './lib/install';
import { startLocal } from './lib/local';
import { info, step } from './lib/log';
import { freePort } from './lib/n8n';
import { exitWith, installExitHandlers, onCleanup, run } from './lib/processes';
import { CACHE_DIR, ROOT } from './lib/repo';

/** Chromium flags: headless, no sandbox (root), and nothing that phones home. */
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const PLAYWRIGHT_VERSION = '1.65.1';

interface Page {
	goto(url: string, options?: object): Promise<unknown>;
	fill(selector: string, value: string): Promise<void>;
	press(selector: string, key: string): Promise<void>;
	waitForURL(url: RegExp, options?: object): Promise<void>;
	waitForSelector(selector: string, options?: object): Promise<unknown>;
	waitForTimeout(ms: number): Promise<void>;
	keyboard: { press(key: string): Promise<void> };
	screenshot(options: { path: string }): Promise<unknown>;
}

interface Browser {
	newContext(options: object): Promise<{ newPage(): Promise<Page> }>;
	close(): Promise<void>;
}

/** playwright-core in the git-ignored cache (not a dependency of the project), driving Debian's Chromium. */
async function playwright(): Promise<{ chromium: { launch(options: object): Promise<Browser> } }> {
	const dir = join(CACHE_DIR, 'playwright');
	const module = join(dir, 'node_modules', 'playwright-core');
	if (!existsSync(module)) {
		step(`Installing playwright-core ${PLAYWRIGHT_VERSION} into ${dir}`);
		mkdirSync(dir, { recursive: true });
		const result = await run(
			'npm',
			[
				'install',
				'--prefix',
				dir,
				'--no-save',
				'--ignore-scripts',
				`playwright-core@${PLAYWRIGHT_VERSION}`,
			],
			{
				timeoutMs: 5 * 60_000,
			},
		);
		if (result.code !== 0) throw new Error(`npm install playwright-core failed:\n${result.stderr}`);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(module) as { chromium: { launch(options: object): Promise<Browser> } };
}

/**
 * `node scripts/launch.mjs screenshot [example.json] [--out=file.png]`: a fresh local n8n (as npm
 * start sets it up), one example opened in the editor with headless Chromium → docs/images/editor.png.
 */
export async function main(args: string[]): Promise<void> {
	installExitHandlers();
	const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
	if (!existsSync(chromiumPath))
		throw new Error(
			`No Chromium at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM)`,
		);
	const file = args.find((arg) => arg.endsWith('.json')) ?? 'kaisa-daily-call-export.json';
	if (!existsSync(join(ROOT, 'examples', file))) throw new Error(`examples/${file} does not exist`);

	const userFolder = join(CACHE_DIR, 'screenshot');
	rmSync(userFolder, { recursive: true, force: true });
	const port = await freePort();
	const local = await startLocal({
		target: targetFor(process.env.LOCAL_N8N ?? '2'),
		userFolder,
		port,
		echo: false,
		logFile: join(CACHE_DIR, 'screenshot.log'),
	});
	onCleanup(async () => await local.stop());

	const { chromium } = await playwright();
	step('Opening the example in headless Chromium');
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		headless: true,
		args: CHROMIUM_FLAGS,
	});
	onCleanup(async () => await browser.close());
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
	});
	const page = await context.newPage();
	const base = `http://localhost:${port}`;
	await page.goto(`${base}/signin`, { waitUntil: 'networkidle' });
	await page.fill('input[name="email"], input[type="email"]', local.login.email);
	await page.fill('input[name="password"], input[type="password"]', local.login.password);
	await page.press('input[name="password"], input[type="password"]', 'Enter');
	await page.waitForURL(/\/(home|workflows|projects)/, { timeout: 60_000 });
	await page.goto(`${base}/workflow/${exampleId(file)}`, { waitUntil: 'networkidle' });
	await page.waitForSelector('.vue-flow__node', { timeout: 60_000 });
	// Let the canvas fit the view and the icons load.
	await page.waitForTimeout(2500);
	const outArg = args.find((arg) => arg.startsWith('--out='));
	const out = outArg
		? resolve(outArg.slice('--out='.length))
		: join(ROOT, 'docs', 'images', 'editor.png');
	mkdirSync(join(out, '..'), { recursive: true });
	await page.screenshot({ path: out });
	info(`saved ${out}`);
	await exitWith(0);
}
