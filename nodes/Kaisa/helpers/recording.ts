import type { IDataObject } from 'n8n-workflow';

import type { TransportFunctions } from '../../shared/transport';
import { kaisaRequest, resultRows } from '../transport';
import { detectAudio, type AudioType } from './audio';

/** One recording as Kaisa hands it over: its fields without `sounddata`, the decoded audio and its type. */
export interface KaisaRecordingFile {
	metadata: IDataObject;
	/** Empty when Kaisa sent no audio (still processing, or deleted). */
	bytes: Buffer;
	audio: AudioType;
	fileName: string;
}

/**
 * `GET /recordings?recording_id=…` through the Kaisa transport, the base64 `sounddata` decoded.
 * Used by the Kaisa node's recording get and the Kaisa Trigger's Download Recording.
 */
export async function readRecording(
	this: TransportFunctions,
	itemIndex: number,
	recordingId: string,
): Promise<KaisaRecordingFile> {
	const body = await kaisaRequest.call(this, itemIndex, 'GET', '/recordings', {
		recording_id: recordingId,
	});
	const recording = resultRows(body, 'recordings')[0] ?? body;
	const { sounddata, ...metadata } = recording as IDataObject & { sounddata?: unknown };
	const bytes = typeof sounddata === 'string' ? Buffer.from(sounddata, 'base64') : Buffer.alloc(0);
	const audio = detectAudio(bytes, metadata.format ?? metadata.mimetype ?? metadata.content_type);
	return {
		metadata: { ...metadata, recording_id: metadata.recording_id ?? recordingId },
		bytes,
		audio,
		fileName: `recording-${recordingId}.${audio.extension}`,
	};
}
