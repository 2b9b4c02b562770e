import { sleep } from 'n8n-workflow';

import type { Pace } from './pace';

export interface RetryPolicy {
	/** HTTP statuses that may be retried; empty = never retry (writes). */
	retryOn: readonly number[];
	/** Total tries, the first one included. */
	maxAttempts: number;
	/** Upper bound on the time spent waiting between tries. */
	maxTotalWaitMs: number;
	/** The node run's pace: every try waits while the API pushes back, and a push-back slows them all. */
	pace?: Pace;
}

/**
 * A read changes nothing, so it may be sent again after a refusal (429) or a server or gateway
 * failure (500, 502, 503, 504): at most DEFAULT_MAX_ATTEMPTS tries within the wait budget.
 */
export const RETRY_READS: readonly number[] = [429, 500, 502, 503, 504];
/**
 * A 429 means the gateway refused the call before KPN saw it, so even a write may be sent again:
 * that is not sending it twice. Any other failure of a write is reported, never repeated.
 */
export const RETRY_THROTTLED_ONLY: readonly number[] = [429];
export const NEVER_RETRY: readonly number[] = [];

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_MAX_TOTAL_WAIT_MS = 60_000;

const BACKOFF_BASE_MS = 1_000;

/** Reads Retry-After (seconds or an HTTP date); without it, exponential backoff with jitter. */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, now = Date.now()): number {
	if (retryAfter !== undefined && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const backoff = BACKOFF_BASE_MS * 2 ** (attempt - 1);
	return backoff + Math.floor(Math.random() * (backoff / 2));
}

export interface RetryableFailure {
	httpCode?: number;
	retryAfter?: string;
}

/**
 * Runs `send` until it succeeds, the failure is not retryable, the tries are used up, or the
 * next wait would cross the time budget; then `fail` turns the last error into what to throw.
 * A push-back (429, or 503 with Retry-After) also holds back the other requests of the node run.
 */
export async function withRetries<T>(
	send: () => Promise<T>,
	policy: RetryPolicy,
	classify: (error: unknown) => RetryableFailure,
	fail: (error: unknown, attempts: number) => Error,
): Promise<T> {
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		await policy.pace?.ready();
		try {
			const result = await send();
			policy.pace?.succeeded();
			return result;
		} catch (error) {
			const failure = classify(error);
			const delay = retryDelayMs(failure.retryAfter, attempt);
			if (failure.httpCode === 429 || (failure.httpCode === 503 && failure.retryAfter !== undefined)) {
				policy.pace?.pushedBack(delay);
			}
			const retryable =
				failure.httpCode !== undefined &&
				policy.retryOn.includes(failure.httpCode) &&
				attempt < policy.maxAttempts;
			if (!retryable) throw fail(error, attempt);
			if (waitedMs + delay > policy.maxTotalWaitMs) throw fail(error, attempt);
			await sleep(delay);
			waitedMs += delay;
		}
	}
}
