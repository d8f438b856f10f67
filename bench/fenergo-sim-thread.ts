/**
 * A Fenergo simulator on its own thread, so its CPU time does not queue behind the node's on one
 * event loop (a real Fenergo does not run on the n8n host). The main thread asks for its counters.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import path from 'node:path';

import { FenergoSimulator, type FenergoSimulatorOptions } from '../test/simulators';

/** Options that survive the copy to the thread (no clock). */
export type ThreadSimulatorOptions = Omit<FenergoSimulatorOptions, 'clock'>;

export interface SimulatorCounts {
	tokenRequests: number;
	apiRequests: number;
	/** 429s the pacing option sent. */
	rateLimited: number;
	maxApiInFlight: number;
}

type FromThread =
	| { type: 'started'; url: string }
	| { type: 'counts'; counts: SimulatorCounts }
	| { type: 'closed' };
type ToThread = 'counts' | 'close';

export class SimulatorThread {
	private constructor(
		private readonly worker: Worker,
		readonly url: string,
	) {}

	static async start(options: ThreadSimulatorOptions): Promise<SimulatorThread> {
		const worker = new Worker(path.join(__dirname, 'fenergo-sim-thread.js'), {
			workerData: options,
		});
		const message = await nextMessage(worker);
		if (message.type !== 'started')
			throw new Error(`simulator thread said ${message.type} before starting`);
		return new SimulatorThread(worker, message.url);
	}

	async counts(): Promise<SimulatorCounts> {
		const reply = nextMessage(this.worker);
		this.worker.postMessage('counts' satisfies ToThread);
		const message = await reply;
		if (message.type !== 'counts') throw new Error(`simulator thread answered ${message.type}`);
		return message.counts;
	}

	async close(): Promise<void> {
		const reply = nextMessage(this.worker);
		this.worker.postMessage('close' satisfies ToThread);
		await reply;
		await this.worker.terminate();
	}
}

async function nextMessage(worker: Worker): Promise<FromThread> {
	return await new Promise((resolve, reject) => {
		const onError = (error: Error) => {
			worker.off('message', onMessage);
			reject(error);
		};
		const onMessage = (message: FromThread) => {
			worker.off('error', onError);
			resolve(message);
		};
		worker.once('error', onError);
		worker.once('message', onMessage);
	});
}

async function serve(port: NonNullable<typeof parentPort>): Promise<void> {
	const sim = new FenergoSimulator(workerData as ThreadSimulatorOptions);
	await sim.start();
	port.on('message', (message: ToThread) => {
		if (message === 'counts') {
			const counts: SimulatorCounts = {
				tokenRequests: sim.stats.tokenRequests,
				apiRequests: sim.stats.apiRequests,
				rateLimited: sim.pacing.stats.rateLimited,
				maxApiInFlight: sim.maxApiInFlight,
			};
			port.postMessage({ type: 'counts', counts } satisfies FromThread);
			return;
		}
		void sim.close().then(() => port.postMessage({ type: 'closed' } satisfies FromThread));
	});
	port.postMessage({ type: 'started', url: sim.url } satisfies FromThread);
}

if (parentPort && workerData) void serve(parentPort);
