import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asText } from '../../shared/parameters/fields';

/** The Tenant field of both nodes; `purpose` finishes "Only for multi-tenant API clients: …". */
export function tenantField(purpose: string): INodeProperties {
	return {
		displayName: 'Tenant',
		name: 'tenant',
		type: 'string',
		default: '',
		placeholder: 'e.g. acme-foods',
		description: `Only for multi-tenant API clients: ${purpose}`,
	};
}

/** The item's tenant, trimmed; '' for a single-tenant client. */
export function readTenant(this: IExecuteFunctions, itemIndex: number): string {
	return asText(this.getNodeParameter('tenant', itemIndex, ''));
}
