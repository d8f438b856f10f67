import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOutput } from '../../../shared/items/runner';
import { fieldError, requireText } from '../../../shared/parameters/fields';
import { detectAudio } from '../../helpers/audio';
import { kaisaRequest, resultRows } from '../../transport';
import { parallelOptions } from '../parallel';

const properties: INodeProperties[] = [
	{
		displayName: 'Recording ID',
		name: 'recordingId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.recording_id }}',
		description:
			"Kaisa's ID of the recording (recording_id); calls list it in their recording_id field",
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
	parallelOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['get'] } },
	properties,
);

interface RecordingInput {
	recordingId: string;
	binaryPropertyName: string;
}

export const parallel = true;

export function prepare(this: IExecuteFunctions, itemIndex: number): RecordingInput {
	const node = this.getNode();
	return {
		recordingId: requireText(
			node,
			itemIndex,
			this.getNodeParameter('recordingId', itemIndex, ''),
			'Recording ID',
		),
		binaryPropertyName: requireText(
			node,
			itemIndex,
			this.getNodeParameter('binaryPropertyName', itemIndex, ''),
			'Put Output File in Field',
		),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ recordingId, binaryPropertyName }: RecordingInput,
	output: ItemOutput,
): Promise<void> {
	const body = await kaisaRequest.call(this, itemIndex, 'GET', '/recordings', {
		recording_id: recordingId,
	});
	const recording = resultRows(body, 'recordings')[0] ?? body;
	const { sounddata, ...metadata } = recording as IDataObject & { sounddata?: unknown };
	const bytes = typeof sounddata === 'string' ? Buffer.from(sounddata, 'base64') : Buffer.alloc(0);
	if (bytes.length === 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			`Kaisa returned no audio for recording ${recordingId}`,
			'The answer has no sounddata. The recording may still be processing or may have been deleted; check the ID and try again later.',
		);
	}
	const audio = detectAudio(bytes, metadata.format ?? metadata.mimetype ?? metadata.content_type);
	const file = await this.helpers.prepareBinaryData(
		bytes,
		`recording-${recordingId}.${audio.extension}`,
		audio.mimeType,
	);
	output.push(
		{ ...metadata, recording_id: metadata.recording_id ?? recordingId },
		{ [binaryPropertyName]: file },
	);
}
