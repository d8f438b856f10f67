import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest, type ApiRequestOptions, type RequestGate } from '../../shared/transport';
import { fillPath, fillQuery, type GeneroEndpoint, type TenantPlacement } from './paths';

export const PUBLIC_CREDENTIAL = 'generoPublicApi';
export const WAREHOUSE_CREDENTIAL = 'generoDataWarehouseApi';

export interface GeneroCall {
	endpoint: GeneroEndpoint;
	/** Values for the endpoint's placeholders ({id}, {entity}, {from}, {to}). */
	values?: Record<string, string>;
	/** The operation's "Path" option: replaces the table's path, keeps its verb. */
	pathOverride?: string;
	tenant?: string;
	tenantPlacement: TenantPlacement;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
}

/** The "Path" option, checked: relative to the credential's Base URL, so the token never goes elsewhere. */
export function checkedPathOverride(
	node: INode,
	value: unknown,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const path = String(value).trim();
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
		throw new NodeOperationError(node, `The Path option "${path}" is not a path`, {
			itemIndex,
			description:
				"Enter a path relative to the credential's Base URL, e.g. /customers/batch; change the Base URL in the credential to reach another host.",
		});
	}
	return path.startsWith('/') ? path : `/${path}`;
}

/** The request for one table entry: placeholders filled, tenant placed, path override applied. */
export function buildRequest(call: GeneroCall): ApiRequestOptions {
	const values = call.values ?? {};
	let url = fillPath(call.pathOverride ?? call.endpoint.path, values);
	const qs: IDataObject = { ...fillQuery(call.endpoint.qs, values), ...call.qs };
	const headers: IDataObject = {};
	const tenant = call.tenant?.trim();
	if (tenant) {
		const placement = call.tenantPlacement;
		if (placement.in === 'query') qs[placement.name] = tenant;
		else if (placement.in === 'header') headers[placement.name] = tenant;
		else url = `${fillPath(placement.template, { tenant })}${url}`;
	}
	return {
		method: call.endpoint.method,
		url,
		qs: Object.keys(qs).length > 0 ? qs : undefined,
		headers: Object.keys(headers).length > 0 ? headers : undefined,
		body: call.body,
	};
}

export async function generoRequest(
	this: IExecuteFunctions,
	credentialType: string,
	call: GeneroCall,
	itemIndex: number,
	gate?: RequestGate,
): Promise<unknown> {
	const options = { ...buildRequest(call), gate };
	return (await apiRequest.call(this, credentialType, options, itemIndex)) as unknown;
}
