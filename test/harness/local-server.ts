import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface LocalResponse {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface LocalServer {
	/** e.g. http://127.0.0.1:54321 */
	url: string;
	/** Every request received, in arrival order. */
	requests: LocalRequest[];
	/** Highest number of requests in flight at once. */
	maxInFlight: number;
	/** Forgets recorded requests and the in-flight high-water mark. */
	resetStats(): void;
	close(): Promise<void>;
}

/** A loopback JSON server on a free port; the handler returns the response to send. */
export async function startLocalServer(
	handler: (request: LocalRequest) => LocalResponse | Promise<LocalResponse>,
): Promise<LocalServer> {
	const requests: LocalRequest[] = [];
	let inFlight = 0;
	const state = { maxInFlight: 0 };

	const server = http.createServer((req, res) => {
		inFlight++;
		state.maxInFlight = Math.max(state.maxInFlight, inFlight);
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request: LocalRequest = {
				method: req.method ?? 'GET',
				path: req.url ?? '/',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(request);
			Promise.resolve()
				.then(async () => await handler(request))
				.catch((error: Error): LocalResponse => ({ status: 500, body: { error: error.message } }))
				.then(({ status = 200, body = {}, headers = {} }) => {
					const payload = typeof body === 'string' ? body : JSON.stringify(body);
					res.writeHead(status, { 'content-type': 'application/json', ...headers });
					res.end(payload);
				})
				.finally(() => inFlight--);
		});
	});
	server.keepAliveTimeout = 1;

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		get maxInFlight() {
			return state.maxInFlight;
		},
		resetStats() {
			requests.length = 0;
			state.maxInFlight = 0;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
