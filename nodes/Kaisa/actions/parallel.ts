import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { parallelRequestsOption } from '../../shared/items/parallel';

/** Kaisa publishes no rate limit; why 5 is in "Parallel Requests" in docs/kaisa.md. */
export const KAISA_PARALLEL_DEFAULT = 5;

export const parallelRequests: INodeProperties = parallelRequestsOption(KAISA_PARALLEL_DEFAULT);

/** The Options collection of an operation whose only option is Parallel Requests. */
export const parallelOptions: INodeProperties = optionsCollection([parallelRequests]);
