import type { INodeProperties } from 'n8n-workflow';

import { FEEDS, MAX_BATCH_SIZE, MIN_BATCH_SIZE } from './parameters';
import { DEFAULT_SIGNATURE_RECIPE, SIGNATURE_RECIPES } from './signature';

const FEED_NAMES: Record<(typeof FEEDS)[number], string> = {
	all: 'All Notifications',
	entitydata: 'Entity Data',
	journey: 'Journey',
	document: 'Document',
	screening: 'Screening',
	digitalidv: 'Digital ID&V',
	association: 'Association',
};

const webhookOnly = { show: { mode: ['webhook'] } };
const fetchResource: INodeProperties = {
	displayName: 'Fetch Resource',
	name: 'fetchResource',
	type: 'boolean',
	default: false,
	description:
		'Whether to read the record at the event’s relative URL (with this credential) into "resource"; retried briefly while it is not readable yet',
};
const pollingOnly = { show: { mode: ['polling'] } };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Receive Events By',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Webhook',
				value: 'webhook',
				description:
					'Fenergo posts each event to n8n (registered on activation, removed on deactivation)',
			},
			{
				name: 'Polling',
				value: 'polling',
				description: 'Asks Fenergo for waiting events at the Poll Times (no public n8n URL needed)',
			},
		],
		default: 'webhook',
	},
	{
		displayName:
			'Polling mode: the Poll Times above apply. In webhook mode they are not used (each poll returns at once without calling Fenergo).',
		name: 'pollTimesNotice',
		type: 'notice',
		default: '',
		displayOptions: webhookOnly,
	},
	{
		displayName: 'Event Type Names or IDs',
		name: 'eventTypes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEventTypes', loadOptionsDependsOn: ['mode'] },
		default: ['*'],
		required: true,
		description:
			'Which events start the workflow ("source:event", matched exactly). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Delivery',
		name: 'deliveryType',
		type: 'options',
		options: [
			{ name: 'Single', value: 'Single', description: 'One request per event' },
			{
				name: 'Batch',
				value: 'Batch',
				description: 'Several events per request (each becomes one item)',
			},
		],
		default: 'Single',
		displayOptions: webhookOnly,
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: MIN_BATCH_SIZE, maxValue: MAX_BATCH_SIZE },
		default: 50,
		description: `Most events in one request (${MIN_BATCH_SIZE}–${MAX_BATCH_SIZE})`,
		displayOptions: { show: { mode: ['webhook'], deliveryType: ['Batch'] } },
	},
	{
		displayName: 'Feed',
		name: 'feed',
		type: 'options',
		options: FEEDS.map((value) => ({ name: FEED_NAMES[value], value })),
		default: 'all',
		description:
			'Which of Fenergo’s polling feeds to read; each feed is one queue, so use each feed in one workflow only',
		displayOptions: pollingOnly,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: webhookOnly,
		options: [
			fetchResource,
			{
				displayName: 'Notification Emails',
				name: 'emailAddresses',
				type: 'string',
				default: '',
				placeholder: 'ops@example.com, kyc@example.com',
				description: 'Up to 5 addresses Fenergo tells when it disables the webhook',
			},
			{
				displayName: 'Send Test Event',
				name: 'sendTestEvent',
				type: 'boolean',
				default: false,
				description:
					'Whether Fenergo sends a test event a few seconds after activation: an execution appears when the signature recipe is right; a refused one is logged',
			},
			{
				displayName: 'Signature Recipe',
				name: 'signatureRecipe',
				type: 'options',
				options: Object.entries(SIGNATURE_RECIPES).map(([value, name]) => ({ name, value })),
				default: DEFAULT_SIGNATURE_RECIPE,
				description:
					'How Fenergo computes x-fenx-signature (not published in full); confirm it with Send Test Event',
			},
			{
				displayName: 'Webhook Name',
				name: 'webhookName',
				type: 'string',
				default: 'n8n Fenergo Trigger',
				description: 'The name Fenergo shows for the webhook (at most 128 characters)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: pollingOnly,
		options: [fetchResource],
	},
];
