/** Kaisa's filter format: UTC, `YYYY-MM-DD HH:MM:SS`. */
export function kaisaDateTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
