import { createHash, createHmac } from 'node:crypto';

import {
	computeSignature,
	DEFAULT_SIGNATURE_RECIPE,
	SIGNATURE_RECIPES,
	verifySignature,
	type SignatureRecipe,
} from '../../../../nodes/Fenergo/trigger/signature';

const SECRET = 'webhook-secret-8f2a';
const BODY = Buffer.from(
	'{"id":"7b1e","eventType":"entitydata:created","payload":{"x":"é"}}',
	'utf8',
);
const hash = createHash('sha256').update(SECRET).digest();

/** Each candidate reading of Fenergo's guide, computed here independently of the node. */
const EXPECTED: Record<SignatureRecipe, Buffer> = {
	hmacHexKey: createHmac('sha256', hash.toString('hex')).update(BODY).digest(),
	hmacRawKey: createHmac('sha256', hash).update(BODY).digest(),
	hmacSecret: createHmac('sha256', SECRET).update(BODY).digest(),
	sha256Concat: createHash('sha256')
		.update(hash.toString('hex') + BODY.toString('utf8'))
		.digest(),
};

describe('x-fenx-signature recipes', () => {
	it('defaults to the HMAC keyed with the hex hash, as the guide reads best', () => {
		expect(DEFAULT_SIGNATURE_RECIPE).toBe('hmacHexKey');
		expect(Object.keys(SIGNATURE_RECIPES).sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	describe.each(Object.keys(EXPECTED) as SignatureRecipe[])('%s', (recipe) => {
		const digest = EXPECTED[recipe];

		it('computes the expected bytes', () => {
			expect(computeSignature(recipe, SECRET, BODY).equals(digest)).toBe(true);
		});

		it.each([
			['lower-case hex', digest.toString('hex')],
			['upper-case hex', digest.toString('hex').toUpperCase()],
			['base64', digest.toString('base64')],
			['sha256= prefix', `sha256=${digest.toString('hex')}`],
		])('accepts %s', (_name, header) => {
			expect(verifySignature(recipe, SECRET, BODY, header)).toBe(true);
		});

		it('refuses another body, another secret, a missing or a malformed header', () => {
			const header = digest.toString('hex');
			expect(verifySignature(recipe, SECRET, Buffer.concat([BODY, Buffer.from(' ')]), header)).toBe(
				false,
			);
			expect(verifySignature(recipe, 'other-secret', BODY, header)).toBe(false);
			expect(verifySignature(recipe, SECRET, BODY, undefined)).toBe(false);
			expect(verifySignature(recipe, SECRET, BODY, '')).toBe(false);
			expect(verifySignature(recipe, SECRET, BODY, header.slice(2))).toBe(false);
		});

		it('is told apart from every other recipe', () => {
			for (const other of Object.keys(EXPECTED) as SignatureRecipe[]) {
				if (other === recipe) continue;
				expect(verifySignature(other, SECRET, BODY, digest.toString('hex'))).toBe(false);
			}
		});
	});
});
