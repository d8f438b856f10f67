import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldError, readRequiredText } from '../../helpers/validation';
import { kaisaRequest, resultRows } from '../../transport';
import { customerIdField } from '../common.descriptions';

const properties: INodeProperties[] = [customerIdField];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const customerId = readRequiredText.call(this, 'customerId', itemIndex, 'Customer ID');
	const body = await kaisaRequest.call(this, itemIndex, 'GET', '/customers', { customer_id: customerId });
	const customer = resultRows(body, 'customers').find((row) => String(row.customer_id) === customerId);
	if (!customer) {
		throw fieldError(this.getNode(), itemIndex, `No customer with ID ${customerId}`, "Kaisa has no customer with this 'Customer ID' that your client may see. Check the ID.");
	}
	returnData.push({ json: customer, pairedItem: { item: itemIndex } });
}
