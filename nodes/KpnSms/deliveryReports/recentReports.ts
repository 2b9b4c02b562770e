// Which delivery reports a trigger has fired recently, so a report KPN sends again (it retries a
// report up to four times within about seven minutes) fires once. Kept in the workflow's static
// data (survives restarts) and in this process's memory (n8n may handle several POSTs of one
// webhook at the same time, each with its own copy of the static data).
import type { IDataObject } from 'n8n-workflow';

/** Long enough to cover KPN's retries (0, 60, 120, 240 s) with margin. */
export const REMEMBER_MS = 3_600_000;
/** At most this many reports are remembered per trigger; the oldest go first. */
export const REMEMBER_AT_MOST = 20_000;

type Seen = Map<string, number>;

const inProcess = new Map<string, Seen>();

function fromStaticData(value: unknown): Seen {
	const seen: Seen = new Map();
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return seen;
	for (const [key, at] of Object.entries(value)) if (typeof at === 'number') seen.set(key, at);
	return seen;
}

function prune(seen: Seen, now: number): void {
	for (const [key, at] of seen) if (now - at > REMEMBER_MS) seen.delete(key);
	if (seen.size <= REMEMBER_AT_MOST) return;
	const oldestFirst = [...seen.entries()].sort((a, b) => a[1] - b[1]);
	for (const [key] of oldestFirst.slice(0, seen.size - REMEMBER_AT_MOST)) seen.delete(key);
}

/**
 * Splits `keys` into first sightings and repeats, and remembers the first sightings. `trigger`
 * names the trigger node (workflow and node id); `staticData` is its node static data, updated in
 * place. Synchronous, so two requests handled at once cannot both see a key as new.
 */
export function firstSightings(trigger: string, staticData: IDataObject, keys: string[], now: number): boolean[] {
	let memory = inProcess.get(trigger);
	if (memory === undefined) {
		memory = new Map();
		inProcess.set(trigger, memory);
	}
	const stored = fromStaticData(staticData.recentReports);
	const isNew = keys.map((key) => {
		if (memory.has(key) || stored.has(key)) return false;
		memory.set(key, now);
		stored.set(key, now);
		return true;
	});
	prune(memory, now);
	// n8n saves each request's copy of the static data when it is done, the last save replacing
	// the others: so every copy carries all this process remembers, not only its own sightings.
	for (const [key, at] of memory) if ((stored.get(key) ?? -Infinity) < at) stored.set(key, at);
	prune(stored, now);
	staticData.recentReports = Object.fromEntries(stored);
	return isNew;
}

/** Forgets what this process remembers (static data is left alone). */
export function forgetRecentReports(): void {
	inProcess.clear();
}
