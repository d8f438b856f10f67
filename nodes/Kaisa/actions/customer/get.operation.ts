import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldError, requireText } from '../../../shared/parameters/fields';
import { kaisaRequest, resultRows } from '../../transport';
import { customerIdField } from '../common.descriptions';
import { parallelOptions } from '../parallel';

const properties: INodeProperties[] = [customerIdField, parallelOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	properties,
);

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('customerId', itemIndex, ''),
		'Customer ID',
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	customerId: string,
): Promise<IDataObject> {
	const body = await kaisaRequest.call(this, itemIndex, 'GET', '/customers', {
		customer_id: customerId,
	});
	const customer = resultRows(body, 'customers').find(
		(row) => String(row.customer_id) === customerId,
	);
	if (!customer) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			`No customer with ID ${customerId}`,
			"Kaisa has no customer with this 'Customer ID' that your client may see. Check the ID.",
		);
	}
	return customer;
}
