import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

import type { SimClock } from '../base';
import type { CdrStore } from './cdrs';

/**
 * Kaisa's webhook integration (support.kaisa.io "Webhook integration"): after each call Kaisa posts
 * the macros of the user's template to the URL pasted in its web app, form-url-encoded by default or
 * as JSON; with "SSL signature" the data goes in a `payload` field next to an opaque `sign`. Any
 * answer but 200 is retried every 30 minutes for up to 7 days.
 */
export const KAISA_RETRY_EVERY_MS = 30 * 60 * 1000;
export const KAISA_RETRY_FOR_MS = 7 * 24 * 60 * 60 * 1000;

/** The macros of the suggested template, call id first (the order Kaisa substitutes them in). */
export const KAISA_DEFAULT_MACROS = [
	'cdr_id',
	'start',
	'duration',
	'answered',
	'anum',
	'bnum',
	'cnum',
	'customer_id',
	'source_id',
	'recording_id',
] as const;

export type KaisaCallFields = Record<string, string>;

export interface KaisaPostOptions {
	format?: 'form' | 'json';
	/** Kaisa's "SSL signature": the fields JSON-encoded in `payload`, an opaque `sign` beside them. */
	signed?: boolean;
	/** Retry a non-200 answer as Kaisa does (default true). */
	retry?: boolean;
	/** At most this many attempts (default: every 30 minutes for 7 days, 337). */
	maxAttempts?: number;
	/**
	 * Waits between attempts: by default a clock with `advance` is moved 30 minutes (no real
	 * time passes); with any other clock the retry follows at once.
	 */
	wait?: (ms: number) => Promise<void> | void;
}

export interface KaisaPostAttempt {
	at: number;
	/** The HTTP status, or 0 when the request failed without an answer. */
	status: number;
	body: string;
}

export interface KaisaPostResult {
	delivered: boolean;
	attempts: KaisaPostAttempt[];
}

/** Posts calls from a CdrStore (or hand-made fields) to a URL as Kaisa's webhook integration does. */
export class KaisaWebhookSender {
	/** Every attempt of every post, in order. */
	readonly attempts: Array<KaisaPostAttempt & { url: string }> = [];

	constructor(
		private readonly clock: SimClock,
		private readonly cdrs: CdrStore,
	) {}

	/**
	 * The macro values of inbound call `index`, as Kaisa substitutes them (text: `answered` 1 or 0,
	 * `start` `YYYY-MM-DD HH:MM:SS` UTC, an empty `recording_id` when there is none).
	 */
	callFields(
		index: number,
		macros: readonly string[] = KAISA_DEFAULT_MACROS,
		direction: 'in' | 'out' = 'in',
	): KaisaCallFields {
		const row = this.cdrs.cdr(direction, index, true);
		const fields: KaisaCallFields = {};
		for (const macro of macros) {
			const value = row[macro];
			fields[macro] = value === null || value === undefined ? '' : String(value);
		}
		return fields;
	}

	/** The first inbound call that carries a recording id (call 5: recording 9002, an MP3; call 10 has 9001, a WAV). */
	callWithRecording(macros: readonly string[] = KAISA_DEFAULT_MACROS): KaisaCallFields {
		for (let index = 0; index < Math.min(this.cdrs.count, 100); index++) {
			const fields = this.callFields(index, [...new Set([...macros, 'recording_id'])]);
			if (fields.recording_id) return fields;
		}
		throw new Error('No call with a recording among the first 100');
	}

	/** The request body Kaisa sends for `fields`, and its content type. */
	encode(
		fields: KaisaCallFields,
		options: Pick<KaisaPostOptions, 'format' | 'signed'> = {},
	): { body: string; contentType: string } {
		const format = options.format ?? 'form';
		const data: Record<string, string> = options.signed
			? { payload: JSON.stringify(fields), sign: randomBytes(32).toString('base64') }
			: fields;
		return format === 'json'
			? { body: JSON.stringify(data), contentType: 'application/json' }
			: {
					body: new URLSearchParams(data).toString(),
					contentType: 'application/x-www-form-urlencoded',
				};
	}

	/** Posts one call to `url`; until a 200, retries every 30 minutes for 7 days (bounded by maxAttempts). */
	async post(
		url: string,
		fields: KaisaCallFields,
		options: KaisaPostOptions = {},
	): Promise<KaisaPostResult> {
		const { body, contentType } = this.encode(fields, options);
		const limit =
			options.retry === false
				? 1
				: Math.min(
						options.maxAttempts ?? Number.POSITIVE_INFINITY,
						Math.floor(KAISA_RETRY_FOR_MS / KAISA_RETRY_EVERY_MS) + 1,
					);
		const attempts: KaisaPostAttempt[] = [];
		for (let attempt = 0; attempt < limit; attempt++) {
			if (attempt > 0) await this.waitForRetry(options);
			const result = await this.send(url, body, contentType);
			attempts.push(result);
			this.attempts.push({ ...result, url });
			if (result.status === 200) return { delivered: true, attempts };
		}
		return { delivered: false, attempts };
	}

	/** The same request again, as Kaisa does when it did not see our 200 (e.g. a dropped connection). */
	async repeat(
		url: string,
		fields: KaisaCallFields,
		options: KaisaPostOptions = {},
	): Promise<KaisaPostResult> {
		return await this.post(url, fields, { ...options, retry: false });
	}

	private async waitForRetry(options: KaisaPostOptions): Promise<void> {
		if (options.wait) return await options.wait(KAISA_RETRY_EVERY_MS);
		const manual = this.clock as SimClock & { advance?: (ms: number) => void };
		manual.advance?.(KAISA_RETRY_EVERY_MS);
	}

	private async send(url: string, body: string, contentType: string): Promise<KaisaPostAttempt> {
		const at = this.clock.now();
		// A new connection per attempt (no keep-alive pool outliving the sender).
		const transport = url.startsWith('https:') ? https : http;
		return await new Promise<KaisaPostAttempt>((resolve) => {
			const request = transport.request(
				url,
				{
					method: 'POST',
					agent: false,
					timeout: 30_000,
					headers: {
						'content-type': contentType,
						'content-length': Buffer.byteLength(body),
						'user-agent': 'Kaisa-Webhook/1.0',
					},
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({
							at,
							status: response.statusCode ?? 0,
							body: Buffer.concat(chunks).toString('utf8'),
						}),
					);
					response.on('error', (error) => resolve({ at, status: 0, body: error.message }));
				},
			);
			request.on('timeout', () => request.destroy(new Error('timed out after 30 s')));
			request.on('error', (error) => resolve({ at, status: 0, body: error.message }));
			request.end(body);
		});
	}
}
