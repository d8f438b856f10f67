import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadExamples, type Example } from './examples';
import { ensureN8n, type N8nTarget } from './install';
import { linkPackage } from './link';
import { info, step, warn } from './log';
import { N8nInstance, type CredentialImport } from './n8n';
import { ensureOwner, DEFAULT_LOGIN, type Login, type OwnerState } from './owner';
import { stop } from './processes';
import {
	CREDENTIALS,
	PROVIDERS,
	startProvider,
	type ProviderKey,
	type RunningProvider,
} from './providers';

export interface LocalOptions {
	target: N8nTarget;
	userFolder: string;
	port: number;
	/** First of the fixed simulator ports (one per PROVIDERS entry); undefined: the simulators pick free ports. */
	simPortBase?: number;
	/** Pass n8n's own log through to this console. */
	echo: boolean;
	logFile: string;
	login?: Login;
	/** More environment for every n8n process. */
	env?: Record<string, string>;
}

export interface LocalN8n {
	instance: N8nInstance;
	server: ChildProcess;
	providers: RunningProvider[];
	credentials: CredentialImport[];
	examples: Example[];
	owner: OwnerState;
	login: Login;
	url: string;
	stop(): Promise<void>;
}

function credentialsFor(urls: Record<ProviderKey, string>): CredentialImport[] {
	return CREDENTIALS.map((credential) => ({
		id: credential.localId,
		name: `${credential.title} (local simulator)`,
		type: credential.type,
		data: credential.data(urls[credential.provider]),
	}));
}

/** n8n keeps the key in `.n8n/config` after its first start; a later start must pass the same one. */
function encryptionKeyOf(userFolder: string): string {
	const config = join(userFolder, '.n8n', 'config');
	if (existsSync(config)) {
		try {
			const key = (JSON.parse(readFileSync(config, 'utf8')) as { encryptionKey?: string })
				.encryptionKey;
			if (key) return key;
		} catch {
			// Fall through to a new key (n8n will say if it disagrees).
		}
	}
	return randomBytes(24).toString('base64url');
}

const IMPORTED_FILE = 'imported-examples.json';

/**
 * Everything `npm start` does before the browser: n8n installed and linked to this package, the
 * simulators running, one credential per provider and the examples imported, n8n started, owner set up.
 */
export async function startLocal(options: LocalOptions): Promise<LocalN8n> {
	const install = await ensureN8n(options.target);
	mkdirSync(options.userFolder, { recursive: true });
	linkPackage(options.userFolder);
	const instance = new N8nInstance({
		install,
		userFolder: options.userFolder,
		encryptionKey: encryptionKeyOf(options.userFolder),
		env: options.env,
	});

	step('Starting the provider simulators on 127.0.0.1');
	const providers: RunningProvider[] = [];
	const stopProviders = async () => {
		for (const provider of providers.splice(0)) await provider.close();
	};
	try {
		for (const key of Object.keys(PROVIDERS) as ProviderKey[]) {
			const port =
				options.simPortBase === undefined
					? undefined
					: options.simPortBase + PROVIDERS[key].portOffset;
			// Dates relative to today, so the examples find yesterday's calls and recent rows.
			providers.push(await startProvider(key, port, 'today'));
		}
		const urls = Object.fromEntries(
			providers.map((provider) => [provider.info.key, provider.url]),
		) as Record<ProviderKey, string>;
		for (const provider of providers) info(`${provider.info.title.padEnd(22)} ${provider.url}`);

		step('Importing one credential per provider');
		const credentials = credentialsFor(urls);
		// Each start re-imports them: the simulators forgot every token, so the stored ones are reset too.
		await instance.importCredentials(credentials);

		const examples = loadExamples(urls, credentials).filter((example) => {
			if (example.error) warn(`examples/${example.file} is skipped: ${example.error}`);
			return !example.error;
		});
		const importedFile = join(options.userFolder, IMPORTED_FILE);
		let imported: Record<string, string> = {};
		try {
			imported = JSON.parse(readFileSync(importedFile, 'utf8')) as Record<string, string>;
		} catch {
			imported = {};
		}
		const changed = examples.filter((example) => imported[example.file] !== example.hash);
		for (const example of examples) {
			if (example.unknownCredentialTypes.length > 0) {
				warn(
					`examples/${example.file} uses credential types with no local simulator: ${example.unknownCredentialTypes.join(', ')}`,
				);
			}
		}
		if (changed.length > 0) {
			step(
				`Importing ${changed.length} example workflow(s)${changed.length < examples.length ? ' (new or changed since the last start)' : ''}`,
			);
			await instance.importWorkflows(changed.map((example) => example.workflow));
			for (const example of changed) imported[example.file] = example.hash;
			writeFileSync(importedFile, `${JSON.stringify(imported, null, 2)}\n`);
		}

		step(`Starting n8n ${install.target.n8n} on http://localhost:${options.port}`);
		const server = await instance.startServer({
			port: options.port,
			logFile: options.logFile,
			echo: options.echo,
		});
		const url = `http://localhost:${options.port}`;
		const login = options.login ?? DEFAULT_LOGIN;
		let owner: OwnerState;
		try {
			owner = await ensureOwner(`http://127.0.0.1:${options.port}`, login);
		} catch (error) {
			await stop(server);
			throw error;
		}
		return {
			instance,
			server,
			providers,
			credentials,
			examples,
			owner,
			login,
			url,
			stop: async () => {
				await stop(server);
				await stopProviders();
			},
		};
	} catch (error) {
		await stopProviders();
		throw error;
	}
}
