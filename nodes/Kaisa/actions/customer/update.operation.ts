import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldError, readText, requireText } from '../../helpers/validation';
import { kaisaRequest, resultRows } from '../../transport';
import { customerForm, customerIdField, custnrField, nameField, optionalCustomerFields } from './fields';

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
	const customerId = requireText(node, itemIndex, readText.call(this, 'customerId', itemIndex), 'Customer ID');
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const form = customerForm.call(this, itemIndex, changes, false);
	if (Object.keys(form).length === 0) {
		throw fieldError(node, itemIndex, 'Nothing to update', "Add at least one field under 'Update Fields'.");
	}
	const body = await kaisaRequest.call(this, itemIndex, 'PUT', '/customers', { customer_id: customerId, ...form });
	const [customer] = resultRows(body, 'customers');
	returnData.push({ json: customer ?? body, pairedItem: { item: itemIndex } });
}
