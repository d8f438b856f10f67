import { NodeApiError, NodeOperationError, sleep, type IDataObject } from 'n8n-workflow';

import { InputError } from '../../../nodes/shared/items/input-error';
import { runBatch, runItems, type ItemOperation } from '../../../nodes/shared/items/runner';
import { TokenError } from '../../../nodes/shared/token/token-error';
import { fakeExecute, NODE } from './fake-execute';

const indexes = (items: Array<{ pairedItem?: unknown }>) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

/** An operation that answers after a delay that falls with the index, so later items finish first. */
function echo(failing: number[] = [], inFlight = { now: 0, max: 0 }): ItemOperation<number> {
	return {
		parallel: true,
		prepare: (itemIndex) => itemIndex * 10,
		async execute(itemIndex, input) {
			inFlight.now++;
			inFlight.max = Math.max(inFlight.max, inFlight.now);
			try {
				await sleep(Math.max(1, 20 - itemIndex));
				if (failing.includes(itemIndex)) throw new Error(`item ${itemIndex} failed`);
				return { itemIndex, input };
			} finally {
				inFlight.now--;
			}
		},
	};
}

describe('runItems', () => {
	it.each([1, 4])('keeps input order and pairing with %i at a time', async (parallel) => {
		const inFlight = { now: 0, max: 0 };
		const context = fakeExecute(12, { parameters: { 'options.parallelRequests': parallel } });
		const output = await runItems.call(context, echo([], inFlight));
		expect(output.map((item) => item.json.itemIndex)).toEqual([...Array(12).keys()]);
		expect(indexes(output)).toEqual([...Array(12).keys()]);
		expect(output[3].json.input).toBe(30);
		expect(inFlight.max).toBe(parallel);
	});

	it('runs an operation without parallel support one at a time whatever the setting', async () => {
		const inFlight = { now: 0, max: 0 };
		const context = fakeExecute(5, { parameters: { 'options.parallelRequests': 5 } });
		await runItems.call(context, { ...echo([], inFlight), parallel: false });
		expect(inFlight.max).toBe(1);
	});

	it.each([1, 4])(
		'with Continue On Fail gives each failed item one error item in place (%i at a time)',
		async (parallel) => {
			const context = fakeExecute(10, {
				continueOnFail: true,
				parameters: { 'options.parallelRequests': parallel },
			});
			const output = await runItems.call(context, echo([2, 7]));
			expect(indexes(output)).toEqual([...Array(10).keys()]);
			expect(output[2].json).toEqual({ error: 'item 2 failed' });
			expect(output[7].json).toEqual({ error: 'item 7 failed' });
			expect(output[3].json.itemIndex).toBe(3);
		},
	);

	it.each([1, 4])(
		'without Continue On Fail fails with the first failing item in input order (%i at a time)',
		async (parallel) => {
			const context = fakeExecute(10, { parameters: { 'options.parallelRequests': parallel } });
			const failure = await runItems.call(context, echo([6, 3])).catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(NodeOperationError);
			expect((failure as Error).message).toBe('item 3 failed');
		},
	);

	it('starts no item after a failure without Continue On Fail', async () => {
		const started: number[] = [];
		const context = fakeExecute(20, { parameters: { 'options.parallelRequests': 2 } });
		const operation: ItemOperation = {
			parallel: true,
			async execute(itemIndex) {
				started.push(itemIndex);
				await sleep(5);
				if (itemIndex === 1) throw new Error('stop');
			},
		};
		await expect(runItems.call(context, operation)).rejects.toThrow('stop');
		expect(Math.max(...started)).toBeLessThanOrEqual(3);
	});

	it('prepares every item before the first request', async () => {
		const calls: string[] = [];
		const operation: ItemOperation<number> = {
			prepare: (itemIndex) => {
				calls.push(`prepare ${itemIndex}`);
				if (itemIndex === 2) throw new InputError('bad field', 'Fix the field.');
				return itemIndex;
			},
			async execute(itemIndex) {
				calls.push(`execute ${itemIndex}`);
			},
		};
		await expect(runItems.call(fakeExecute(3), operation)).rejects.toThrow('bad field');
		expect(calls).toEqual(['prepare 0', 'prepare 1', 'prepare 2']);

		calls.length = 0;
		const output = await runItems.call(fakeExecute(3, { continueOnFail: true }), operation);
		expect(calls).toEqual(['prepare 0', 'prepare 1', 'prepare 2', 'execute 0', 'execute 1']);
		expect(output).toEqual([
			{ json: { error: 'bad field', description: 'Fix the field.' }, pairedItem: { item: 2 } },
		]);
	});

	it('withdraws the rows a streaming item had pushed before it failed', async () => {
		const operation: ItemOperation = {
			async execute(itemIndex, _input, output) {
				output.pushAll([{ row: 1 }, { row: 2 }]);
				if (itemIndex === 1) throw new Error('page 2 failed');
				output.push({ row: 3 }, { file: { data: 'AA==', mimeType: 'audio/mpeg' } });
			},
		};
		const output = await runItems.call(fakeExecute(3, { continueOnFail: true }), operation);
		expect(output.map((item) => [item.pairedItem, item.json])).toEqual([
			[{ item: 0 }, { row: 1 }],
			[{ item: 0 }, { row: 2 }],
			[{ item: 0 }, { row: 3 }],
			[{ item: 1 }, { error: 'page 2 failed' }],
			[{ item: 2 }, { row: 1 }],
			[{ item: 2 }, { row: 2 }],
			[{ item: 2 }, { row: 3 }],
		]);
		expect(output[2].binary?.file.mimeType).toBe('audio/mpeg');
	});

	it('fails every item when the shared check fails', async () => {
		const check = async () => {
			throw new InputError("The credential's 'Tenant ID' is not a GUID", 'Enter the tenant GUID.');
		};
		const output = await runItems.call(fakeExecute(2, { continueOnFail: true }), echo(), { check });
		expect(output.map((item) => item.json.error)).toEqual([
			"The credential's 'Tenant ID' is not a GUID",
			"The credential's 'Tenant ID' is not a GUID",
		]);
		await expect(runItems.call(fakeExecute(2), echo(), { check })).rejects.toThrow('Tenant ID');
	});

	it('keeps node errors, and makes token errors node errors of the item', async () => {
		const apiFailure = new NodeApiError(
			NODE,
			{ statusCode: 404 },
			{ message: 'Entity x was not found', description: 'Check the id.', itemIndex: 0 },
		);
		const operation: ItemOperation = {
			async execute(itemIndex) {
				if (itemIndex === 0) throw apiFailure;
				throw new TokenError('The token URL is not a URL', 'configuration', 'Enter the token URL.');
			},
		};
		const output = await runItems.call(fakeExecute(2, { continueOnFail: true }), operation);
		expect(output[0].json).toEqual({
			error: 'Entity x was not found',
			description: 'Check the id.',
		});
		expect(output[1].json).toEqual({
			error: 'The token URL is not a URL',
			description: 'Enter the token URL.',
		});
		await expect(runItems.call(fakeExecute(1), operation)).rejects.toBe(apiFailure);
	});

	it.each([0, 51, 2.5, 'ten'])('refuses Parallel Requests %p naming the field', async (value) => {
		const context = fakeExecute(2, { parameters: { 'options.parallelRequests': value } });
		await expect(runItems.call(context, echo())).rejects.toThrow(
			/Parallel Requests must be a whole number from 1 to 50/,
		);
	});
});

describe('runBatch', () => {
	it('places each outcome at its item, with the extra fields of a failed one', async () => {
		const operation = {
			executeBatch: async (count: number) =>
				Array.from({ length: count }, (_item, index) =>
					index === 1
						? { ok: false as const, error: new Error('rejected'), extra: { externalId: 'B' } }
						: { ok: true as const, json: { index } as IDataObject },
				),
		};
		const output = await runBatch.call(fakeExecute(3, { continueOnFail: true }), operation);
		expect(output).toEqual([
			{ json: { index: 0 }, pairedItem: { item: 0 } },
			{ json: { externalId: 'B', error: 'rejected' }, pairedItem: { item: 1 } },
			{ json: { index: 2 }, pairedItem: { item: 2 } },
		]);
		await expect(runBatch.call(fakeExecute(3), operation)).rejects.toThrow('rejected');
	});
});
