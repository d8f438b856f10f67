import type { INodeProperties } from 'n8n-workflow';

import { MIN_SECRET_LENGTH, SECRET_QUERY_PARAMETER } from './secret';

/** What the user pastes into Kaisa: the macros, call id first (it is what repeats are recognised by). */
export const SUGGESTED_TEMPLATE =
	'cdr_id={cdr_id}&start={start}&duration={duration}&answered={answered}&anum={anum}&bnum={bnum}&cnum={cnum}&customer_id={customer_id}&source_id={source_id}&recording_id={recording_id}';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: `In Kaisa (Workflows → Webhook integration; Kaisa support enables it), paste the Production URL shown above followed by <code>?${SECRET_QUERY_PARAMETER}=</code> and your URL Secret. Kaisa needs an https URL. In the request template include the call id first: <code>${SUGGESTED_TEMPLATE}</code>. For a pre-call request add <code>stage=pre-call</code> to its URL or template. See the Kaisa docs of this package for each step.`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'URL Secret',
		name: 'urlSecret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: `A random value of at least ${MIN_SECRET_LENGTH} letters or digits that Kaisa sends in the URL (?${SECRET_QUERY_PARAMETER}=…); requests without it are answered 401 and start nothing`,
	},
	{
		displayName: 'Requests',
		name: 'requests',
		type: 'options',
		options: [
			{
				name: 'Post-Call Only',
				value: 'postCall',
				description:
					'Start on the request Kaisa sends after each call; pre-call requests are answered and ignored',
			},
			{
				name: 'Pre-Call and Post-Call',
				value: 'both',
				description:
					'Also start on the request Kaisa sends before a call is connected (marked stage=pre-call)',
			},
		],
		default: 'postCall',
	},
	{
		displayName: 'Download Recording',
		name: 'downloadRecording',
		type: 'boolean',
		default: false,
		description:
			'Whether to fetch the call recording from the Kaisa API (with the credential) when the call carries a recording_id, and attach it as a file. In Kaisa, turn on "delay post-call request until the recording is available".',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { downloadRecording: [true] } },
		hint: 'The name of the output binary field to put the recording in',
	},
];
