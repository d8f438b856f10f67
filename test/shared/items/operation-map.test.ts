import { NodeOperationError } from 'n8n-workflow';

import { chosenOperation } from '../../../nodes/shared/items/operation-map';
import { fakeExecute } from './fake-execute';

const operations = {
	entity: { get: 'get entity', search: 'search entities' },
	note: { create: 'create note' },
};

describe('chosenOperation', () => {
	it('picks the operation the Resource and Operation parameters name', () => {
		const context = fakeExecute(1, { parameters: { resource: 'entity', operation: 'search' } });
		expect(chosenOperation(context, operations)).toBe('search entities');
	});

	it.each([
		['entity', 'create'],
		['task', 'get'],
		['entity', 'toString'],
		['constructor', 'name'],
	])('refuses the unknown pair %s / %s naming both', (resource, operation) => {
		const context = fakeExecute(1, { parameters: { resource, operation } });
		const call = () => chosenOperation(context, operations);
		expect(call).toThrow(NodeOperationError);
		expect(call).toThrow(
			`The operation "${operation}" is not supported for the resource "${resource}"`,
		);
	});
});
