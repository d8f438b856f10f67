import type { IDataObject } from 'n8n-workflow';

import { callIdOf, typedFields } from './call-fields';

export type CallStage = 'pre-call' | 'post-call';

/** One request from Kaisa as the trigger reads it. */
export interface KaisaDelivery {
	stage: CallStage;
	/** The call's fields (inside `payload` when Kaisa signs the request). */
	fields: IDataObject;
	/** The request body as received. */
	raw: IDataObject;
	/** Kaisa's signature, passed on unchecked: its algorithm and key are not published. */
	sign?: string;
	callId?: string;
}

const PRE_CALL = new Set(['pre', 'pre-call', 'precall', 'pre_call']);

/**
 * Kaisa does not say in the request whether it is the pre-call or the post-call one, so the
 * pre-call request is marked by the user: `stage=pre-call` in its URL's query or in its body
 * template. Anything else is a post-call request. This function changes when Kaisa's marker is known.
 */
export function stageOf(query: IDataObject, fields: IDataObject): CallStage {
	const marker = [query.stage, fields.stage].find((value) => typeof value === 'string');
	return typeof marker === 'string' && PRE_CALL.has(marker.trim().toLowerCase())
		? 'pre-call'
		: 'post-call';
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A signed request's `payload`: a JSON object or url-encoded fields as text, or already an object. */
function readPayload(payload: unknown): IDataObject {
	if (isObject(payload)) return payload;
	if (typeof payload !== 'string') return {};
	const text = payload.trim();
	if (text.startsWith('{')) {
		try {
			const parsed: unknown = JSON.parse(text);
			return isObject(parsed) ? parsed : {};
		} catch {
			return {};
		}
	}
	const fields: IDataObject = {};
	for (const [name, value] of new URLSearchParams(text)) fields[name] ??= value;
	return fields;
}

/** The body n8n parsed (form-url-encoded or JSON) as one delivery; `fields` is empty when it carries no call. */
export function readDelivery(query: IDataObject, body: unknown): KaisaDelivery {
	const raw = isObject(body) ? body : {};
	const signed = 'payload' in raw;
	const fields = signed ? readPayload(raw.payload) : { ...raw };
	const stage = stageOf(query, signed ? { stage: raw.stage ?? fields.stage } : fields);
	delete fields.stage;
	const sign = typeof raw.sign === 'string' ? raw.sign : undefined;
	if (!signed && sign !== undefined) delete fields.sign;
	return {
		stage,
		fields,
		raw,
		...(sign !== undefined && { sign }),
		callId: callIdOf(fields),
	};
}

/** The workflow's item: the call's fields typed, the stage, `sign` when Kaisa sent one, the body as received. */
export function deliveryItem(delivery: KaisaDelivery): IDataObject {
	return {
		...typedFields(delivery.fields),
		stage: delivery.stage,
		...(delivery.sign !== undefined && { sign: delivery.sign }),
		raw: delivery.raw,
	};
}
