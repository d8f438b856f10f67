/**
 * Preloaded (NODE_OPTIONS=--require) into each n8n process of the queue-mode e2e: every outgoing
 * HTTP request is appended to LOCAL_N8N_REQUEST_LOG as one JSON line with the process's name
 * (LOCAL_N8N_PROCESS: main, worker-1, …), so the e2e can tell which worker fetched which token.
 * It only observes: the request itself is not changed.
 */
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const logFile = process.env.LOCAL_N8N_REQUEST_LOG;
const name = process.env.LOCAL_N8N_PROCESS ?? 'unknown';

export interface LoggedCall {
	process: string;
	pid: number;
	method: string;
	host: string;
	path: string;
	at: number;
}

type RequestFn = typeof http.request;

function logged(original: RequestFn): RequestFn {
	return function loggedRequest(this: unknown, ...args: unknown[]) {
		const request = (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
		try {
			const entry: LoggedCall = {
				process: name,
				pid: process.pid,
				method: request.method,
				host: String(request.getHeader('host') ?? request.host),
				path: request.path.split('?')[0],
				at: Date.now(),
			};
			appendFileSync(logFile!, `${JSON.stringify(entry)}\n`);
		} catch {
			// Best effort: the request goes on unlogged.
		}
		return request;
	} as RequestFn;
}

if (logFile) {
	for (const module of [http, https]) {
		module.request = logged(module.request);
		module.get = function loggedGet(this: unknown, ...args: unknown[]) {
			const request = (module.request as (...a: unknown[]) => http.ClientRequest).apply(this, args);
			request.end();
			return request;
		} as typeof http.get;
	}
}
