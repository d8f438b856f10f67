import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemOutput } from '../../../shared/items/runner';
import { fieldError, requireText } from '../../../shared/parameters/fields';
import { readRecording } from '../../helpers/recording';
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
	const recording = await readRecording.call(this, itemIndex, recordingId);
	if (recording.bytes.length === 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			`Kaisa returned no audio for recording ${recordingId}`,
			'The answer has no sounddata. The recording may still be processing or may have been deleted; check the ID and try again later.',
		);
	}
	const file = await this.helpers.prepareBinaryData(
		recording.bytes,
		recording.fileName,
		recording.audio.mimeType,
	);
	output.push(recording.metadata, { [binaryPropertyName]: file });
}
