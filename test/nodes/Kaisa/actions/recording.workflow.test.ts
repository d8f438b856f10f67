import { KAISA_PATHS, tinyMp3, tinyWav } from '../../../simulators';
import { KAISA_NODE_TYPE, CREDENTIAL, jsonOf, useKaisaTestbed } from '../testbed';

const bed = useKaisaTestbed();

const readBack = (field = 'data') => ({
	name: 'Bytes',
	type: 'testBinaryBytes',
	parameters: { field },
});

describe('Recording → Get', () => {
	test('a WAV recording becomes binary data with its type, file name and the exact bytes', async () => {
		const result = await bed.run(
			{ resource: 'recording', operation: 'get', recordingId: '9001' },
			{ after: [readBack()] },
		);

		expect(result.status).toBe('success');
		const [item] = result.outputs.Kaisa;
		expect(item.json).toEqual({
			recording_id: '9001',
			cdr_id: '100000000',
			format: 'wav',
			size: tinyWav().length,
		});
		expect(item.json).not.toHaveProperty('sounddata');
		expect(item.binary?.data).toMatchObject({
			mimeType: 'audio/wav',
			fileName: 'recording-9001.wav',
			fileExtension: 'wav',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Buffer.from(result.outputs.Bytes[0].json.base64 as string, 'base64')).toEqual(tinyWav());
		expect(bed.sim.callsTo(KAISA_PATHS.recordings)[0].query).toEqual({ recording_id: '9001' });
	});

	test('MP3 with an ID3 tag, into a field of your choice', async () => {
		const result = await bed.run(
			{ resource: 'recording', operation: 'get', recordingId: '9002', binaryPropertyName: 'audio' },
			{ after: [readBack('audio')] },
		);

		expect(result.outputs.Kaisa[0].binary?.audio).toMatchObject({
			mimeType: 'audio/mpeg',
			fileName: 'recording-9002.mp3',
		});
		expect(Buffer.from(result.outputs.Bytes[0].json.base64 as string, 'base64')).toEqual(
			tinyMp3(true),
		);
	});

	test('without a format field the type comes from the bytes (a bare MPEG frame)', async () => {
		const result = await bed.run(
			{ resource: 'recording', operation: 'get', recordingId: '9003' },
			{ after: [readBack()] },
		);

		expect(result.outputs.Kaisa[0].json).toEqual({ recording_id: '9003', size: 417 });
		expect(result.outputs.Kaisa[0].binary?.data).toMatchObject({
			mimeType: 'audio/mpeg',
			fileName: 'recording-9003.mp3',
		});
		expect(result.outputs.Bytes[0].json.length).toBe(417);
	});

	test('the recording of a call, by expression from a Call → Get Many node', async () => {
		const result = await bed.run(
			{
				resource: 'call',
				operation: 'getMany',
				fromDate: '2026-01-14T00:00:00Z',
				toDate: '2026-01-15T00:00:00Z',
				returnAll: true,
				filters: { cdrId: '100000010' },
			},
			{
				after: [
					{
						name: 'Recording',
						type: KAISA_NODE_TYPE,
						parameters: {
							resource: 'recording',
							operation: 'get',
							recordingId: '={{ $json.recording_id }}',
						},
						credentials: { kaisaApi: CREDENTIAL },
					},
				],
			},
		);

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs.Kaisa)).toEqual([
			expect.objectContaining({ cdr_id: '100000010', recording_id: '9001' }),
		]);
		expect(result.outputs.Recording[0].binary?.data).toMatchObject({
			mimeType: 'audio/wav',
			fileName: 'recording-9001.wav',
		});
		expect(bed.sim.stats.tokenRequests).toBe(1);
	});

	test('an unknown recording is a 404 with Kaisa’s words; an answer without audio says so', async () => {
		const missing = await bed.run({ resource: 'recording', operation: 'get', recordingId: '1' });
		expect(missing.error?.httpCode).toBe('404');
		expect(missing.error?.description).toBe('No recording with recording_id 1');

		bed.sim.injectApiFault({ status: 200, body: { recordings: [{ recording_id: '9001' }] } });
		const silent = await bed.run({ resource: 'recording', operation: 'get', recordingId: '9001' });
		expect(silent.error?.message).toBe('Kaisa returned no audio for recording 9001');
	});
});
