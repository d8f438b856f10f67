import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { asNodeError } from '../../../../shared/items/error-item';
import type { BatchOperation, BatchOutcome } from '../../../../shared/items/runner';
import { requireInteger } from '../../../../shared/parameters/fields';
import { readPathOption } from '../../../shared/path-option';
import { PUBLIC_API } from '../../../shared/paths';
import { readTenant } from '../../../shared/tenant';
import { batchBody, planBatches, readBatchResults, type BatchRow } from '../../helpers/batch';
import type { ResourceSpec } from '../resource';
import { entityRequest } from './call';
import {
	entityPathOption,
	externalIdProperty,
	fieldsCollection,
	mainFieldProperties,
} from './fields';
import { autoMapper, EXTRA_FIELDS, fieldsMapper, generoFields, type ExtraFields } from './mapping';
import { optionsCollection } from '../../../../shared/descriptions';

const MAX_BATCH = PUBLIC_API.batch.maxEntities;
/** How many failed rows the error of a run without continueOnFail lists. */
const LISTED_FAILURES = 10;

export function description(spec: ResourceSpec): INodeProperties[] {
	const defineBelow = { show: { mappingMode: ['defineBelow'] } };
	return updateDisplayOptions({ show: { resource: [spec.resource], operation: ['import'] } }, [
		{
			displayName: 'Mapping Mode',
			name: 'mappingMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Map Each Field Below',
					value: 'defineBelow',
					description: `Build each ${spec.displayName.toLowerCase()} from the fields below (expressions per item)`,
				},
				{
					name: 'Map Automatically',
					value: 'autoMapInputData',
					description: `Take the input fields named like Genero's ${spec.displayName.toLowerCase()} fields (${[...generoFields(spec).keys()].join(', ')}); no expression per field`,
				},
			],
			default: 'defineBelow',
		},
		{
			displayName: `Input fields are taken by their Genero names: ${[...generoFields(spec).keys()].join(', ')}. Rename others with an Edit Fields node first.`,
			name: 'autoMapNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { mappingMode: ['autoMapInputData'] } },
		},
		...updateDisplayOptions(defineBelow, [
			externalIdProperty(
				spec,
				`The ID your own system gives the ${spec.displayName.toLowerCase()}; Genero creates or updates by it`,
			),
			...mainFieldProperties(spec),
			fieldsCollection(spec, 'additionalFields'),
		]),
		optionsCollection([
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH },
				default: MAX_BATCH,
				description: `How many ${spec.plural} each call sends (Genero accepts at most ${MAX_BATCH.toLocaleString('en-US')})`,
			},
			{
				displayName: 'Handling Extra Fields',
				name: 'extraFields',
				type: 'options',
				displayOptions: { show: { '/mappingMode': ['autoMapInputData'] } },
				options: [
					{
						name: 'Send Them As Well',
						value: 'send',
						description:
							'Send input fields the node does not list unchanged (e.g. custom fields Genero knows)',
					},
					{
						name: 'Ignore Them',
						value: 'ignore',
						description: 'Send only the Genero fields the node lists',
					},
					{
						name: 'Stop With an Error',
						value: 'error',
						description: 'Fail the item, naming the fields (catches misspelt names)',
					},
				],
				default: 'send',
				description: `What Map Automatically does with input fields that are not Genero fields of the ${spec.displayName.toLowerCase()}`,
			},
			entityPathOption(PUBLIC_API.paths[spec.resource].import.path),
		]),
	]);
}

interface FailedRow {
	itemIndex: number;
	externalId: unknown;
	reason: string;
}

/**
 * All input items of the run become batch calls of up to 5,000 entities each (per tenant); each
 * entity's result goes back to its own item. Without continueOnFail every batch is still sent,
 * then the node fails naming the rejected rows; with it, rejected rows become error items.
 */
export function operation(spec: ResourceSpec): BatchOperation {
	return {
		async executeBatch(count) {
			return await importItems.call(this, spec, count);
		},
	};
}

