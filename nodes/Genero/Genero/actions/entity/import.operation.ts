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
	entityFromFields,
	entityFromInput,
	entityPathOption,
	externalIdProperty,
	fieldsCollection,
	mainFieldProperties,
} from './fields';
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
					name: 'Use Input Item As Is',
					value: 'autoMapInputData',
					description: `Send each input item's JSON as the ${spec.displayName.toLowerCase()}; it must carry "${PUBLIC_API.externalIdField}"`,
				},
			],
			default: 'defineBelow',
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

	const rows: BatchRow[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const mode = this.getNodeParameter('mappingMode', itemIndex) as string;
			const entity =
				mode === 'autoMapInputData'
					? entityFromInput.call(this, spec, itemIndex)
					: entityFromFields.call(this, spec, itemIndex);
			rows.push({ itemIndex, entity, tenant: readTenant.call(this, itemIndex) });
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
