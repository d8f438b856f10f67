// Regenerates request-schemas.json from Fenergo's published OpenAPI documents:
//   node test/simulators/fenergo/extract-request-schemas.mjs /work/shared/specs/fenergo
// Copies, verbatim, the request schemas the simulator validates and every schema they reference.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOURCES = {
	query: {
		file: 'fenergo-entitydataquery-v2-0-openapi.json',
		roots: [
			'EntityAdvancedSearchDtoServiceRequest',
			'EntityQueryPagedDtoServiceRequest',
			'EntitySearchByNameDtoServiceRequest',
			'SearchForDuplicatesDtoServiceRequest',
		],
	},
	command: {
		file: 'fenergo-entitydatacommand-v2-0-openapi.json',
		roots: [
			'CreateEntityRequestV2DtoServiceRequest',
			'CreateEntityDraftDtoServiceRequest',
			'UpdateEntityDraftRequestV3DtoServiceRequest',
			'ConflictResolutionsDtoServiceRequest',
			'RejectEntityDraftDtoServiceRequest',
			// What a generic PropertyDto "needs to be replaced with" (the spec's own words).
			'SinglePropertyDto',
			'CollectionPropertyDto',
			'CustomPropertyDto',
		],
	},
};

export function extract(specText, roots) {
	const schemas = JSON.parse(specText).components.schemas;
	const picked = {};
	const walk = (node) => {
		if (Array.isArray(node)) return node.forEach(walk);
		if (!node || typeof node !== 'object') return;
		for (const [key, value] of Object.entries(node)) {
			if (key === '$ref' && typeof value === 'string') add(value.split('/').pop());
			else walk(value);
		}
	};
	const add = (name) => {
		if (picked[name]) return;
		picked[name] = schemas[name];
		walk(schemas[name]);
	};
	roots.forEach(add);
	return Object.fromEntries(
		Object.keys(picked)
			.sort()
			.map((name) => [name, picked[name]]),
	);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const specDir = process.argv[2] ?? '/work/shared/specs/fenergo';
	const out = {};
	for (const [service, { file, roots }] of Object.entries(SOURCES)) {
		const text = readFileSync(join(specDir, file), 'utf8');
		out[service] = {
			source: file,
			sha256: createHash('sha256').update(text).digest('hex'),
			roots,
			schemas: extract(text, roots),
		};
	}
	const target = join(dirname(fileURLToPath(import.meta.url)), 'request-schemas.json');
	writeFileSync(target, `${JSON.stringify(out, null, '\t')}\n`);
	console.log(`wrote ${target}`);
}
