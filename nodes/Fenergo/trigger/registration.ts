import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { clock } from '../../shared/token/clock';
import {
	addWebhook,
	deleteWebhook,
	getWebhook,
	listWebhooks,
	testWebhook,
	updateWebhook,
	type RegisteredWebhook,
	type WebhookBody,
} from './api';
import { readMode, readWebhookSettings, type WebhookSettings } from './parameters';
import {
	clearRegistration,
	newWebhookSecret,
	readRegistration,
	saveRegistration,
} from './registration-state';
import { sealKey } from './seal-key';

/** Fenergo allows this many webhooks per tenant. */
export const MAX_WEBHOOKS_PER_TENANT = 10;
/** How long the test delivery waits, so activation (and the saving of the secret) has finished. */
const TEST_EVENT_DELAY_MS = 5_000;

function webhookUrl(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

function bodyFor(settings: WebhookSettings, url: string, secret?: string): WebhookBody {
	return {
		name: settings.options.webhookName ?? 'n8n Fenergo Trigger',
		url,
		...(secret !== undefined && { secret }),
		enabled: true,
		eventTypes: settings.eventTypes,
		type: settings.type,
		...(settings.batchSize !== undefined && { batchSize: settings.batchSize }),
		...(settings.options.emailAddresses.length > 0 && {
			emailAddresses: settings.options.emailAddresses,
		}),
	};
}

const describe = (hook: RegisteredWebhook) =>
	`${hook.name ? `"${hook.name}" ` : ''}${hook.url} (${hook.status ?? (hook.enabled === false ? 'disabled' : 'enabled')})`;

/**
 * Whether our registration (by id and URL) is still at Fenergo. One that Fenergo disabled
 * (`SystemDisabled`, after failed deliveries) or a user disabled is enabled again here.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (readMode(this) !== 'webhook') return true;
	const settings = readWebhookSettings(this);
	const staticData = this.getWorkflowStaticData('node');
	const registration = readRegistration(staticData, webhookUrl.call(this));
	if (!registration) return false;
	const hook = await getWebhook.call(this, registration.webhookId);
	if (!hook || hook.url !== registration.url) {
		clearRegistration(staticData, registration.url);
		return false;
	}
	if (
		hook.enabled === false ||
		hook.status === 'SystemDisabled' ||
		hook.status === 'UserDisabled'
	) {
		this.logger.warn(
			`Fenergo Trigger: webhook ${hook.id} was ${hook.status ?? 'disabled'}; enabling it again`,
		);
		// An empty secret keeps the one Fenergo holds.
		await updateWebhook.call(this, hook.id, bodyFor(settings, registration.url));
		const after = await getWebhook.call(this, hook.id);
		if (after && (after.enabled === false || after.status === 'SystemDisabled')) {
			throw new NodeOperationError(this.getNode(), `Fenergo keeps webhook ${hook.id} disabled`, {
				description:
					'Fenergo disabled the webhook after failed deliveries and did not enable it again; check that n8n is reachable from Fenergo, then enable it in Fenergo or deactivate and activate this workflow',
			});
		}
	}
	return true;
}

/** Registers the webhook with a new random secret, after making room for it and checking the limit. */
export async function create(this: IHookFunctions): Promise<boolean> {
	if (readMode(this) !== 'webhook') return true;
	const settings = readWebhookSettings(this);
	const url = webhookUrl.call(this);
	const key = await sealKey.call(this);
	if (!key) {
		throw new NodeOperationError(this.getNode(), 'The Fenergo credential has no Client Secret', {
			description: 'Fill in Client Secret in the Fenergo credential',
		});
	}
	const staticData = this.getWorkflowStaticData('node');
	// Only the registration of this URL: the production one stays while the editor tests.
	const previous = readRegistration(staticData, url);
	if (previous) await deleteWebhook.call(this, previous.webhookId);
	clearRegistration(staticData, url);

	let registered = await listWebhooks.call(this);
	// A registration of ours whose secret was lost (static data not saved): it can never be verified.
	for (const orphan of registered.filter((hook) => hook.url === url)) {
		await deleteWebhook.call(this, orphan.id);
	}
	registered = registered.filter((hook) => hook.url !== url);
	if (registered.length >= MAX_WEBHOOKS_PER_TENANT) {
		throw new NodeOperationError(
			this.getNode(),
			`Fenergo already has ${registered.length} webhooks for this tenant (the limit is ${MAX_WEBHOOKS_PER_TENANT})`,
			{
				description: `Delete one in Fenergo (or deactivate a workflow that uses it), or use Polling. Registered: ${registered.map(describe).join('; ')}`,
			},
		);
	}

	const secret = newWebhookSecret();
	const webhookId = await addWebhook.call(this, bodyFor(settings, url, secret));
	saveRegistration(staticData, { webhookId, url }, secret, key);
	if (settings.options.sendTestEvent) sendTestEventLater.call(this, webhookId);
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = readRegistration(staticData, webhookUrl.call(this));
	if (!registration) return true;
	await deleteWebhook.call(this, registration.webhookId);
	clearRegistration(staticData, registration.url);
	return true;
}

/**
 * Fenergo's `test` call, a few seconds after activation (n8n saves the sealed secret only when
 * activation ends): a test delivery that passes the signature check starts an execution, one that
 * fails is logged with the recipe to try next.
 */
function sendTestEventLater(this: IHookFunctions, webhookId: string): void {
	const recipe = readWebhookSettings(this).options.signatureRecipe;
	void (async () => {
		await clock.sleep(TEST_EVENT_DELAY_MS);
		const delivery = await testWebhook.call(this, webhookId);
		if (delivery.httpStatusCode === 401) {
			this.logger.warn(
				`Fenergo Trigger: the test event was refused by the signature check (recipe ${recipe}); choose another Signature Recipe and activate again`,
			);
		} else {
			this.logger.info(
				`Fenergo Trigger: test event delivered (${delivery.status ?? 'unknown'}, HTTP ${String(delivery.httpStatusCode)})`,
			);
		}
	})().catch((error: unknown) =>
		this.logger.warn(`Fenergo Trigger: the test event failed: ${(error as Error).message}`),
	);
}
