/**
 * Preloaded into the n8n processes of `npm run e2e` (NODE_OPTIONS=--require): every TCP connection
 * to a host other than loopback is refused before it leaves the machine and written to
 * LOCAL_N8N_NET_LOG, so the e2e can show that n8n tried to reach nothing outside 127.0.0.1.
 */
import { appendFileSync } from 'node:fs';
import { Socket } from 'node:net';

const logFile = process.env.LOCAL_N8N_NET_LOG;

function isLoopback(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	return (
		bare === 'localhost' ||
		bare === '::1' ||
		bare.startsWith('127.') ||
		bare.startsWith('::ffff:127.')
	);
}

function target(args: unknown[]): { host?: string; port?: unknown; path?: string } {
	const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
	if (typeof first === 'object' && first !== null) {
		const options = first as { host?: string; port?: unknown; path?: string };
		// https passes the request path along with host and port: a port means TCP.
		if (options.port !== undefined && options.port !== null)
			return { host: options.host ?? 'localhost', port: options.port };
		return { host: options.path ? undefined : (options.host ?? 'localhost'), path: options.path };
	}
	if (typeof first === 'string' && Number.isNaN(Number(first))) return { path: first };
	return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

if (logFile) {
	// eslint-disable-next-line @typescript-eslint/unbound-method
	const connect = Socket.prototype.connect;
	Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
		const { host, port, path } = target(args);
		if (path !== undefined || host === undefined || isLoopback(host)) {
			return (connect as (...a: unknown[]) => Socket).apply(this, args);
		}
		try {
			const entry = {
				host,
				port,
				command: process.argv.slice(2).join(' '),
				at: new Date().toISOString(),
				stack: new Error().stack
					?.split('\n')
					.slice(2, 40)
					.map((line) => line.trim())
					.join(' | '),
			};
			appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
		} catch {
			// The log is best effort; the connection is refused all the same.
		}
		const error = Object.assign(
			new Error(`connect ECONNREFUSED ${host}:${String(port)} (refused by the e2e network guard)`),
			{
				code: 'ECONNREFUSED',
			},
		);
		process.nextTick(() => this.destroy(error));
		return this;
	} as typeof Socket.prototype.connect;
}
