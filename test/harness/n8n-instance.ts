import { Container } from '@n8n/di';
import { BinaryDataService, Cipher, EncryptionKeyProxy, InstanceSettings } from 'n8n-core';
import type { IEncryptionKeyProvider, KeyInfo } from 'n8n-core';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Fixed key so stored credentials are real n8n ciphertext, reproducible across harnesses. */
export const HARNESS_ENCRYPTION_KEY = 'n8n-nodes-client-credentials-test-encryption-key';

const ENV_KEYS = [
	'N8N_USER_FOLDER',
	'N8N_ENCRYPTION_KEY',
	'N8N_DEFAULT_BINARY_DATA_MODE',
	'N8N_BINARY_DATA_STORAGE_PATH',
	'N8N_DIAGNOSTICS_ENABLED',
	'N8N_LOG_LEVEL',
] as const;

/**
 * The CLI keeps data-encryption keys in the database; a fresh install has only the
 * legacy "no-prefix" descriptor, which resolves to the instance key itself (AES-256-CBC,
 * the classic `U2FsdGVkX1…` ciphertext). That is the one provider we need.
 */
class InstanceKeyProvider implements IEncryptionKeyProvider {
	private readonly legacy: KeyInfo;

	constructor(cipher: Cipher, instanceSettings: InstanceSettings) {
		this.legacy = {
			id: 'legacy',
			value: cipher.encryptDEKWithInstanceKey(instanceSettings.encryptionKey),
			algorithm: 'aes-256-cbc',
			format: 'no-prefix',
		};
	}

	async getActiveKey(): Promise<KeyInfo> {
		return this.legacy;
	}

	async getKeyById(id: string): Promise<KeyInfo | null> {
		return id === this.legacy.id ? this.legacy : null;
	}

	async getLegacyKey(): Promise<KeyInfo> {
		return this.legacy;
	}
}

export interface N8nInstance {
	userFolder: string;
	shutdown(): void;
}

/**
 * Boots the n8n-core services an in-process execution touches, the way the CLI's
 * BaseCommand does: InstanceSettings (user folder + encryption key), the Cipher's key
 * provider, and the filesystem BinaryDataService. n8n's DI container is a module-level
 * singleton (one per jest test file), so this resets it: one live harness at a time.
 */
export async function bootN8nInstance(): Promise<N8nInstance> {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
	const previousEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_ENCRYPTION_KEY = HARNESS_ENCRYPTION_KEY;
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(userFolder, 'binary-data');
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	// n8n's ErrorReporter logs every node error with its stack; N8N_LOG_LEVEL=debug to see them.
	process.env.N8N_LOG_LEVEL ??= 'silent';

	Container.reset();
	const instanceSettings = Container.get(InstanceSettings);
	const cipher = Container.get(Cipher);
	Container.get(EncryptionKeyProxy).setProvider(new InstanceKeyProvider(cipher, instanceSettings));
	await Container.get(BinaryDataService).init();

	return {
		userFolder,
		shutdown() {
			Container.get(EncryptionKeyProxy).setProvider(undefined);
			Container.reset();
			for (const key of ENV_KEYS) {
				if (previousEnv[key] === undefined) delete process.env[key];
				else process.env[key] = previousEnv[key];
			}
			// n8n builds a fresh non-keep-alive agent per request, but anything that fell back
			// to Node's global keep-alive agents would hold sockets open past the test.
			http.globalAgent.destroy();
			https.globalAgent.destroy();
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}
