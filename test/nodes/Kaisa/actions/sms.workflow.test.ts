import { KAISA_PATHS } from '../../../simulators';
import { jsonOf, useKaisaTestbed } from '../testbed';

const bed = useKaisaTestbed();

describe('SMS → Send', () => {
	test('sends customer_id, msg, from_nr and to_nr as form fields, numbers in E.164', async () => {
		const result = await bed.run({
			resource: 'sms',
			operation: 'send',
			customerId: '5000',
			from: '+46 8 500 000 12',
			to: '+46 (70) 123-45-67',
			message: 'Tack för samtalet! Ring oss på 08-500 000 12.',
		});

		expect(result.status).toBe('success');
		const expected = {
			customer_id: '5000',
			msg: 'Tack för samtalet! Ring oss på 08-500 000 12.',
			from_nr: '+46850000012',
			to_nr: '+46701234567',
		};
		expect(bed.sim.callsTo(KAISA_PATHS.sms, 'POST').map((call) => call.form)).toEqual([expected]);
		expect(bed.sim.sentSms).toEqual([{ sms_id: '80000', ...expected }]);
		expect(jsonOf(result.outputs.Kaisa)).toEqual([
			{ sms_id: '80000', ...expected, status: 'queued' },
		]);
	});

	test.each([
		[{ to: '0701234567' }, "The 'To' field is not a phone number in international format"],
		[{ to: '+4670' }, "The 'To' field is not a phone number in international format"],
		[{ to: '+4670123456789012' }, "The 'To' field is not a phone number in international format"],
		[{ from: 'KAISA' }, "The 'From' field is not a phone number in international format"],
		[{ message: '={{ " " }}' }, "The 'Message' field is empty"],
		[{ customerId: '={{ "" }}' }, "The 'Customer ID' field is empty"],
	])('%j fails before any call, naming the field', async (change, message) => {
		const sentBefore = bed.sim.sentSms.length;
		const result = await bed.run({
			resource: 'sms',
			operation: 'send',
			customerId: '5000',
			from: '+46850000012',
			to: '+46701234567',
			message: 'Hej',
			...change,
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(bed.sim.stats.tokenRequests + bed.sim.stats.apiRequests).toBe(0);
		expect(bed.sim.sentSms).toHaveLength(sentBefore);
	});
});
