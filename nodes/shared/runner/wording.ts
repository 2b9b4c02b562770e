// The sentences the item runner adds to errors: what happened to a write, and to the writes before it.

/** The parts of an error the runner reads and rewords. */
export interface Failure {
	message: string;
	description?: string | null;
	httpCode?: string | number | null;
}

export interface DoneWrite {
	itemIndex: number;
	label?: string;
}

interface WriteWords {
	doneWord: string;
	api: string;
	check?: string;
}

const DEFAULT_CHECK = 'Check before sending it again.';

/** "Item 3", "Items 0–199", "Items 4, 9–12": item indexes with consecutive runs joined. */
export function itemsName(indexes: number[]): string {
	const sorted = [...new Set(indexes)].sort((a, b) => a - b);
	const runs: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		runs.push(end === start ? String(sorted[start]) : `${sorted[start]}–${sorted[end]}`);
		start = end + 1;
	}
	return `${sorted.length === 1 ? 'Item' : 'Items'} ${runs.join(', ')}`;
}

/**
 * What happened to the write that failed: not confirmed (may have been done; never repeated),
 * refused by the API, or not sent at all (its input could not be read).
 */
export type WriteOutcome = 'unconfirmed' | 'refused' | 'notSent';

export function outcomeNote(unit: string, write: WriteWords, outcome: WriteOutcome): string {
	if (outcome === 'unconfirmed') {
		return `${unit} was not retried: ${write.api} did not confirm it, so it may have been ${write.doneWord}. ${write.check ?? DEFAULT_CHECK}`.trim();
	}
	if (outcome === 'refused') return `${write.api} refused ${lowerFirst(unit)}, so it was not ${write.doneWord}.`;
	return `${unit} was not ${write.doneWord}.`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** For writes an earlier try of this node run sent without confirmation (n8n's Retry On Fail). */
export function retriedNote(unit: string, write: WriteWords): string {
	return `${unit} may have been ${write.doneWord} in an earlier try of this node (Retry On Fail); ${write.api} did not confirm it, so it was not sent again. ${write.check ?? DEFAULT_CHECK}`.trim();
}

/** For the items not tried after a request timed out. */
export function stalledNote(unit: string, doneWord?: string): string {
	const what = doneWord ? `was not sent, so it was not ${doneWord}` : 'was not requested';
	return `${unit} ${what}: an earlier request of this run got no answer in time, so the API is taken as not answering and the remaining items fail at once instead of each waiting again.`;
}

/**
 * The sentence about the writes that did go through ("items 0–199: document d-1, item 200: …"),
 * or that none did. `failedIndex`: the item whose failure stops the node; `unknown`: whether some
 * write may have gone through unconfirmed.
 */
export function describeDone(done: DoneWrite[], doneWord: string, failedIndex: number, unknown: boolean): string {
	if (done.length === 0) return unknown ? `No other item was ${doneWord}.` : `Nothing was ${doneWord}.`;
	const byLabel = new Map<string, number[]>();
	for (const write of [...done].sort((a, b) => a.itemIndex - b.itemIndex)) {
		const label = write.label ?? '';
		byLabel.set(label, [...(byLabel.get(label) ?? []), write.itemIndex]);
	}
	const parts = [...byLabel.entries()].map(([label, indexes]) => {
		const name = lowerFirst(itemsName(indexes));
		return label ? `${name}: ${label}` : name;
	});
	const which = done.every((write) => write.itemIndex < failedIndex) ? 'Earlier' : 'Other';
	return `${which} items WERE ${doneWord} (${parts.join(', ')}); do not send them again.`;
}
