#!/usr/bin/env node
/**
 * `npm run bench:kaisa`: compiles scripts/bench-kaisa.ts (and what it imports) with the project's
 * TypeScript into node_modules/.cache/bench-kaisa, then runs it in a fresh Node process so the
 * memory it reports is the benchmark's, not the compiler's. No ts-node needed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'node_modules', '.cache', 'bench-kaisa');
const entry = path.join(root, 'scripts', 'bench-kaisa.ts');

const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const program = ts.createProgram([entry], {
	...options,
	rootDir: root,
	outDir,
	noEmit: false,
	declaration: false,
	sourceMap: false,
	incremental: false,
	types: ['node'],
});
fs.rmSync(outDir, { recursive: true, force: true });
const emitted = program.emit();
if (emitted.emitSkipped) {
	console.error(ts.formatDiagnostics(emitted.diagnostics, ts.createCompilerHost(options)));
	process.exit(1);
}

const run = spawnSync(process.execPath, [path.join(outDir, 'scripts', 'bench-kaisa.js')], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
