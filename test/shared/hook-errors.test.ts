import { clearHookError, noteHookError, takeHookError } from '../../nodes/shared/hook-errors';

describe('what a credential hook last threw', () => {
	it('is read once, for the credentials object it was thrown for', () => {
		const credentials = {};
		const error = new Error('refused');
		expect(noteHookError(credentials, error)).toBe(error);
		expect(takeHookError({})).toBeUndefined();
		expect(takeHookError(credentials)).toBe(error);
		expect(takeHookError(credentials)).toBeUndefined();
	});

	it('is forgotten when a later hook call succeeds (n8n recovered from it)', () => {
		const credentials = {};
		noteHookError(credentials, new Error('token past its lifetime'));
		clearHookError(credentials);
		expect(takeHookError(credentials)).toBeUndefined();
	});

	it('keeps only errors', () => {
		const credentials = {};
		expect(noteHookError(credentials, 'text')).toBe('text');
		expect(takeHookError(credentials)).toBeUndefined();
	});
});
