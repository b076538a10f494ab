/** Backoff between reconnects: 1 s, 2 s, 4 s … at most 15 s. */
export const reconnectDelayMs = (attempt: number): number => Math.min(15_000, 1000 * 2 ** Math.min(attempt, 10));
