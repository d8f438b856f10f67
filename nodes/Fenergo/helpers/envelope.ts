import type { IDataObject } from 'n8n-workflow';

/** One entry of a Fenergo response's `messages`. */
export interface FenergoMessage extends IDataObject {
	message?: string | null;
	type?: string | null;
	errorCode?: string | null;
}

export interface Envelope {
	data: unknown;
	messages: FenergoMessage[];
}

/** `{data, messages}` from a response body; an empty body (202 without content) has neither. */
export function readEnvelope(body: unknown): Envelope {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return { data: null, messages: [] };
	const { data, messages } = body as { data?: unknown; messages?: unknown };
	const list = Array.isArray(messages)
		? messages.filter(
				(entry): entry is FenergoMessage => typeof entry === 'object' && entry !== null,
			)
		: [];
	return { data: data ?? null, messages: list };
}

export const isFailure = (message: FenergoMessage): boolean =>
	message.type === 'Error' || message.type === 'Forbidden';

export const isWarning = (message: FenergoMessage): boolean => message.type === 'Warning';

/** "message (errorCode); message (errorCode)". */
export function messagesText(messages: FenergoMessage[]): string {
	return messages
		.map((entry) => {
			const text = entry.message?.trim() || 'No message';
			return entry.errorCode ? `${text} (${entry.errorCode})` : text;
		})
		.join('; ');
}

/** Keeps Fenergo's warnings on an output item under `_messages`. */
export function withWarnings(json: IDataObject, warnings: FenergoMessage[]): IDataObject {
	return warnings.length > 0
		? { ...json, _messages: warnings.map((entry) => ({ ...entry })) }
		: json;
}
