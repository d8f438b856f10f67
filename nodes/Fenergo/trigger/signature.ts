import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How Fenergo signs a delivery (`x-fenx-signature`). Its guide says only that the secret's SHA-256
 * hash is "combined with the full body" and a signature computed from the two; each candidate
 * reading is one recipe here, so the truth changes one table entry. The default is the guide's
 * "Webhook Security using HMAC": HMAC-SHA256 keyed with the hash as hex text.
 */
export const SIGNATURE_RECIPES = {
	hmacHexKey: 'HMAC-SHA256 Keyed With the Secret Hash (Hex Text)',
	hmacRawKey: 'HMAC-SHA256 Keyed With the Secret Hash (Raw Bytes)',
	hmacSecret: 'HMAC-SHA256 Keyed With the Secret Itself',
	sha256Concat: 'SHA-256 of Secret Hash (Hex) Followed by the Body',
} as const;

export type SignatureRecipe = keyof typeof SIGNATURE_RECIPES;

export const DEFAULT_SIGNATURE_RECIPE: SignatureRecipe = 'hmacHexKey';

const secretHash = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** The signature bytes a recipe gives for a body. */
export function computeSignature(recipe: SignatureRecipe, secret: string, body: Buffer): Buffer {
	switch (recipe) {
		case 'hmacHexKey':
			return createHmac('sha256', secretHash(secret).toString('hex')).update(body).digest();
		case 'hmacRawKey':
			return createHmac('sha256', secretHash(secret)).update(body).digest();
		case 'hmacSecret':
			return createHmac('sha256', secret).update(body).digest();
		case 'sha256Concat':
			return createHash('sha256')
				.update(secretHash(secret).toString('hex'), 'utf8')
				.update(body)
				.digest();
	}
}

/** The header's bytes: hex (any case) or base64, with or without a `sha256=` prefix. */
function headerBytes(header: string): Buffer[] {
	const value = header.trim().replace(/^sha256=/i, '');
	const readings: Buffer[] = [];
	if (/^[0-9a-f]{64}$/i.test(value)) readings.push(Buffer.from(value, 'hex'));
	if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) readings.push(Buffer.from(value, 'base64'));
	return readings;
}

/**
 * Whether `header` signs `body` under `secret` by the recipe; over the raw body bytes, in constant
 * time. A missing or malformed header is simply not a valid signature.
 */
export function verifySignature(
	recipe: SignatureRecipe,
	secret: string,
	body: Buffer,
	header: string | undefined,
): boolean {
	if (typeof header !== 'string' || header === '') return false;
	const expected = computeSignature(recipe, secret, body);
	let valid = false;
	for (const candidate of headerBytes(header)) {
		if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) valid = true;
	}
	return valid;
}
