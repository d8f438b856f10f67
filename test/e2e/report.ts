/** Pass, fail and skip lines, and the closing `e2e: N passed, N failed, N skipped` line. */
export class Report {
	passed = 0;
	failed = 0;
	skipped = 0;
	readonly failures: string[] = [];
	private prefix = '';

	section(title: string): void {
		process.stdout.write(`\n== ${title}\n`);
	}

	/** Text put before every check name until the next call (e.g. the n8n version). */
	scope(prefix: string): void {
		this.prefix = prefix ? `[${prefix}] ` : '';
	}

	pass(name: string, detail?: string): void {
		this.passed++;
		process.stdout.write(`  PASS ${this.prefix}${name}${detail ? ` (${detail})` : ''}\n`);
	}

	fail(name: string, detail: string): void {
		this.failed++;
		this.failures.push(`${this.prefix}${name}: ${detail}`);
		process.stdout.write(`  FAIL ${this.prefix}${name}\n${indent(detail)}\n`);
	}

	skip(name: string, reason: string): void {
		this.skipped++;
		process.stdout.write(`  SKIP ${this.prefix}${name}: ${reason}\n`);
	}

	/** Passes when `failure` is undefined. */
	check(name: string, failure: string | undefined, detail?: string): boolean {
		if (failure === undefined) this.pass(name, detail);
		else this.fail(name, failure);
		return failure === undefined;
	}

	/** Runs `fn`; a thrown error is a failure of `name` (the run goes on). */
	async guard(name: string, fn: () => Promise<void>): Promise<boolean> {
		try {
			await fn();
			return true;
		} catch (error) {
			this.fail(name, (error as Error)?.stack ?? String(error));
			return false;
		}
	}

	summary(): string {
		return `e2e: ${this.passed} passed, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}`;
	}
}

function indent(text: string): string {
	return text
		.split('\n')
		.slice(0, 60)
		.map((line) => `       ${line}`)
		.join('\n');
}

/** A failure message when `actual !== expected`. */
export function expectEqual(what: string, actual: unknown, expected: unknown): string | undefined {
	return actual === expected
		? undefined
		: `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** The first failure among several, or undefined. */
export function firstFailure(...failures: Array<string | undefined>): string | undefined {
	const found = failures.filter((failure): failure is string => failure !== undefined);
	return found.length > 0 ? found.join('; ') : undefined;
}
