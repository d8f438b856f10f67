import { Simulator, sendJson, type SimulatorOptions } from './base';

/**
 * A sample ERP for the Genero import example under `npm start` and in the e2e: `GET /api/customers`
 * answers a JSON array of customer rows in the field names the example maps (`customerNo`, `name`,
 * `orgNo`, `street`, `zip`, `city`, `email`, `chainCode`); `?active=true` leaves out inactive ones.
 * No authentication: it stands in for whatever ERP endpoint a user reads from.
 */
export const ERP_PATHS = { customers: '/api/customers' } as const;

export interface ErpCustomer {
	customerNo: string;
	name: string;
	orgNo: string;
	street: string;
	zip: string;
	city: string;
	email: string;
	chainCode: string;
	active: boolean;
}

export interface SampleErpOptions extends SimulatorOptions {
	/** Customers generated (default 250, every tenth inactive). */
	count?: number;
}

const SHOPS = ['ICA Nära', 'Coop', 'Hemköp', 'Willys', 'Lidl', 'City Gross', 'Tempo'];
const CITIES: Array<[string, string]> = [
	['Stockholm', '111 20'],
	['Göteborg', '411 05'],
	['Malmö', '211 20'],
	['Uppsala', '753 20'],
	['Västerås', '722 15'],
	['Örebro', '702 10'],
	['Linköping', '582 22'],
];
const CHAINS = ['ICA', 'COOP', 'AXFOOD', 'LIDL', 'CITYGROSS', 'AXFOOD', 'COOP'];

export function sampleErpCustomers(count = 250): ErpCustomer[] {
	return Array.from({ length: count }, (_, index) => {
		const n = index + 1;
		const [city, zip] = CITIES[index % CITIES.length];
		const shop = SHOPS[index % SHOPS.length];
		const customerNo = String(20_000 + n);
		return {
			customerNo,
			name: `${shop} ${city} ${n}`,
			orgNo: `556${String(100_000 + ((n * 7919) % 900_000)).padStart(6, '0')}-${String(1000 + n).slice(-4)}`,
			street: `Storgatan ${1 + (n % 90)}`,
			zip,
			city,
			email: `store${customerNo}@example.com`,
			chainCode: CHAINS[index % CHAINS.length],
			active: n % 10 !== 0,
		};
	});
}

export class SampleErpSimulator extends Simulator {
	readonly customers: ErpCustomer[];

	constructor(options: SampleErpOptions = {}) {
		super(options);
		this.customers = sampleErpCustomers(options.count);
		this.addRoute('api', 'GET', ERP_PATHS.customers, (ctx) => {
			const active = ctx.query.get('active');
			const rows =
				active === null
					? this.customers
					: this.customers.filter((customer) => customer.active === (active === 'true'));
			sendJson(ctx.res, 200, rows);
		});
	}
}
