import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { WAREHOUSE_API } from '../../shared/paths';

/**
 * Suggestions without a request (each one counts against Genero's 3,000 a day): the known entity
 * names, and whatever was typed, since any other entity name works too.
 */
export async function searchEntities(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const typed = (filter ?? '').trim();
	const known: string[] = [...WAREHOUSE_API.knownEntities];
	const matching = known.filter((name) => name.toLowerCase().includes(typed.toLowerCase()));
	const exact = known.some((name) => name.toLowerCase() === typed.toLowerCase());
	const names =
		typed && !exact && /^[A-Za-z0-9_.-]+$/.test(typed) ? [typed, ...matching] : matching;
	return { results: names.map((name) => ({ name, value: name })) };
}
