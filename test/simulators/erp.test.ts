import { changeWarehouseRows, startProvider, WAREHOUSE_CHANGES } from '../../scripts/lib/providers';
import {
	CdrStore,
	ERP_PATHS,
	GeneroSimulator,
	ManualClock,
	recentCdrOptions,
	SampleErpSimulator,
	type ErpCustomer,
} from '.';

/** The data `npm start` and the e2e's examples use: the sample ERP, and dates relative to today. */

describe('SampleErpSimulator', () => {
	const erp = new SampleErpSimulator();
	beforeAll(async () => await erp.start());
	afterAll(async () => await erp.close());

	test('serves the customers in the fields the import example maps; ?active=true leaves out inactive ones', async () => {
		const all = (await (await fetch(`${erp.url}${ERP_PATHS.customers}`)).json()) as ErpCustomer[];
		const active = (await (
			await fetch(`${erp.url}${ERP_PATHS.customers}?active=true`)
		).json()) as ErpCustomer[];
		expect(all).toHaveLength(250);
		expect(active).toHaveLength(225);
		expect(active.every((customer) => customer.active)).toBe(true);
		expect(new Set(all.map((customer) => customer.customerNo)).size).toBe(250);
		for (const field of ['customerNo', 'name', 'orgNo', 'street', 'zip', 'city', 'chainCode'])
			expect(all.every((customer) => String(customer[field as keyof ErpCustomer]) !== '')).toBe(
				true,
			);
		expect(all.every((customer) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(customer.email))).toBe(true);
	});
});

describe('recentCdrOptions', () => {
	test('calls run from 00:00 UTC the day before yesterday to the end of today', () => {
		const now = Date.UTC(2026, 5, 10, 9, 30);
		const options = recentCdrOptions(now);
		const store = new CdrStore(
			[{ customer_id: '1', custnr: 'C1', name: 'C' }],
			[
				{
					source_id: '1',
					customer_id: '1',
					custnr: 'C1',
					name: 'S',
					number: '+1',
					destnr: '+2',
					class: 'offline',
					campaign_id: '1',
					status: 'active',
				},
			],
			options,
		);
		const yesterday = { from: Date.UTC(2026, 5, 9), to: Date.UTC(2026, 5, 10) - 1000 };
		const inbound = (window: { from: number; to: number }) =>
			store.page({ direction: 'in', newestFirst: false, extended: false, ...window }, 0, 1).total;
		expect(options.start).toBe(Date.UTC(2026, 5, 8));
		expect(inbound(yesterday)).toBe(2880);
		expect(inbound({ from: Date.UTC(2026, 5, 10), to: now })).toBeGreaterThan(0);
		expect(inbound({ from: Date.UTC(2026, 5, 11), to: Date.UTC(2026, 5, 12) })).toBe(0);
	});
});

describe('Data Warehouse rows that change while n8n runs', () => {
	test('changeWarehouseRows edits the Customer rows modified longest ago and adds an Order', () => {
		const clock = new ManualClock(Date.UTC(2026, 5, 10, 12));
		const sim = new GeneroSimulator({ clock });
		sim.warehouse.seed('Customer', 10, Date.UTC(2026, 5, 1), 60_000, () => ({ revision: 1 }));
		sim.warehouse.seed('Order', 2, Date.UTC(2026, 5, 1));
		const touched = changeWarehouseRows(sim);
		expect(touched).toEqual(['Customer-1', 'Customer-2', 'Customer-3', 'Order-3']);
		const now = new Date(clock.now()).toISOString();
		const changed = sim.warehouse.rows('Customer').filter((row) => row.modified === now);
		expect(changed.map((row) => [row.id, row.revision])).toEqual([
			['Customer-1', 2],
			['Customer-2', 2],
			['Customer-3', 2],
		]);
		clock.advance(60_000);
		expect(changeWarehouseRows(sim).slice(0, WAREHOUSE_CHANGES.modifiedCustomers)).toEqual([
			'Customer-4',
			'Customer-5',
			'Customer-6',
		]);
	});

	test('npm start seeds warehouse rows over the last 30 days; the jest data stays on 2026-01-01', async () => {
		const today = await startProvider('genero', undefined, 'today');
		const fixed = await startProvider('genero');
		try {
			const recent = (today.sim as GeneroSimulator).warehouse.rows('Customer');
			const old = (fixed.sim as GeneroSimulator).warehouse.rows('Customer');
			const ages = recent.map((row) => Date.now() - Date.parse(row.created));
			expect(recent).toHaveLength(120);
			expect(Math.min(...ages)).toBeGreaterThanOrEqual(3_600_000);
			expect(Math.max(...ages)).toBeLessThanOrEqual(31 * 86_400_000);
			expect(old[0].created).toBe('2026-01-01T00:00:00.000Z');
		} finally {
			await today.close();
			await fixed.close();
		}
	});
});
