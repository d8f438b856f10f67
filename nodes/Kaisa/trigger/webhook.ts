import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { clock } from '../../shared/token/clock';
import { readRecording } from '../helpers/recording';
import { deliveryItem, readDelivery, type KaisaDelivery } from './delivery';
import { firstDelivery } from './duplicates';
import { readUrlSecret, SECRET_QUERY_PARAMETER, secretMatches } from './secret';

/** Answers Kaisa now (it retries anything but 200 every 30 minutes) and says whether a run follows. */
function answer(
	this: IWebhookFunctions,
	status: number,
	body: IDataObject,
	workflowData?: INodeExecutionData[][],
): IWebhookResponseData {
	const response = this.getResponseObject();
	if (!response.headersSent) response.status(status).json(body);
	return workflowData ? { noWebhookResponse: true, workflowData } : { noWebhookResponse: true };
}

/**
 * One request from Kaisa: the URL secret checked (401 and nothing else when wrong or missing), the
 * call read, a repeat of a call already received answered 200 without a run, otherwise 200 at
 * once and one item for the workflow (with the recording when asked for).
 */
export async function receiveCall(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const node = this.getNode();
	let secret: string;
	try {
		secret = readUrlSecret(node, this.getNodeParameter('urlSecret', ''));
	} catch (error) {
		return answer.call(this, 500, { message: (error as Error).message });
	}
	const query = (this.getQueryData() ?? {}) as IDataObject;
	if (!secretMatches(secret, query[SECRET_QUERY_PARAMETER])) {
		return answer.call(this, 401, { message: 'Unauthorized' });
	}

	const delivery = readDelivery(query, this.getBodyData());
	if (Object.keys(delivery.fields).length === 0) {
		return answer.call(this, 400, {
			message:
				'The request carries no call fields: send the call macros form-url-encoded or as JSON',
		});
	}
	if (delivery.stage === 'pre-call' && this.getNodeParameter('requests', 'postCall') !== 'both') {
		return answer.call(this, 200, { received: true, ignored: 'pre-call request' });
	}
	if (delivery.callId !== undefined) {
		const scope = `${this.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
		const key = `${delivery.stage}:${delivery.callId}`;
		if (!firstDelivery(this.getWorkflowStaticData('node'), scope, key, clock.now())) {
			return answer.call(this, 200, { received: true, duplicate: true });
		}
	}

	// Kaisa has its answer before the recording is fetched.
	answer.call(this, 200, { received: true });
	const item = await withRecording.call(this, delivery, { json: deliveryItem(delivery) });
	return { noWebhookResponse: true, workflowData: [[item]] };
}

/**
 * The call's recording as binary data when Download Recording is on and the call names one. The
 * request is already answered, so a failed download becomes `recordingError` on the item: the
 * call still starts the workflow.
 */
async function withRecording(
	this: IWebhookFunctions,
	delivery: KaisaDelivery,
	item: INodeExecutionData,
): Promise<INodeExecutionData> {
	if (this.getNodeParameter('downloadRecording', false) !== true) return item;
	const recordingId = String(delivery.fields.recording_id ?? '').trim();
	if (recordingId === '') return item;
	const field = String(this.getNodeParameter('binaryPropertyName', 'data')).trim() || 'data';
	try {
		const recording = await readRecording.call(this, 0, recordingId);
		if (recording.bytes.length === 0) {
			return {
				json: {
					...item.json,
					recordingError: {
						message: `Kaisa returned no audio for recording ${recordingId}`,
						description:
							'The recording may still be processing: in Kaisa, turn on "delay post-call request until the recording is available", or fetch it later with the Kaisa node (Recording → Get).',
					},
				},
			};
		}
		const file = await this.helpers.prepareBinaryData(
			recording.bytes,
			recording.fileName,
			recording.audio.mimeType,
		);
		return { json: item.json, binary: { [field]: file } };
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string };
		return {
			json: {
				...item.json,
				recordingError: { message: message ?? 'The recording could not be fetched', description },
			},
		};
	}
}
