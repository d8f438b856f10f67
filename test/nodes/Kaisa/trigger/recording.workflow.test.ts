import { KAISA_PATHS, tinyMp3, tinyWav } from '../../../simulators';
import { SECRET, TRIGGER_NAME, readBack, useKaisaTriggerTestbed, withSecret } from './testbed';

const { bed, save, deliver, serve } = useKaisaTriggerTestbed();

describe('Kaisa Trigger: Download Recording', () => {
	test('a call with a recording id gets the audio as binary data, on one token for two calls', async () => {
		// A fresh simulator and credential: no token kept from an earlier test.
		await bed.startOver();
		const workflow = save({ downloadRecording: true }, [readBack()]);
		const server = await serve(workflow);
		const withWav = bed.sim.webhooks.callFields(10);
		const withMp3 = bed.sim.webhooks.callWithRecording();

		await bed.sim.webhooks.post(withSecret(server.url), withWav);
		await bed.sim.webhooks.post(withSecret(server.url), withMp3, { format: 'json' });

		const [first, second] = server.executions();
		expect(first.status).toBe('success');
		const item = first.outputs[TRIGGER_NAME][0];
		expect(item.json).toMatchObject({ cdr_id: '100000010', recording_id: '9001' });
		expect(item.json.recordingError).toBeUndefined();
		expect(item.binary?.data).toMatchObject({
			mimeType: 'audio/wav',
			fileName: 'recording-9001.wav',
			fileExtension: 'wav',
		});
		expect(Buffer.from(first.outputs.Bytes[0].json.base64 as string, 'base64')).toEqual(tinyWav());
		expect(second.outputs[TRIGGER_NAME][0].binary?.data).toMatchObject({
			mimeType: 'audio/mpeg',
			fileName: 'recording-9002.mp3',
		});
		expect(Buffer.from(second.outputs.Bytes[0].json.base64 as string, 'base64')).toEqual(
			tinyMp3(true),
		);
		expect(bed.sim.callsTo(KAISA_PATHS.recordings).map((call) => call.query)).toEqual([
			{ recording_id: '9001' },
			{ recording_id: '9002' },
		]);
		expect(bed.sim.stats.tokensIssued).toBe(1);
	});

	test('into the field you name; a call without a recording id makes no API call', async () => {
		const workflow = save({ downloadRecording: true, binaryPropertyName: 'audio' });
		const server = await serve(workflow);

		await bed.sim.webhooks.post(withSecret(server.url), bed.sim.webhooks.callFields(1));
		await bed.sim.webhooks.post(withSecret(server.url), bed.sim.webhooks.callWithRecording());

		const [plain, recorded] = server.executions();
		expect(plain.outputs[TRIGGER_NAME][0].binary).toBeUndefined();
		expect(recorded.outputs[TRIGGER_NAME][0].binary?.audio).toMatchObject({
			mimeType: 'audio/mpeg',
		});
		expect(bed.sim.callsTo(KAISA_PATHS.recordings)).toHaveLength(1);
	});

	test('off (the default): no token and no API call, the recording id passed on', async () => {
		const workflow = save();
		const outcome = await deliver(workflow, {
			query: { secret: SECRET },
			body: bed.sim.webhooks.callWithRecording(),
		});

		expect(outcome.execution?.outputs[TRIGGER_NAME][0].json.recording_id).toBe('9002');
		expect(outcome.execution?.outputs[TRIGGER_NAME][0].binary).toBeUndefined();
		expect(bed.sim.stats.tokenRequests + bed.sim.stats.apiRequests).toBe(0);
	});

	test('Kaisa has its 200 before the recording is fetched', async () => {
		const workflow = save({ downloadRecording: true });
		const events: string[] = [];
		bed.sim.afterApiCall = (call) => events.push(call.path);
		try {
			const outcome = await deliver(workflow, {
				query: { secret: SECRET },
				body: bed.sim.webhooks.callWithRecording(),
				onAnswer: (status) => events.push(`answered ${status}`),
			});
			expect(outcome.execution?.outputs[TRIGGER_NAME][0].binary?.data).toBeDefined();
		} finally {
			bed.sim.afterApiCall = undefined;
		}
		expect(events).toEqual(['answered 200', KAISA_PATHS.recordings]);
	});

	test('a recording Kaisa cannot give still starts the run, with recordingError saying why', async () => {
		const workflow = save({ downloadRecording: true });
		const outcome = await deliver(workflow, {
			query: { secret: SECRET },
			body: { ...bed.sim.webhooks.callFields(1), recording_id: '404404' },
		});

		expect(outcome.status).toBe(200);
		const item = outcome.execution?.outputs[TRIGGER_NAME][0];
		expect(item?.binary).toBeUndefined();
		expect(item?.json).toMatchObject({
			cdr_id: '100000001',
			recording_id: '404404',
			recordingError: { message: expect.stringContaining('') },
		});
		expect(JSON.stringify(item?.json.recordingError)).toContain('404404');
		expect(JSON.stringify(outcome.execution?.run.data)).not.toMatch(
			new RegExp([...bed.sim.tokens.keys()].join('|') || 'no-token-issued'),
		);
	});

	test('a token expiry between two calls costs one new token fetch, not a failed download', async () => {
		await bed.startOver();
		const workflow = save({ downloadRecording: true });
		const server = await serve(workflow);

		await bed.sim.webhooks.post(withSecret(server.url), bed.sim.webhooks.callFields(10));
		bed.sim.revokeAll();
		await bed.sim.webhooks.post(withSecret(server.url), bed.sim.webhooks.callWithRecording());

		const runs = server.executions();
		expect(runs.map((run) => Boolean(run.outputs[TRIGGER_NAME][0].binary?.data))).toEqual([
			true,
			true,
		]);
		expect(bed.sim.stats.tokensIssued).toBe(2);
		expect(bed.sim.stats.api401).toBe(1);
	});
});
