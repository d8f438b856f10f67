import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Provider } from '../providers';
import { clock } from './clock';
import type { TokenCheck } from './cache';
import type { HttpRequester } from './exchange';

/**
 * Whether a token still works, by the provider's probe call. One probe per token at a time and
 * at most one a minute: a storm of failed requests (404s) costs one probe, not one per item.
 */
const VERDICT_TTL_MS = 60_000;
const PROBE_TIMEOUT_MS = 15_000;

interface Verdict {
	works: boolean | undefined;
	at: number;
}

const verdicts = new Map<string, Verdict>();
const running = new Map<string, Promise<boolean | undefined>>();

function fingerprint(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function tokenCheck(
	provider: Provider,
	credentials: ICredentialDataDecryptedObject,
	http: HttpRequester,
): TokenCheck | undefined {
	const probe = provider.probe(credentials);
	if (!probe) return undefined;
	const url = `${provider.baseUrl(credentials)}${probe.path}`;
	return async (accessToken) => {
		const key = fingerprint(accessToken);
		const known = verdicts.get(key);
		if (known && clock.now() - known.at < VERDICT_TTL_MS) return known.works;
		const inFlight = running.get(key);
		if (inFlight) return await inFlight;
		const asking = (async () => {
			let works: boolean | undefined;
			try {
				const response = (await http({
					method: probe.method,
					url,
					qs: probe.qs,
					body: probe.body,
					headers: { Accept: 'application/json', ...provider.apiHeaders(credentials, accessToken) },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: PROBE_TIMEOUT_MS,
				})) as { statusCode: number };
				works = response.statusCode === 401 ? false : response.statusCode < 300 ? true : undefined;
			} catch {
				works = undefined;
			}
			if (verdicts.size > 1000) verdicts.clear();
			verdicts.set(key, { works, at: clock.now() });
			return works;
		})();
		running.set(key, asking);
		try {
			return await asking;
		} finally {
			running.delete(key);
		}
	};
}
