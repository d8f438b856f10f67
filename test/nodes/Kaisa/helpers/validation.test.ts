import { NodeOperationError, type INode } from 'n8n-workflow';

import {
	checkEmail,
	checkMaxLength,
	requirePhone,
	toE164,
} from '../../../../nodes/Kaisa/helpers/validation';
import { requireText } from '../../../../nodes/shared/parameters/fields';

const node = {
	name: 'Kaisa',
	type: 'n8n-nodes-client-credentials.kaisa',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as unknown as INode;

function failure(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a failure');
}

describe('toE164', () => {
	test.each([
		['+46701234567', '+46701234567'],
		['+46 70 123 45 67', '+46701234567'],
		['+1 (212) 555-0100', '+12125550100'],
		['+44.20.7946.0018', '+442079460018'],
		['+12345678', '+12345678'],
		['+123456789012345', '+123456789012345'],
	])('%s → %s', (input, expected) => {
		expect(toE164(node, 0, input, 'To')).toBe(expected);
	});

	test.each([
		'0701234567',
		'+0701234567',
		'+1234567',
		'+1234567890123456',
		'46701234567',
		'+46 70 ABC',
		'KAISA',
	])('%s is refused', (input) => {
		const error = failure(() => toE164(node, 3, input, 'To'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe("The 'To' field is not a phone number in international format");
		expect(error.description).toContain(input);
		expect((error.context as { itemIndex?: number }).itemIndex).toBe(3);
	});
});

test('checkMaxLength counts characters and names the limit', () => {
	expect(checkMaxLength(node, 0, 'å'.repeat(60), 'Name', 60)).toBe('å'.repeat(60));
	const error = failure(() => checkMaxLength(node, 0, 'å'.repeat(61), 'Name', 60));
	expect(error.message).toBe("The 'Name' field is too long");
	expect(error.description).toBe(
		"Kaisa accepts at most 60 characters for 'Name'; this value has 61. Shorten it.",
	);
});

test('requirePhone: empty names the field, anything else is checked as E.164', () => {
	expect(requirePhone(node, 0, ' +46 70 123 45 67 ', 'From')).toBe('+46701234567');
	expect(failure(() => requirePhone(node, 0, '  ', 'From')).message).toBe(
		"The 'From' field is empty",
	);
	expect(failure(() => requirePhone(node, 0, 46701234567, 'From')).message).toBe(
		"The 'From' field is not a phone number in international format",
	);
});

test('requireText and checkEmail', () => {
	expect(failure(() => requireText(node, 0, '', 'Customer ID')).message).toBe(
		"The 'Customer ID' field is empty",
	);
	expect(checkEmail(node, 0, 'a@b.se', 'Email')).toBe('a@b.se');
	expect(failure(() => checkEmail(node, 0, 'a@b', 'Email')).message).toBe(
		"The 'Email' field is not an email address",
	);
});
