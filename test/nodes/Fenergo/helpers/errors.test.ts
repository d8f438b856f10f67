import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { fenergoError, missingPermission } from '../../../../nodes/Fenergo/helpers/errors';
import {
	messagesText,
	readEnvelope,
	withWarnings,
} from '../../../../nodes/Fenergo/helpers/envelope';

const node: INode = {
	id: 'n',
	name: 'Fenergo',
	type: 'fenergo',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const transportError = (status: number, description?: string) =>
	new NodeApiError(node, { statusCode: status } as JsonObject, {
		message: `advice (HTTP ${status})`,
		description,
		httpCode: String(status),
	});

describe('Fenergo error wording', () => {
	it("finds the missing permission or scope in Fenergo's 403 text", () => {
		expect(
			missingPermission('Access denied. Following permissions are required: EntityDataApprove'),
		).toBe('the permission EntityDataApprove');
		expect(
			missingPermission(
				'Access denied. Following permissions are required: Permission1, Permission2',
			),
		).toBe('the permissions Permission1 and Permission2');
		expect(
			missingPermission(
				'Access denied. At least one of the following permissions is required: A, B, C',
			),
		).toBe('the permission A, B or C');
		expect(
			missingPermission(
				'Access denied. One of the following scopes is required: fenx.all, fenx.entitydata.write',
			),
		).toBe('the scope fenx.all or fenx.entitydata.write');
		expect(missingPermission('Access denied.')).toBeUndefined();
	});

	it("keeps the status and Fenergo's words, adds what to do", () => {
		const error = fenergoError(
			node,
			transportError(409, 'There are conflicts (CONFLICT)'),
			{ entityId: 'e', draftId: 'd' },
			2,
		);
		expect(error).toMatchObject({
			httpCode: '409',
			message: 'Draft d changed since it was read (stale version) (HTTP 409)',
		});
		expect(error.description).toBe(
			'There are conflicts (CONFLICT) — Read the draft again and retry with its current version.',
		);
		expect(error.context.itemIndex).toBe(2);
	});

	it("leaves other statuses to the transport's wording", () => {
		const original = transportError(502, 'Bad gateway');
		expect(fenergoError(node, original, {}, 0)).toBe(original);
	});
});

describe('Fenergo envelope', () => {
	it('reads data and messages, and an empty 202 as no data', () => {
		expect(readEnvelope({ data: { id: 'x' }, messages: [{ message: 'm', type: 'Info' }] })).toEqual(
			{
				data: { id: 'x' },
				messages: [{ message: 'm', type: 'Info' }],
			},
		);
		expect(readEnvelope('')).toEqual({ data: null, messages: [] });
		expect(readEnvelope({ data: null, messages: null })).toEqual({ data: null, messages: [] });
	});

	it('words messages with their codes, and keeps warnings on items only when there are some', () => {
		expect(messagesText([{ message: 'Not found', errorCode: 'NF' }, { message: 'Second' }])).toBe(
			'Not found (NF); Second',
		);
		expect(withWarnings({ id: 1 }, [])).toEqual({ id: 1 });
		expect(withWarnings({ id: 1 }, [{ message: 'w', type: 'Warning' }])).toEqual({
			id: 1,
			_messages: [{ message: 'w', type: 'Warning' }],
		});
	});
});
