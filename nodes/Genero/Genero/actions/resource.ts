import type { INodeProperties } from 'n8n-workflow';

import type { GeneroResource } from '../../shared/paths';

/** What differs between the five Customers-domain resources; the operations are shared. */
export interface ResourceSpec {
	resource: GeneroResource;
	/** "Customer", "Customer Contact", ... */
	displayName: string;
	/** "customers", "customer contacts", ... (for descriptions and messages) */
	plural: string;
	/**
	 * Named inputs shown directly on Create and Import (under Update Fields on Update). The
	 * `name` is the entity field sent to Genero, an assumption (see docs/genero.md).
	 */
	mainFields: INodeProperties[];
	/** Named inputs under "Additional Fields" and "Update Fields". */
	additionalFields: INodeProperties[];
}
