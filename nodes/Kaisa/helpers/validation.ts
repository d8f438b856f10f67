import type { INode } from 'n8n-workflow';

import { fieldError, requireText } from '../../shared/parameters/fields';

/** Checks that concern Kaisa's own limits and formats; the common readers are in nodes/shared/parameters. */

export function checkMaxLength(
	node: INode,
	itemIndex: number,
	value: string,
	label: string,
	max: number,
): string {
	if (value.length > max) {
		throw fieldError(
			node,
			itemIndex,
			`The '${label}' field is too long`,
			`Kaisa accepts at most ${max} characters for '${label}'; this value has ${value.length}. Shorten it.`,
		);
	}
	return value;
}

export function checkEmail(node: INode, itemIndex: number, value: string, label: string): string {
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
		throw fieldError(
			node,
			itemIndex,
			`The '${label}' field is not an email address`,
			`"${value}" has no user@domain form. Enter an address such as name@example.com.`,
		);
	}
	return value;
}

/** E.164: a `+`, then 8 to 15 digits, the first not 0. Spaces, dashes, dots and brackets are dropped first. */
export function toE164(node: INode, itemIndex: number, value: string, label: string): string {
	const compact = value.replace(/[\s\-().]/g, '');
	if (!/^\+[1-9]\d{7,14}$/.test(compact)) {
		throw fieldError(
			node,
			itemIndex,
			`The '${label}' field is not a phone number in international format`,
			`"${value}" must be in E.164 form: a + followed by the country code and number, 8 to 15 digits in all, e.g. +46701234567.`,
		);
	}
	return compact;
}

/** A required phone number, returned in E.164. */
export function requirePhone(
	node: INode,
	itemIndex: number,
	value: unknown,
	label: string,
): string {
	return toE164(node, itemIndex, requireText(node, itemIndex, value, label), label);
}
