import { readCredentialState } from '../../../nodes/shared/token/credential-state';

describe('readCredentialState', () => {
	it('reads the stored token and its state', () => {
		const state = readCredentialState({
			accessToken: 'stored-token',
			tokenState: JSON.stringify({
				obtainedAt: 1000,
				expiresAt: 5000,
				key: 'abc123',
				fetches: [100, 200],
			}),
		});
		expect(state).toEqual({
			accessToken: 'stored-token',
			obtainedAt: 1000,
			expiresAt: 5000,
			key: 'abc123',
			fetches: [100, 200],
		});
	});

	it('takes the token only from the accessToken field, never from the state', () => {
		const state = readCredentialState({
			tokenState: JSON.stringify({ accessToken: 'smuggled', expiresAt: 5000 }),
		});
		expect(state.accessToken).toBeUndefined();
		expect(state.expiresAt).toBe(5000);
		expect(readCredentialState({ accessToken: '' }).accessToken).toBeUndefined();
		expect(readCredentialState({ accessToken: 42 }).accessToken).toBeUndefined();
	});

	it('keeps only numeric fetch times', () => {
		const state = readCredentialState({
			tokenState: JSON.stringify({ fetches: [1, '2', null, 3, { at: 4 }] }),
		});
		expect(state.fetches).toEqual([1, 3]);
		expect(
			readCredentialState({ tokenState: JSON.stringify({ fetches: 'many' }) }).fetches,
		).toBeUndefined();
	});

	it('counts an unreadable state as nothing remembered', () => {
		for (const tokenState of ['', '{not json', 'null', '42', 7, true]) {
			expect(readCredentialState({ accessToken: 'stored-token', tokenState })).toEqual({
				accessToken: 'stored-token',
				fetches: undefined,
			});
		}
		expect(readCredentialState({ accessToken: 'stored-token' })).toEqual({
			accessToken: 'stored-token',
			fetches: undefined,
		});
		expect(readCredentialState({})).toEqual({ accessToken: undefined, fetches: undefined });
	});
});
