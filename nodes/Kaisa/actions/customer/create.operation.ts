import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pushFirstRow } from '../../helpers/items';
import { kaisaRequest } from '../../transport';
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
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const form = customerForm.call(
		this,
		itemIndex,
		{
			...additional,
			name: this.getNodeParameter('name', itemIndex, ''),
			custnr: this.getNodeParameter('custnr', itemIndex, ''),
		},
		true,
	);
	const body = await kaisaRequest.call(this, itemIndex, 'POST', '/customers', form);
	pushFirstRow(returnData, body, 'customers', itemIndex);
}
