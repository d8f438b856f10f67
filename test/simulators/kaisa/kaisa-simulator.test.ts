import {
	CdrStore,
	type CdrQuery,
	DEFAULT_CLIENT,
	KAISA_PATHS,
	KaisaSimulator,
	ManualClock,
	parseKaisaDateTime,
	tinyWav,
} from '..';

const customers = Array.from({ length: 4 }, (_, i) => ({
	customer_id: String(10 + i),
	custnr: `C${i}`,
	name: `C ${i}`,
}));
const sources = Array.from({ length: 8 }, (_, j) => ({
	source_id: String(100 + j),
	customer_id: customers[j % 4].customer_id,
	custnr: customers[j % 4].custnr,
	name: `S ${j}`,
	number: `+4685000000${j}`,
	destnr: `+4681200000${j}`,
	class: 'offline',
	campaign_id: '1',
	status: 'active',
}));

describe('CdrStore', () => {
	const store = new CdrStore(customers, sources, {
		count: 503,
		outboundCount: 20,
		start: Date.UTC(2026, 0, 14),
		spacingMs: 60_000,
	});
	const all = Array.from({ length: 503 }, (_, i) => store.cdr('in', i));

	test.each<[Partial<CdrQuery>]>([
		[{}],
		[{ from: Date.UTC(2026, 0, 14, 1, 0, 30), to: Date.UTC(2026, 0, 14, 5, 0, 0) }],
		[{ customerId: '12' }],
		[{ custnr: 'C3', to: Date.UTC(2026, 0, 14, 3, 0, 0) }],
		[{ customerId: '11', custnr: 'C1', sourceId: '105' }],
		[{ customerId: '11', sourceId: '106' }],
		[{ customerId: '11', custnr: 'C2' }],
		[{ cdrId: '100000321' }],
		[{ cdrId: '100000321', customerId: '10' }],
		[{ from: Date.UTC(2026, 0, 20) }],
	])('%j matches a brute-force filter, in both orders and over pages', (filters) => {
		const q: CdrQuery = { direction: 'in', newestFirst: false, extended: false, ...filters };
		const expected = all.filter((row) => {
			const start = parseKaisaDateTime(row.start as string) as number;
			return (
				(q.from === undefined || start >= q.from) &&
				(q.to === undefined || start <= q.to) &&
				(q.customerId === undefined || row.customer_id === q.customerId) &&
				(q.custnr === undefined || row.custnr === q.custnr) &&
				(q.sourceId === undefined || row.source_id === q.sourceId) &&
				(q.cdrId === undefined || row.cdr_id === q.cdrId)
			);
		});
		const paged = (newestFirst: boolean) => {
			const rows = [];
			for (let page = 0; page < 100; page++) {
				const { total, rows: chunk } = store.page({ ...q, newestFirst }, page, 37);
				expect(total).toBe(expected.length);
				if (chunk.length === 0) break;
				rows.push(...chunk);
			}
			return rows;
		};
		expect(paged(false)).toEqual(expected);
		expect(paged(true)).toEqual([...expected].reverse());
	});

	test('rows are deterministic and cheap: nothing is stored', () => {
		expect(store.cdr('in', 7)).toEqual(
			new CdrStore(customers, sources, { start: Date.UTC(2026, 0, 14), spacingMs: 60_000 }).cdr(
				'in',
				7,
			),
		);
		expect(store.cdr('in', 7)).toMatchObject({
			cdr_id: '100000007',
			start: '2026-01-14 00:07:00',
			answered: 0,
			duration: 0,
		});
		expect(store.cdr('out', 7)).toMatchObject({
			cdr_id: '200000007',
			anum: sources[7].destnr,
			cnum: null,
			recording_id: null,
		});
		expect(
			store.page({ direction: 'out', newestFirst: false, extended: true }, 0, 1000).rows[0],
		).toHaveProperty('customer_name', 'C 0');
	});
});

describe('KaisaSimulator resources', () => {
	let sim: KaisaSimulator;
	let token: string;
	const api = (path: string, init: RequestInit = {}) =>
		fetch(`${sim.url}/${sim.version}${path}`, {
			...init,
			headers: { authorization: `Bearer ${token}`, ...init.headers },
		});
	const form = (fields: Record<string, string>, method = 'POST'): RequestInit => ({
		method,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});

	beforeAll(async () => {
		sim = new KaisaSimulator({ clock: new ManualClock() });
		await sim.start();
		const answer = await fetch(
			`${sim.url}${KAISA_PATHS.token}`,
			form({
				grant_type: 'client_credentials',
				client_id: DEFAULT_CLIENT.clientId,
				client_secret: DEFAULT_CLIENT.clientSecret,
			}),
		);
		token = ((await answer.json()) as { access_token: string }).access_token;
	});

	afterAll(async () => {
		await sim.close();
	});

	test('customers: create (form only, validated), read, update, delete', async () => {
		expect(
			(
				await api('/customers', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{"name":"A","custnr":"B"}',
				})
			).status,
		).toBe(415);
		const invalid = await api('/customers', form({ name: 'x'.repeat(61), custnr: '', foo: '1' }));
		expect(invalid.status).toBe(400);
		expect(
			((await invalid.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field),
		).toEqual(['foo', 'name', 'custnr']);

		const created = (await (
			await api('/customers', form({ name: 'New', custnr: 'N-1', custom_20: 'z' }))
		).json()) as { customers: Array<{ customer_id: string }> };
		const id = created.customers[0].customer_id;
		expect(
			((await (await api(`/customers?customer_id=${id}`)).json()) as { customers: unknown[] })
				.customers,
		).toEqual([{ customer_id: id, name: 'New', custnr: 'N-1', custom_20: 'z' }]);
		expect((await api('/customers', form({ customer_id: id, email: 'bad' }, 'PUT'))).status).toBe(
			400,
		);
		expect(
			(await api('/customers', form({ customer_id: id, email: 'a@b.se' }, 'PUT'))).status,
		).toBe(200);
		expect((await api(`/customers?customer_id=${id}`, { method: 'DELETE' })).status).toBe(200);
		expect((await api(`/customers?customer_id=${id}`, { method: 'DELETE' })).status).toBe(404);
	});

	test('calls: date format and order checked; recordings carry base64 audio; SMS numbers checked', async () => {
		expect((await api('/statistics/cdrs?from_date=2026-01-14T00:00:00Z')).status).toBe(400);
		expect(
			(await api('/statistics/cdrs?from_date=2026-01-15%2000:00:00&to_date=2026-01-14%2000:00:00'))
				.status,
		).toBe(400);
		const page = (await (await api('/statistics/cdrs?page=20&pagesize=1000')).json()) as Record<
			string,
			unknown
		>;
		expect(page).toMatchObject({ total: 20_500, page: 20, pagesize: 1000, numpages: 21 });
		expect((page.cdrs as unknown[]).length).toBe(500);

		const recording = (await (await api('/recordings?recording_id=9001')).json()) as {
			recordings: Array<{ sounddata: string }>;
		};
		expect(Buffer.from(recording.recordings[0].sounddata, 'base64')).toEqual(tinyWav());

		const sms = await api(
			'/textmessages/sms',
			form({ customer_id: '5000', msg: 'Hi', from_nr: '+46850000012', to_nr: '070123' }),
		);
		expect(sms.status).toBe(400);
		expect(sim.sentSms).toHaveLength(0);
	});
});
