import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** An access token encrypted for workflow static data (which n8n stores and exports in the clear). */
export interface SealedToken {
	/** HKDF salt, AES-GCM nonce, tag and ciphertext, base64. */
	salt: string;
	iv: string;
	tag: string;
	data: string;
}

const INFO = 'n8n-nodes-client-credentials/static-data-token/v1';

function keyFor(clientSecret: string, salt: Buffer): Buffer {
	return Buffer.from(hkdfSync('sha256', clientSecret, salt, INFO, 32));
}

/**
 * AES-256-GCM under a key derived (HKDF-SHA256) from the client secret: whoever reads static data
 * without the secret learns nothing, and a rotated secret simply fails to open old entries.
 * `context` (entry key and expiry) is authenticated, so an entry cannot be moved or re-dated.
 */
export function seal(token: string, clientSecret: string, context: string): SealedToken {
	const salt = randomBytes(16);
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyFor(clientSecret, salt), iv);
	cipher.setAAD(Buffer.from(context));
	const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
	return {
		salt: salt.toString('base64'),
		iv: iv.toString('base64'),
		tag: cipher.getAuthTag().toString('base64'),
		data: data.toString('base64'),
	};
}

/** The token, or undefined when the entry was made with another secret or was altered. */
export function open(
	sealed: SealedToken,
	clientSecret: string,
	context: string,
): string | undefined {
	try {
		const decipher = createDecipheriv(
			'aes-256-gcm',
			keyFor(clientSecret, Buffer.from(sealed.salt, 'base64')),
			Buffer.from(sealed.iv, 'base64'),
		);
		decipher.setAAD(Buffer.from(context));
		decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
		const plain = Buffer.concat([
			decipher.update(Buffer.from(sealed.data, 'base64')),
			decipher.final(),
		]);
		return plain.toString('utf8');
	} catch {
		return undefined;
	}
}
