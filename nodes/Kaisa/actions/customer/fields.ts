import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asText, fieldError, requireText } from '../../../shared/parameters/fields';
import { asFormValue } from '../../helpers/items';
import { checkEmail, checkMaxLength } from '../../helpers/validation';
import { customFieldsOption } from '../common.descriptions';

export const NAME_MAX = 60;
export const CUSTNR_MAX = 45;

/** Fields Create offers as optional and Update offers all of. */
export const optionalCustomerFields: INodeProperties[] = [
	{
		displayName: 'Corporate ID',
		name: 'corporateId',
		type: 'string',
		default: '',
		description: 'Company registration number or similar (corporateid)',
	},
	customFieldsOption,
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
];

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Name of the customer, at most 60 characters',
};

export const custnrField: INodeProperties = {
	displayName: 'Customer Number',
	name: 'custnr',
	type: 'string',
	default: '',
	description: 'Your own number for the customer (custnr), at most 45 characters',
};

interface CustomerInput {
	name?: unknown;
	custnr?: unknown;
	email?: unknown;
	corporateId?: unknown;
	customFields?: { field?: Array<{ number?: unknown; value?: unknown }> };
}

/** Checked form fields for POST/PUT /customers; with `creating`, name and custnr must be there. */
export function customerForm(
	this: IExecuteFunctions,
	itemIndex: number,
	input: CustomerInput,
	creating: boolean,
): IDataObject {
	const node = this.getNode();
	const form: IDataObject = {};
	if (creating || input.name !== undefined) {
		form.name = checkMaxLength(
			node,
			itemIndex,
			requireText(node, itemIndex, input.name, 'Name'),
			'Name',
			NAME_MAX,
		);
	}
	if (creating || input.custnr !== undefined) {
		form.custnr = checkMaxLength(
			node,
			itemIndex,
			requireText(node, itemIndex, input.custnr, 'Customer Number'),
			'Customer Number',
			CUSTNR_MAX,
		);
	}
	const email = asText(input.email);
	if (email !== '') form.email = checkEmail(node, itemIndex, email, 'Email');
	const corporateId = asText(input.corporateId);
	if (corporateId !== '') form.corporateid = corporateId;

	for (const entry of input.customFields?.field ?? []) {
		const number = Number(entry.number);
		if (!Number.isInteger(number) || number < 1 || number > 20) {
			throw fieldError(
				node,
				itemIndex,
				"A 'Custom Fields' number is out of range",
				`Kaisa has custom fields 1 to 20; ${String(entry.number)} is not one of them.`,
			);
		}
		const key = `custom_${number}`;
		if (key in form) {
			throw fieldError(
				node,
				itemIndex,
				`Custom field ${number} is set twice`,
				`Remove one of the two entries for custom field ${number} under 'Custom Fields'.`,
			);
		}
		form[key] = asFormValue(entry.value);
	}
	return form;
}
