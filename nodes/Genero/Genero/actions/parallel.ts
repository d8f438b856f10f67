import type { INodeProperties } from 'n8n-workflow';

import { parallelRequestsOption } from '../../../shared/items/parallel';

/** Genero publishes no rate limit for the Public API and prefers batch imports; why 5 is in "Parallel Requests" in docs/genero.md. */
export const GENERO_PARALLEL_DEFAULT = 5;

export const parallelRequests: INodeProperties = parallelRequestsOption(GENERO_PARALLEL_DEFAULT);
