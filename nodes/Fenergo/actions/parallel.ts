import type { INodeProperties } from 'n8n-workflow';

import { parallelRequestsOption } from '../../shared/items/parallel';

/** Well below Fenergo's query limit, and writes are paced by its 429s; why 10 is in "Parallel Requests" in docs/fenergo.md. */
export const FENERGO_PARALLEL_DEFAULT = 10;

export const parallelRequestsField: INodeProperties =
	parallelRequestsOption(FENERGO_PARALLEL_DEFAULT);
