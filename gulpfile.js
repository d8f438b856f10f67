const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyIcons);
task('build:index', copyIndex);

// The package entry (n8n reads package.json's "n8n" field; the entry only has to exist).
function copyIndex() {
	return src('index.js').pipe(dest('dist'));
}

function copyIcons() {
	const nodeSource = path.resolve('nodes', '**', '*.{png,svg}');
	const nodeDestination = path.resolve('dist', 'nodes');
	src(nodeSource, { encoding: false }).pipe(dest(nodeDestination));

	const credSource = path.resolve('credentials', '**', '*.{png,svg}');
	const credDestination = path.resolve('dist', 'credentials');
	return src(credSource, { encoding: false }).pipe(dest(credDestination));
}
