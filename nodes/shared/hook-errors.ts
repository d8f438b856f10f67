/**
 * What a credential hook (`preAuthentication`, `authenticate`) last threw for one credentials
 * object, if its last call failed. n8n wraps hook errors in a NodeApiError, and n8n 1.x's
 * NodeApiError drops an Error cause (its ExecutionBaseError declares `cause` as a class field,
 * which resets what Error's constructor set), so the transport cannot find our error in the chain
 * there. n8n hands the hooks the very object the transport passes as `credentialsDecrypted.data`.
 */
const raised = new WeakMap<object, Error>();

/** Records what a hook throws (returned, to be thrown). */
export function noteHookError<E>(credentials: object, error: E): E {
	if (error instanceof Error) raised.set(credentials, error);
	return error;
}

/** A hook succeeded: an earlier failure n8n recovered from is no longer what went wrong. */
export function clearHookError(credentials: object): void {
	raised.delete(credentials);
}

/** What the last hook call for these credentials threw, if it failed; forgotten once read. */
export function takeHookError(credentials: object): Error | undefined {
	const error = raised.get(credentials);
	raised.delete(credentials);
	return error;
}
