import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

/** A NodeOperationError that names the field and says what to do; raised before any call to Kaisa. */
export function fieldError(node: INode, itemIndex: number, message: string, description: string): NodeOperationError {
	return new NodeOperationError(node, message, { description, itemIndex });
}

/** A parameter as trimmed text: expressions may give numbers for IDs. */
export function readText(this: IExecuteFunctions, name: string, itemIndex: number, fallback = ''): string {
	return asText(this.getNodeParameter(name, itemIndex, fallback));
}

/** A required parameter as trimmed text; empty is an error naming `label`. */
export function readRequiredText(this: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	return requireText(this.getNode(), itemIndex, readText.call(this, name, itemIndex), label);
}

/** A required phone-number parameter, checked and returned in E.164. */
export function readPhone(this: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	return toE164(this.getNode(), itemIndex, readRequiredText.call(this, name, itemIndex, label), label);
}

export function asText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

export function requireText(node: INode, itemIndex: number, value: string, label: string): string {
	if (value === '') {
		throw fieldError(node, itemIndex, `The '${label}' field is empty`, `Enter a value for '${label}', or an expression that gives one.`);
	}
	return value;
}

export function checkMaxLength(node: INode, itemIndex: number, value: string, label: string, max: number): string {
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
		throw fieldError(node, itemIndex, `The '${label}' field is not an email address`, `"${value}" has no user@domain form. Enter an address such as name@example.com.`);
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
