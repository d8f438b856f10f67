#!/usr/bin/env node
// Entry point of `npm start` and `npm run e2e`: builds the package (dist/), compiles the scripts and
// the provider simulators (test/simulators, the same source the jest tests use) into
// .n8n-cache/build, then runs the command.
//
//   node scripts/launch.mjs start [--reset] [--quiet]
//   node scripts/launch.mjs e2e
//   node scripts/launch.mjs screenshot
//   node scripts/launch.mjs bench | bench-kaisa   (no package build; each in a fresh Node process)
//   node scripts/launch.mjs bench-import          (builds the package: it runs in a real n8n)
import { spawnSync } from 'node:child_process';
import { cpSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = resolve(process.env.LOCAL_N8N_CACHE_DIR ?? join(root, '.n8n-cache'));
const commands = ['start', 'e2e', 'screenshot', 'install', 'bench', 'bench-kaisa', 'bench-import'];
// Benchmarks run their compiled entry in a process of their own, so what they measure (time, memory) is theirs.
const benchmarks = {
	bench: join('bench', 'main.js'),
	'bench-kaisa': join('scripts', 'bench-kaisa.js'),
	'bench-import': join('bench', 'import-real-n8n.js'),
};
// Benchmarks in a real n8n load the package from dist/.
const benchmarksOfThePackage = ['bench-import'];
const [command, ...args] = process.argv.slice(2);

if (!commands.includes(command)) {
	console.error(`usage: node scripts/launch.mjs <${commands.join('|')}> [options]`);
	process.exit(2);
}

function runStep(title, cmd, cmdArgs) {
	const started = Date.now();
	process.stdout.write(`» ${title}\n`);
	const result = spawnSync(cmd, cmdArgs, {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
	});
	return { ...result, seconds: Math.round((Date.now() - started) / 1000) };
}

if (
	!args.includes('--no-build') &&
	(!(command in benchmarks) || benchmarksOfThePackage.includes(command))
) {
	const build = runStep('Building the package (npm run build → dist/)', 'npm', ['run', 'build']);
	if (build.status !== 0) {
		process.stdout.write(`${build.stdout}${build.stderr}\nnpm run build failed.\n`);
		process.exit(1);
	}
}

// Any type error stops the run: the e2e and `npm start` must not run JavaScript that tsc rejected.
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = runStep(
	'Compiling scripts/, bench/ and test/simulators/ → .n8n-cache/build',
	process.execPath,
	[
		tsc,
		'-p',
		join(root, 'scripts', 'tsconfig.json'),
		'--outDir',
		join(cacheDir, 'build'),
		'--pretty',
		'false',
	],
);
if (compiled.status !== 0) {
	const diagnostics = `${compiled.stdout}${compiled.stderr}`.trim().split('\n').filter(Boolean);
	process.stdout.write(
		`${diagnostics.map((line) => `  ${line}`).join('\n')}\nCompiling the scripts failed.\n`,
	);
	process.exit(1);
}

// Data files the simulators read next to their source (e.g. JSON schemas) go next to the JavaScript.
cpSync(join(root, 'test', 'simulators'), join(cacheDir, 'build', 'test', 'simulators'), {
	recursive: true,
	filter: (source) => statSync(source).isDirectory() || !/\.(ts|mts|cts)$/.test(source),
});

process.env.LOCAL_N8N_CACHE_DIR = cacheDir;
process.env.LOCAL_N8N_ROOT = root;
if (command in benchmarks) {
	const run = spawnSync(process.execPath, [join(cacheDir, 'build', benchmarks[command]), ...args], {
		cwd: root,
		stdio: 'inherit',
	});
	process.exit(run.status ?? 1);
}

const entry = join(cacheDir, 'build', 'scripts', `${command}.js`);
const require = createRequire(import.meta.url);
try {
	await require(entry).main(args);
} catch (error) {
	console.error(`\n${relative(root, entry)}: ${error?.stack ?? error}`);
	// Stops n8n and the simulators before exiting.
	await require(join(cacheDir, 'build', 'scripts', 'lib', 'processes.js')).exitWith(1);
}
