import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { firstRow } from '../../helpers/items';
import { kaisaRequest } from '../../transport';
import { parallelOptions } from '../parallel';
import { customerForm, custnrField, nameField, optionalCustomerFields } from './fields';

const properties: INodeProperties[] = [
	{ ...nameField, required: true },
	{ ...custnrField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalCustomerFields,
	},
	parallelOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['create'] } },
	properties,
);

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return customerForm.call(
		this,
		itemIndex,
		{
			...additional,
			name: this.getNodeParameter('name', itemIndex, ''),
			custnr: this.getNodeParameter('custnr', itemIndex, ''),
		},
		true,
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	form: IDataObject,
): Promise<IDataObject> {
	const body = await kaisaRequest.call(this, itemIndex, 'POST', '/customers', form);
	return firstRow(body, 'customers');
}
