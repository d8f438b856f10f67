import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldError, requireText } from '../../../shared/parameters/fields';
import { firstRow } from '../../helpers/items';
import { kaisaRequest } from '../../transport';
import { customerIdField } from '../common.descriptions';
import { parallelOptions } from '../parallel';
import { customerForm, custnrField, nameField, optionalCustomerFields } from './fields';

const properties: INodeProperties[] = [
	customerIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			optionalCustomerFields[0],
			optionalCustomerFields[1],
			custnrField,
			optionalCustomerFields[2],
			nameField,
		],
	},
	parallelOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['update'] } },
	properties,
);

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const customerId = requireText(
		node,
		itemIndex,
		this.getNodeParameter('customerId', itemIndex, ''),
		'Customer ID',
	);
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const form = customerForm.call(this, itemIndex, changes, false);
	if (Object.keys(form).length === 0) {
		throw fieldError(
			node,
			itemIndex,
			'Nothing to update',
			"Add at least one field under 'Update Fields'.",
		);
	}
	return { customer_id: customerId, ...form };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	form: IDataObject,
): Promise<IDataObject> {
	const body = await kaisaRequest.call(this, itemIndex, 'PUT', '/customers', form);
	return firstRow(body, 'customers');
}
