import { sleep } from 'n8n-workflow';

import type { Pace } from '../http/pace';

/** Lets the event loop read sockets and timers before the next unit is prepared and started. */
const yieldToIo = async () => await sleep(0);

/**
 * Starts `task` for each unit as it comes from `units`, keeping at most `pace.limit` running (a
 * limit the API's push-back may lower while this runs), until `stopped()` says so. Resolves once
 * every started task has finished, also when `units` throws (that error is thrown afterwards).
 * `task` must not throw: it records its own outcome.
 */
export async function runBounded<T>(
	units: AsyncIterable<T> | Iterable<T>,
	pace: Pace,
	task: (unit: T, index: number) => Promise<void>,
	stopped: () => boolean,
): Promise<void> {
	const running = new Set<Promise<void>>();
	let index = 0;
	try {
		for await (const unit of units) {
			while (running.size >= pace.limit) await Promise.race(running);
			if (stopped()) break;
			const started = task(unit, index++).finally(() => running.delete(started));
			running.add(started);
			if (pace.limit > 1) await yieldToIo();
		}
	} finally {
		await Promise.all(running);
	}
}
