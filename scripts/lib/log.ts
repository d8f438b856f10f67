/** Console output shared by the scripts: steps, and one progress line for long waits. */

const tty = Boolean(process.stdout.isTTY) && process.env.CI !== 'true';

export function step(message: string): void {
	process.stdout.write(`» ${message}\n`);
}

export function info(message: string): void {
	process.stdout.write(`  ${message}\n`);
}

export function warn(message: string): void {
	process.stdout.write(`  ! ${message}\n`);
}

export function seconds(since: number): string {
	return `${Math.round((Date.now() - since) / 1000)} s`;
}

export interface Progress {
	update(text: string): void;
	done(text: string): void;
}

/**
 * On a terminal one line rewritten in place; elsewhere (CI, logs) a line at most every
 * `quietMs` so a long install shows it is alive without flooding the log.
 */
export function progress(label: string, quietMs = 20_000): Progress {
	let last = 0;
	let shown = '';
	return {
		update(text) {
			const line = `  ${label}: ${text}`;
			if (tty) {
				process.stdout.write(`\r${line.padEnd(shown.length)}`);
				shown = line;
				return;
			}
			if (Date.now() - last >= quietMs) {
				last = Date.now();
				process.stdout.write(`${line}\n`);
			}
		},
		done(text) {
			const line = `  ${label}: ${text}`;
			process.stdout.write(tty ? `\r${line.padEnd(shown.length)}\n` : `${line}\n`);
			shown = '';
		},
	};
}
