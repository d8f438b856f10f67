const fs = require('fs');
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

task('build:clean', clean);
task('build:icons', parallel(copyNodeIcons, copyCredentialIcons));
task('build:index', copyIndex);

// A file moved or deleted in the sources must not live on in dist/ (and in the published package).
async function clean() {
	fs.rmSync('dist', { recursive: true, force: true });
}

// The package entry (n8n reads package.json's "n8n" field; the entry only has to exist).
function copyIndex() {
	return src('index.js').pipe(dest('dist'));
}

function copyNodeIcons() {
	return src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}

function copyCredentialIcons() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}