async function importItems(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	count: number,
): Promise<BatchOutcome[]> {
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const idField = PUBLIC_API.externalIdField;
	const outcomes: Array<BatchOutcome | undefined> = new Array(count);
	const batchSize = requireInteger(
		node,
		0,
		this.getNodeParameter('options.batchSize', 0, MAX_BATCH),
		'Batch Size',
		1,
		MAX_BATCH,
	);
	const pathOverride = readPathOption.call(this, 0);
	// The parameters are read once for all items (the mode cannot vary per item).
	const mapEntity =
		this.getNodeParameter('mappingMode', 0) === 'autoMapInputData'
			? autoMapper.call(this, spec, readExtraFields.call(this))
			: fieldsMapper.call(this, spec);
	const rawTenant = this.getNodeParameter('tenant', 0, '', { rawExpressions: true });
	const tenantOf = (itemIndex: number) =>
		typeof rawTenant === 'string' && !rawTenant.startsWith('=')
			? rawTenant.trim()
			: readTenant.call(this, itemIndex);

	const rows: BatchRow[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const entity = mapEntity(itemIndex);
			rows.push({ itemIndex, entity, tenant: tenantOf(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(node, error, itemIndex);
			outcomes[itemIndex] = { ok: false, error };
		}
	}

	const failures: FailedRow[] = [];
	for (const batch of planBatches(rows, batchSize)) {
		const first = batch[0].itemIndex;
		let body: unknown;
		let callError: unknown;
		try {
			body = await entityRequest.call(
				this,
				first,
				spec,
				'import',
				{ pathOverride, tenant: batch[0].tenant },
				{ body: batchBody(batch) },
			);
		} catch (error) {
			callError = error ?? new Error('The batch call failed');
		}
		if (callError !== undefined) {
			if (!continueOnFail) throw asNodeError(node, callError, first);
			for (const row of batch)
				outcomes[row.itemIndex] = {
					ok: false,
					error: callError,
					extra: { [idField]: row.entity[idField] },
				};
			continue;
		}
		readBatchResults(body, batch).forEach((outcome, position) => {
			const { itemIndex } = batch[position];
			if (outcome.ok) {
				outcomes[itemIndex] = outcome;
				return;
			}
			const externalId = outcome.json[idField];
			failures.push({ itemIndex, externalId, reason: outcome.reason });
			const error = new NodeOperationError(
				node,
				`Genero rejected this ${spec.displayName.toLowerCase()}: ${outcome.reason}`,
				{ itemIndex },
			);
			outcomes[itemIndex] = { ok: false, error, extra: { [idField]: externalId } };
		});
	}

	if (failures.length > 0 && !continueOnFail)
		throw rejectedRowsError(node, spec, failures, rows.length);
	return Array.from(
		outcomes,
		(outcome) => outcome ?? { ok: false, error: new Error('No result for this item') },
	);
}

function readExtraFields(this: IExecuteFunctions): ExtraFields {
	const value = this.getNodeParameter('options.extraFields', 0, 'send');
	if ((EXTRA_FIELDS as readonly unknown[]).includes(value)) return value as ExtraFields;
	throw new NodeOperationError(this.getNode(), `Handling Extra Fields is "${String(value)}"`, {
		description: 'Choose Send Them As Well, Ignore Them or Stop With an Error.',
	});
}

function rejectedRowsError(
	node: INode,
	spec: ResourceSpec,
	failures: FailedRow[],
	sent: number,
): NodeOperationError {
	const describe = (failure: FailedRow) =>
		`item ${failure.itemIndex} ("${String(failure.externalId)}"): ${failure.reason}`;
	const [first] = failures;
	const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : '';
	const listed = failures.slice(0, LISTED_FAILURES).map(describe);
	if (failures.length > LISTED_FAILURES) listed.push(`… ${failures.length - LISTED_FAILURES} more`);
	return new NodeOperationError(
		node,
		`Genero rejected ${failures.length} of ${sent} ${spec.plural}: ${describe(first)}${more}`,
		{
			itemIndex: first.itemIndex,
			description: `Every batch was sent; the other ${spec.plural} were imported. Fix these rows, or turn on "On Error: Continue" to get them as error items:\n${listed.join('\n')}`,
		},
	);
}
