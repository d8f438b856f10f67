import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** What the failing call was about, so the message can name it. */
export interface ErrorContext {
	entityId?: string;
	draftId?: string;
	version?: number;
}

const REQUIRED =
	/(permission|scope)s?\s+(?:is|are)\s+required:?\s*([^;(]+?)\.?\s*(?:\([^)]*\))?(?:;|$)/i;

/**
 * What a Fenergo 403 text asks for: "Following permissions are required: A, B" gives
 * "the permissions A and B", "At least one of the following permissions is required: A, B" gives
 * "the permission A or B".
 */
export function missingPermission(text: string | undefined): string | undefined {
	const match = REQUIRED.exec(text ?? '');
	if (!match) return undefined;
	const kind = match[1].toLowerCase();
	const names = match[2]
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (names.length === 0) return undefined;
	if (names.length === 1) return `the ${kind} ${names[0]}`;
	const anyOf = /one of/i.test(text ?? '');
	const last = names.pop() as string;
	return anyOf
		? `the ${kind} ${names.join(', ')} or ${last}`
		: `the ${kind}s ${names.join(', ')} and ${last}`;
}

function notFound(context: ErrorContext): string {
	if (context.draftId && context.entityId)
		return `Draft ${context.draftId} of entity ${context.entityId} was not found`;
	if (context.version !== undefined && context.entityId)
		return `Version ${context.version} of entity ${context.entityId} was not found`;
	if (context.entityId) return `Entity ${context.entityId} was not found`;
	return 'Fenergo found nothing at this address';
}

/**
 * The transport's NodeApiError in Fenergo's terms: what was not found, which permission is missing,
 * what to do about a stale version. Fenergo's own text stays the description.
 */
export function fenergoError(
	node: INode,
	error: NodeApiError,
	context: ErrorContext,
	itemIndex: number,
): NodeApiError {
	const status = Number(error.httpCode);
	const said = error.description ?? undefined;
	let message: string;
	let hint: string | undefined;
	switch (status) {
		case 400:
			message = 'Fenergo rejected the request';
			hint = 'Check the fields named in the description.';
			break;
		case 403: {
			const permission = missingPermission(said);
			message = permission
				? `The Fenergo API client lacks ${permission}`
				: 'Fenergo refused access to this operation';
			hint =
				"Grant the permission to the API client's role in Fenergo, or use a client that has it.";
			break;
		}
		case 404:
			message = `${notFound(context)} in this Fenergo tenant`;
			hint = "Check the id, and that the credential's Tenant ID is the tenant holding the record.";
			break;
		case 409:
			message = context.draftId
				? `Draft ${context.draftId} changed since it was read (stale version)`
				: 'The record changed since it was read (stale version)';
			hint = 'Read the draft again and retry with its current version.';
			break;
		case 410:
			message = 'This Fenergo endpoint is obsolete and was switched off';
			hint = 'Update the node to a version that uses the current Fenergo API.';
			break;
		case 429:
			message = 'Fenergo kept limiting requests after the announced wait';
			hint =
				'Lower the pace of the workflow (Entity Data Command allows 200 calls a minute per tenant) and retry later.';
			break;
		default:
			return error;
	}
	return new NodeApiError(node, { statusCode: status } as JsonObject, {
		message: `${message} (HTTP ${status})`,
		description: [said, hint].filter(Boolean).join(' — '),
		httpCode: String(status),
		itemIndex,
	});
}
