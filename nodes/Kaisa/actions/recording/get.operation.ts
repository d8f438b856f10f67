import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { detectAudio } from '../../helpers/audio';
import { fieldError, readRequiredText } from '../../helpers/validation';
import { kaisaRequest, resultRows } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Recording ID',
		name: 'recordingId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.recording_id }}',
		description: "Kaisa's ID of the recording (recording_id); calls list it in their recording_id field",
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['recording'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, returnData: INodeExecutionData[]): Promise<void> {
	const node = this.getNode();
	const recordingId = readRequiredText.call(this, 'recordingId', itemIndex, 'Recording ID');
	const binaryPropertyName = readRequiredText.call(this, 'binaryPropertyName', itemIndex, 'Put Output File in Field');
	const body = await kaisaRequest.call(this, itemIndex, 'GET', '/recordings', { recording_id: recordingId });
	const recording = resultRows(body, 'recordings')[0] ?? body;
	const { sounddata, ...metadata } = recording as IDataObject & { sounddata?: unknown };
	const bytes = typeof sounddata === 'string' ? Buffer.from(sounddata, 'base64') : Buffer.alloc(0);
	if (bytes.length === 0) {
		throw fieldError(node, itemIndex, `Kaisa returned no audio for recording ${recordingId}`, 'The answer has no sounddata. The recording may still be processing or may have been deleted; check the ID and try again later.');
	}
	const audio = detectAudio(bytes, metadata.format ?? metadata.mimetype ?? metadata.content_type);
	const file = await this.helpers.prepareBinaryData(bytes, `recording-${recordingId}.${audio.extension}`, audio.mimeType);
	returnData.push({
		json: { ...metadata, recording_id: metadata.recording_id ?? recordingId },
		binary: { [binaryPropertyName]: file },
		pairedItem: { item: itemIndex },
	});
}
