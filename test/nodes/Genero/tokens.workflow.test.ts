import {
	DAY_MS,
	generoNode,
	startGeneroTestbed,
	warehouseNode,
	type GeneroTestbed,
} from './testbed';

let bed: GeneroTestbed;

beforeEach(async () => {
	bed = await startGeneroTestbed();
});

afterEach(async () => {
	await bed.close();
});

const nightlyImport = () =>
	generoNode({
		resource: 'customer',
		operation: 'import',
		mappingMode: 'defineBelow',
		externalId: '={{ "N-" + $json.index }}',
		name: '={{ "Nightly " + $json.index }}',
	});

/**
 * Genero tokens live 30 days and a client may fetch 5 a day and 150 a month. The engine treats a
 * token as fresh until 5 minutes before it expires (10 % of the lifetime, at most 5 minutes).
 * Runs on days 0…29 at the same hour all fall within the first token's fresh period
 * (day 29 is 1 day before its expiry), so 30 nightly runs fetch exactly 1 token; the run on day 30
 * is past expiry minus 5 minutes and fetches the 2nd.
 */
test('a month of nightly imports fetches one token; day 30 fetches the second', async () => {
	bed.save('wf-nightly', nightlyImport(), 3);

	for (let day = 0; day < 30; day++) {
		if (day > 0) bed.clock.advance(DAY_MS);
		const result = await bed.run('wf-nightly');
		expect(result.status).toBe('success');
	}
	expect(bed.sim.stats.tokensIssued).toBe(1);
	expect(bed.sim.publicApi.batchCalls).toHaveLength(30);
	expect(bed.sim.stats.api401).toBe(0);

	bed.clock.advance(DAY_MS);
	expect((await bed.run('wf-nightly')).status).toBe('success');
	expect(bed.sim.stats.tokensIssued).toBe(2);
	expect(bed.sim.stats.api401).toBe(0);
});

test('after a restart, nightly runs and a manual test click reuse the stored token', async () => {
	bed.save('wf-nightly', nightlyImport(), 1);
	expect((await bed.run('wf-nightly')).status).toBe('success');
	expect(bed.sim.stats.tokensIssued).toBe(1);

	for (let night = 0; night < 5; night++) {
		bed.restart(); // memory gone: the sealed token in the workflow's static data remains
		bed.clock.advance(DAY_MS);
		expect((await bed.run('wf-nightly')).status).toBe('success');
	}
	bed.restart();
	const manual = await bed.run('wf-nightly', { mode: 'manual' });
	expect(manual.status).toBe('success');
	expect(bed.sim.stats.tokensIssued).toBe(1);
	// The static data holds the token sealed, never in clear.
	const stored = JSON.stringify(bed.harness.staticData('wf-nightly'));
	const token = [...bed.sim.tokens.keys()][0];
	expect(stored).toContain('clientCredentialsTokens');
	expect(stored).not.toContain(token);
});

test('the Data Warehouse node keeps its own (other audience) token just as long', async () => {
	bed.sim.warehouse.seed('Customer', 3, Date.UTC(2025, 11, 1));
	bed.save(
		'wf-dw',
		warehouseNode({
			entity: { __rl: true, mode: 'name', value: 'Customer' },
			mode: 'all',
			returnAll: true,
		}),
	);
	for (let day = 0; day < 30; day++) {
		if (day > 0) bed.clock.advance(DAY_MS);
		expect((await bed.run('wf-dw')).outputs['Genero Data Warehouse']).toHaveLength(3);
	}
	expect(bed.sim.stats.tokensIssued).toBe(1);
	const [record] = [...bed.sim.tokens.values()];
	expect(record.audience).toBe('https://prod.generosales.com/api/externalschema');
	expect(record.scope).toBe('read:externalschema');
});
