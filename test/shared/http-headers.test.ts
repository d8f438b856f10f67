import { flatHeaders, headerValue } from '../../nodes/shared/http-headers';

describe('http headers', () => {
	const raw = {
		'Content-Type': 'application/json; charset=utf-8',
		'retry-after': ['120', '60'],
		'Set-Cookie': ['a=1', 'b=2'],
		'X-Rate-Limit-Reset': 1700000000,
		'X-Empty': undefined,
		'X-Null': null,
	};

	it('flattens to lower-cased names, joining repeated values and dropping absent ones', () => {
		expect(flatHeaders(raw)).toEqual({
			'content-type': 'application/json; charset=utf-8',
			'retry-after': '120, 60',
			'set-cookie': 'a=1, b=2',
			'x-rate-limit-reset': '1700000000',
		});
	});

	it('reads one header by name in any case, the first of repeated values, or an empty text', () => {
		expect(headerValue(raw, 'content-type')).toBe('application/json; charset=utf-8');
		expect(headerValue(raw, 'CONTENT-TYPE')).toBe('application/json; charset=utf-8');
		expect(headerValue(raw, 'Retry-After')).toBe('120');
		expect(headerValue(raw, 'x-rate-limit-reset')).toBe('1700000000');
		expect(headerValue(raw, 'x-empty')).toBe('');
		expect(headerValue(raw, 'x-null')).toBe('');
		expect(headerValue(raw, 'x-missing')).toBe('');
		expect(headerValue({ 'retry-after': [] }, 'retry-after')).toBe('');
	});

	it('treats missing or non-object headers as none', () => {
		for (const headers of [undefined, null, 'text', 42]) {
			expect(flatHeaders(headers)).toEqual({});
			expect(headerValue(headers, 'content-type')).toBe('');
		}
	});
});
