import { existsSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { KAISA_PARALLEL_DEFAULT } from '../../../nodes/Kaisa/actions/parallel';
import { Kaisa } from '../../../nodes/Kaisa/Kaisa.node';

const { description } = new Kaisa();
const byName = (name: string) =>
	description.properties.filter((property) => property.name === name);
const values = (property: INodeProperties) =>
	(property.options as INodePropertyOptions[]).map((option) => option.value);

test('identity: name, credential, tool use, subtitle, icons', () => {
	expect(description).toMatchObject({
		name: 'kaisa',
		displayName: 'Kaisa',
		usableAsTool: true,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		credentials: [{ name: 'kaisaApi', required: true }],
	});
	const icon = description.icon as { light: string; dark: string };
	for (const file of [icon.light, icon.dark]) {
		expect(
			existsSync(path.join(__dirname, '../../../nodes/Kaisa', file.replace('file:', ''))),
		).toBe(true);
	}
});

test('the resources and operations the brief names', () => {
	const [resource] = byName('resource');
	expect(values(resource)).toEqual(['call', 'customer', 'recording', 'sms', 'source']);
	const operations = Object.fromEntries(
		byName('operation').map((operation) => [
			operation.displayOptions?.show?.resource?.[0],
			values(operation),
		]),
	);
	expect(operations).toEqual({
		call: ['confirmPosition', 'getMany'],
		customer: ['create', 'get', 'getMany', 'update'],
		recording: ['get'],
		sms: ['send'],
		source: ['create', 'getMany'],
	});
});

test('every field belongs to exactly one resource and operation', () => {
	const fields = description.properties.filter(
		(property) => !['resource', 'operation'].includes(property.name),
	);
	for (const field of fields) {
		expect(field.displayOptions?.show?.resource).toHaveLength(1);
		expect(field.displayOptions?.show?.operation).toHaveLength(1);
	}
});

test('ID fields take expressions; resource and operation do not', () => {
	const idFields = description.properties.filter((property) => /Id$/.test(property.name));
	expect(idFields.length).toBeGreaterThanOrEqual(5);
	for (const field of idFields) expect(field.noDataExpression).not.toBe(true);
	for (const field of [...byName('resource'), ...byName('operation')])
		expect(field.noDataExpression).toBe(true);
});

test('Parallel Requests (default 5) is offered where items are independent requests, not on the paged lists', () => {
	const withParallel = description.properties
		.filter((property) => property.name === 'options')
		.filter((property) =>
			(property.options as INodeProperties[]).some((option) => option.name === 'parallelRequests'),
		)
		.map(
			(property) =>
				`${property.displayOptions?.show?.resource?.[0]}.${property.displayOptions?.show?.operation?.[0]}`,
		);
	expect(withParallel.sort()).toEqual([
		'customer.create',
		'customer.get',
		'customer.update',
		'recording.get',
		'sms.send',
		'source.create',
	]);

	const parallel = description.properties
		.flatMap((property) =>
			property.name === 'options' ? (property.options as INodeProperties[]) : [],
		)
		.filter((option) => option.name === 'parallelRequests');
	expect(new Set(parallel.map((option) => option.default))).toEqual(
		new Set([KAISA_PARALLEL_DEFAULT]),
	);
	expect(KAISA_PARALLEL_DEFAULT).toBe(5);

	const [callOptions] = description.properties.filter(
		(property) =>
			property.name === 'options' && property.displayOptions?.show?.resource?.[0] === 'call',
	);
	expect((callOptions.options as INodeProperties[]).map((option) => option.name)).toEqual([
		'extended',
		'initialSince',
		'newestFirst',
		'overlapMinutes',
		'resetTo',
		'settleMinutes',
	]);
});
