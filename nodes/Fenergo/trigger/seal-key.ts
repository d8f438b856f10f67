import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TransportFunctions } from '../../shared/transport';
import { CREDENTIAL_TYPE } from '../transport';

/** The key material registration secrets are sealed under: the credential's client secret. */
export async function sealKey(this: TransportFunctions): Promise<string | undefined> {
	const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	const secret = credentials.clientSecret;
	return typeof secret === 'string' && secret !== '' ? secret : undefined;
}
