import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pushFirstRow } from '../../helpers/items';
import { fieldError, readRequiredText } from '../../helpers/validation';
import { kaisaRequest } from '../../transport';
import { customerIdField } from '../common.descriptions';
import { customerForm, custnrField, nameField, optionalCustomerFields } from './fields';

const properties: INodeProperties[] = [
	customerIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [optionalCustomerFields[0], optionalCustomerFields[1], custnrField, optionalCustomerFields[2], nameField],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const node = this.getNode();
	const customerId = readRequiredText.call(this, 'customerId', itemIndex, 'Customer ID');
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const form = customerForm.call(this, itemIndex, changes, false);
	if (Object.keys(form).length === 0) {
		throw fieldError(node, itemIndex, 'Nothing to update', "Add at least one field under 'Update Fields'.");
	}
	const body = await kaisaRequest.call(this, itemIndex, 'PUT', '/customers', { customer_id: customerId, ...form });
	pushFirstRow(returnData, body, 'customers', itemIndex);
}
