import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { providerFor } from '../../shared/providers';
import { clock } from '../../shared/token/clock';
import { keysFor } from '../../shared/token/keys';
import type { RequestGate } from '../../shared/transport';
import { WAREHOUSE_CREDENTIAL } from '../shared/request';

/**
 * Genero's Data Warehouse limits per client: no parallel calls, 60 requests a minute, 3,000 a day.
 * One state per client in process memory, shared by every execution of every workflow (n8n loads
 * the package once), so concurrent executions queue behind each other instead of overlapping. A
 * client is the token engine's budget key (token URL and client ID), the same one its token budget
 * and back-pressure use. The limits are the provider's, per client across every n8n process: what
 * memory cannot see (another worker's call) the provider refuses with a 429, often without
 * Retry-After, and the request waits a bounded, jittered backoff and goes again. Every attempt
 * the transport sends (after a 401 or a 429 too) counts toward the minute and the day.
 */
const MINUTE_MS = 60_000;
/** Sent this much later than our own count allows, for clock drift and network delay. */
export const RATE_MARGIN_MS = 250;
/** A request waits at most this many minute windows for a slot before it fails. */
const MAX_RATE_WAITS = 5;
/** Retries of a request the provider refused (parallel call or rate) without announcing a wait. */
export const MAX_REFUSED_RETRIES = 8;
const BACKOFF_BASE_MS = 1000;
export const MAX_BACKOFF_MS = 30_000;

/**
 * Exponential (1 s, 2 s, 4 s, … at most 30 s) with jitter, so two workers refused at once do not
 * collide again: between half and all of the step.
 */
export function refusedBackoffMs(retry: number): number | undefined {
	if (retry >= MAX_REFUSED_RETRIES) return undefined;
	const step = Math.min(MAX_BACKOFF_MS, BACKOFF_BASE_MS * 2 ** retry);
	return Math.round(step / 2 + Math.random() * (step / 2));
}

interface ClientState {
	/** Resolves when the request ahead in the queue is done. */
	tail: Promise<void>;
	/** When recent requests were sent (engine clock, ms), oldest first. */
	sent: number[];
	day: string;
	count: number;
}

export interface DailyCount {
	day: string;
	count: number;
}

/** Where the daily count is kept besides memory (the node's static data), so a restart keeps it. */
export interface CountStore {
	read(): DailyCount | undefined;
	write(count: DailyCount): void;
}

export interface Limits {
	perMinute: number;
	perDay: number;
}

let clients = new Map<string, ClientState>();

/** Forgets every queue and count held in memory, as a restart does (tests). */
export function resetWarehouseLimits(): void {
	clients = new Map();
}

/** A client's key: the engine's budget key of the credential's validated token request. */
export function limiterKey(credentials: ICredentialDataDecryptedObject): string {
	return keysFor(providerFor(WAREHOUSE_CREDENTIAL).tokenRequest(credentials)).budget;
}

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function stateOf(key: string): ClientState {
	let state = clients.get(key);
	if (!state) {
		state = { tail: Promise.resolve(), sent: [], day: '', count: 0 };
		clients.set(key, state);
	}
	return state;
}

/** Requests counted today for a client (memory), and in the last minute. */
export function warehouseUsage(key: string): { today: number; lastMinute: number } {
	const state = clients.get(key);
	const now = clock.now();
	if (!state) return { today: 0, lastMinute: 0 };
	return {
		today: state.day === utcDay(now) ? state.count : 0,
		lastMinute: state.sent.filter((at) => at > now - MINUTE_MS).length,
	};
}

function todaysCount(state: ClientState, store: CountStore, day: string): number {
	const stored = store.read();
	const fromMemory = state.day === day ? state.count : 0;
	const fromStore = stored?.day === day && Number.isFinite(stored.count) ? stored.count : 0;
	return Math.max(fromMemory, fromStore);
}

export interface LimitedCall<T> {
	key: string;
	limits: Limits;
	store: CountStore;
	node: INode;
	itemIndex: number;
	/** Sends the request; the transport calls the gate before each attempt it makes. */
	send: (gate: RequestGate) => Promise<T>;
}

/**
 * Sends one request when it is this client's turn: after the request ahead finished, within the
 * minute window (waiting on the engine clock, bounded) and within the day's count (refusing
 * before anything is sent).
 */
export async function limited<T>(call: LimitedCall<T>): Promise<T> {
	const state = stateOf(call.key);
	const ahead = state.tail;
	let release!: () => void;
	state.tail = new Promise<void>((resolve) => (release = resolve));
	await ahead;
	try {
		return await call.send({
			beforeSend: async () => {
				refuseOverDailyLimit(call, state);
				await waitForMinuteSlot(call, state);
				const now = clock.now();
				const day = utcDay(now);
				refuseOverDailyLimit(call, state);
				state.count = todaysCount(state, call.store, day) + 1;
				state.day = day;
				state.sent.push(now);
				call.store.write({ day, count: state.count });
			},
			refusedBackoffMs,
		});
	} finally {
		release();
	}
}

function refuseOverDailyLimit(call: LimitedCall<unknown>, state: ClientState): void {
	const now = clock.now();
	const used = todaysCount(state, call.store, utcDay(now));
	if (used < call.limits.perDay) return;
	const resets = new Date(
		Date.parse(`${utcDay(now)}T00:00:00.000Z`) + 24 * 3600 * 1000,
	).toISOString();
	throw new NodeOperationError(
		call.node,
		`Genero Data Warehouse daily request limit reached: ${used} of ${call.limits.perDay} requests used today`,
		{
			itemIndex: call.itemIndex,
			description: `This client already made ${used} requests today (UTC) and Genero allows ${call.limits.perDay.toLocaleString('en-US')} a day; no request was sent. The count starts again at ${resets}. Fetch incrementally ("Changed Since Last Run") to need fewer requests.`,
		},
	);
}

async function waitForMinuteSlot(call: LimitedCall<unknown>, state: ClientState): Promise<void> {
	const { perMinute } = call.limits;
	for (let waits = 0; ; waits++) {
		const now = clock.now();
		state.sent = state.sent.filter((at) => at > now - MINUTE_MS);
		if (state.sent.length < perMinute) return;
		if (waits >= MAX_RATE_WAITS) {
			throw new NodeOperationError(
				call.node,
				'Genero Data Warehouse minute limit: no request slot became free',
				{
					itemIndex: call.itemIndex,
					description: `Genero allows ${perMinute} requests a minute; this request waited ${MAX_RATE_WAITS} minutes without getting a slot. Try again later.`,
				},
			);
		}
		const oldestThatCounts = state.sent[state.sent.length - perMinute];
		await clock.sleep(Math.max(1, oldestThatCounts + MINUTE_MS - now + RATE_MARGIN_MS));
	}
}
