import type { INodeProperties } from 'n8n-workflow';

import { textOption } from '../common.descriptions';

/** Optional tracking-number fields that Create sets and Get Many filters by. */
export const campaignIdOption: INodeProperties = textOption('Campaign ID', 'campaignId');
export const classOption: INodeProperties = textOption(
	'Class',
	'class',
	'Tracking number class as Kaisa names it in your account (class)',
);
