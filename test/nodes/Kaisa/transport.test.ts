import { resultRows } from '../../../nodes/Kaisa/transport';

describe('resultRows', () => {
	test('reads the list wrapped under the resource name', () => {
		expect(resultRows({ customers: [{ customer_id: '1' }], total: 1 }, 'customers')).toEqual([
			{ customer_id: '1' },
		]);
	});

	test('a single object under the name is one row', () => {
		expect(resultRows({ textmessages: { sms_id: '9' } }, 'textmessages')).toEqual([
			{ sms_id: '9' },
		]);
	});

	test('falls back to the first list that is not errors, else nothing', () => {
		expect(resultRows({ errors: [], sms: [{ sms_id: '1' }] }, 'textmessages')).toEqual([
			{ sms_id: '1' },
		]);
		expect(resultRows({ total: 0 }, 'cdrs')).toEqual([]);
	});
});
