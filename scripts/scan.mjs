// n8n's verification scan (@n8n/scan-community-package) on this repository and on a fresh
// `npm pack` of dist/, offline: n8n runs the same analysis on the attested source checkout and on
// the published tarball before it verifies a package. Run after `npm run build` (`npm run scan` does).
//
// The scanner's own verdict (`analyzePackage`) fails on errors only and does not even show
// warnings (e.g. icon-prefer-themed-variants); this package wants none of either, so the script
// lints a second time with the scanner's exact setup and fails on any error or warning.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// The same ESLint and glob the scanner resolves, not whatever this repository hoists.
const scannerRequire = createRequire(
	import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs'),
);
const { ESLint } = scannerRequire('eslint');
const glob = scannerRequire('fast-glob');
// The scanner makes a download folder when imported; offline it stays empty, and goes at exit.
scannerRequire('tmp').setGracefulCleanup();

// What analyzePackageByName lints in the downloaded tarball.
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The scanner's lint, as analyzePackage runs it, with every message counted. */
async function lintLikeScanner(directory, patterns) {
	const eslint = new ESLint({
		cwd: directory,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: directory,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	const count = (key) => results.reduce((sum, result) => sum + result[key], 0);
	const details = await (await eslint.loadFormatter('stylish')).format(results);
	return {
		files: files.length,
		errors: count('errorCount'),
		warnings: count('warningCount'),
		details,
	};
}

async function scan(label, directory, patterns) {
	const verdict = await analyzePackage(directory, patterns);
	const lint = await lintLikeScanner(directory, patterns);
	const passed = verdict.passed && lint.errors === 0 && lint.warnings === 0;
	console.log(
		`${passed ? 'ok' : 'FAILED'} ${label}: ${lint.files} files, ${lint.errors} errors, ${lint.warnings} warnings` +
			` (analyzePackage: ${verdict.passed ? 'passed' : `failed: ${verdict.message}`})`,
	);
	if (!passed) console.log(lint.details || verdict.details || '');
	return passed;
}

/** Packs the package as `npm publish` would and unpacks it; returns the unpacked folder. */
function packTarball(workDirectory) {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', workDirectory], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const packageDirectory = path.join(workDirectory, 'package');
	execFileSync('tar', ['-xzf', path.join(workDirectory, pack.filename), '-C', workDirectory]);
	return packageDirectory;
}

/** n8n reads a node's codex (categories, docs links, search aliases) from `<Node>.node.json`. */
function missingCodexFiles(packageDirectory) {
	const { n8n } = JSON.parse(readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'));
	return n8n.nodes
		.map((node) => `${node}on`)
		.filter((codex) => !existsSync(path.join(packageDirectory, codex)));
}

const workDirectory = mkdtempSync(path.join(tmpdir(), 'n8n-scan-'));
try {
	const sourcePassed = await scan('source', root, SOURCE_FILE_PATTERNS);
	const packageDirectory = packTarball(workDirectory);
	const tarballPassed = await scan('tarball', packageDirectory, TARBALL_FILE_PATTERNS);
	const missing = missingCodexFiles(packageDirectory);
	if (missing.length) console.log(`FAILED tarball: no codex file ${missing.join(', ')}`);
	if (!sourcePassed || !tarballPassed || missing.length) process.exitCode = 1;
} finally {
	rmSync(workDirectory, { recursive: true, force: true });
}
