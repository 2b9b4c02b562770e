import type { IDataObject } from 'n8n-workflow';

/**
 * What a polling trigger remembers between polls (in workflow static data, stored as JSON):
 * for each key (disturbance id, ticket number) the last state seen and when it was last in a
 * response. Items that leave the list are kept for a while, so one that comes back is not "new".
 */
export interface TrackerState {
	version: 1;
	/** Settings the snapshot was taken with; another scope starts a fresh baseline. */
	scope: string;
	/** Time of the last poll (ms since epoch). */
	lastPoll: number;
	/** key → [state, last seen at (ms)]. */
	seen: Record<string, [string, number]>;
}

export interface Observed<T> {
	key: string;
	state: string;
	item: T;
}

export type ChangeEvent = 'new' | 'stateChanged';

export interface Change<T> {
	event: ChangeEvent;
	previousState: string | null;
	observed: Observed<T>;
}

export interface Departed {
	key: string;
	state: string;
}

export interface DiffResult<T> {
	/** True when there was no usable earlier state (first poll, or settings changed). */
	baseline: boolean;
	changes: Array<Change<T>>;
	/** Keys that were in the previous response and are not in this one. */
	departed: Departed[];
	next: TrackerState;
}

export const RETAIN_MS = 30 * 24 * 3_600_000;
export const MAX_ENTRIES = 5_000;

export function readTracker(value: unknown, scope: string): TrackerState | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const state = value as Partial<TrackerState>;
	if (state.version !== 1 || state.scope !== scope || typeof state.seen !== 'object' || state.seen === null) return undefined;
	return state as TrackerState;
}

/**
 * Compares this poll's items with what was seen before. The first poll (no earlier state) only
 * records a baseline, unless includeExisting is set: then every current item counts as new.
 */
export function diff<T>(
	previous: TrackerState | undefined,
	current: Array<Observed<T>>,
	options: { scope: string; now: number; includeExisting: boolean },
): DiffResult<T> {
	const seen: Record<string, [string, number]> = {};
	const changes: Array<Change<T>> = [];
	const present = new Set<string>();
	for (const observed of current) {
		if (present.has(observed.key)) continue;
		present.add(observed.key);
		const before = previous?.seen[observed.key];
		if (previous === undefined) {
			if (options.includeExisting) changes.push({ event: 'new', previousState: null, observed });
		} else if (before === undefined) {
			changes.push({ event: 'new', previousState: null, observed });
		} else if (before[0] !== observed.state) {
			changes.push({ event: 'stateChanged', previousState: before[0], observed });
		}
		seen[observed.key] = [observed.state, options.now];
	}
	const departed: Departed[] = [];
	if (previous !== undefined) {
		for (const [key, [state, lastSeen]] of Object.entries(previous.seen)) {
			if (present.has(key)) continue;
			if (lastSeen === previous.lastPoll) departed.push({ key, state });
			if (options.now - lastSeen <= RETAIN_MS) seen[key] = [state, lastSeen];
		}
	}
	return {
		baseline: previous === undefined,
		changes,
		departed,
		next: { version: 1, scope: options.scope, lastPoll: options.now, seen: prune(seen) },
	};
}

/** Keeps at most MAX_ENTRIES keys, the most recently seen ones. */
function prune(seen: Record<string, [string, number]>): Record<string, [string, number]> {
	const entries = Object.entries(seen);
	if (entries.length <= MAX_ENTRIES) return seen;
	entries.sort((a, b) => b[1][1] - a[1][1]);
	return Object.fromEntries(entries.slice(0, MAX_ENTRIES));
}

/** The output item of a change: the item itself plus `event` and `previous_state`. */
export function changeItem(item: IDataObject, event: ChangeEvent, previousState: string | null): IDataObject {
	return { ...item, event, previous_state: previousState };
}
