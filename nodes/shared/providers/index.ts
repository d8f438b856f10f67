import { fenergoApi } from './fenergo';
import { clientCredentialsApi } from './generic';
import { generoDataWarehouseApi, generoPublicApi } from './genero';
import { kaisaApi } from './kaisa';
import type { Provider } from './provider';
import { setuPartnerApi } from './setu';

export type { Provider } from './provider';

const PROVIDERS: Record<string, Provider> = Object.fromEntries(
	[
		generoPublicApi,
		generoDataWarehouseApi,
		fenergoApi,
		kaisaApi,
		setuPartnerApi,
		clientCredentialsApi,
	].map((provider) => [provider.credentialType, provider]),
);

export function providerFor(credentialType: string): Provider {
	const provider = PROVIDERS[credentialType];
	if (!provider)
		throw new Error(`No provider is registered for the credential type "${credentialType}"`);
	return provider;
}
