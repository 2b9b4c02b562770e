import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError, timedOut } from '../errors/apiError';
import { writeMayHaveHappened } from '../errors/writeOutcome';
import { failureItem, prepareAllItems } from '../items';
import type { Redactor } from '../security/redact';
import {
	describeDone,
	type DoneWrite,
	type Failure,
	itemsName,
	outcomeNote,
	retriedNote,
	stalledNote,
	type WriteOutcome,
} from './wording';
import { WriteLedger } from './writeLedger';

export interface Prepared {
	itemIndex: number;
}

/** A transport client: every client masks its credential's secrets. */
export interface Client {
	redactor: Redactor;
}

export interface WriteSettings<R> {
	/** "sent", "created", "ordered", "updated": what a write that went through did. */
	doneWord: string;
	/** Who did not confirm an unconfirmed write: "KPN", "Nextpertise". */
	api: string;
	/** How to find out whether an unconfirmed write went through (default: "Check before sending it again."). */
	check?: string;
	/** What identifies a done item in an error (a ticket number, a document id, an order id). */
	label?: (outputs: INodeExecutionData[], item: R) => string | undefined;
}

export interface RunSettings<P extends Prepared, R extends Prepared, C extends Client> {
	/** Reads and checks one item's fields; no request may be made here. */
	prepare: (itemIndex: number) => Promise<P | NodeOperationError> | P | NodeOperationError;
	/** Present for writes (SMS, incident, order, …): never sent twice, and errors say what was done. */
	write?: WriteSettings<R>;
	connect: () => Promise<C>;
	/** Reads every item needs before any item's write (e.g. the record to merge into). */
	resolve?: (client: C, item: P) => Promise<R | NodeOperationError>;
	/** How items share requests (SMS packs many into one call); default one request per item. */
	group?: (items: R[]) => R[][];
	/** A group in errors, e.g. "Call 2 of 3 (items 200–399)"; default "Item N". */
	unitName?: (unit: R[], index: number, total: number) => string;
	/** Runs one group; returns the output items of each of its items, in the group's order. */
	execute: (client: C, unit: R[], index: number) => Promise<INodeExecutionData[][]>;
}

const itemName = (unit: Prepared[]) => itemsName(unit.map((item) => item.itemIndex));

function asFailure(error: unknown): Failure {
	const failure = error as Failure;
	return typeof failure?.message === 'string' ? failure : { message: String(error) };
}

/**
 * The one item runner every action node uses. It checks every item first (bad input stops the node
 * before any request; Continue On Fail makes it that item's error item), runs the reads every
 * write needs, then each group of items. Outputs carry `pairedItem` and pass the redaction step.
 * A failure stops the node, or with Continue On Fail becomes error items of that group's items.
 * For writes, a ledger remembers what was done, so when n8n runs the node again (Retry On Fail)
 * confirmed writes return their outputs, unconfirmed ones are reported and never sent again, and
 * only writes never tried are sent. After a request timed out, the remaining groups fail at once.
 */
export async function runItems<P extends Prepared, R extends Prepared = P, C extends Client = Client>(
	context: IExecuteFunctions,
	settings: RunSettings<P, R, C>,
): Promise<INodeExecutionData[]> {
	const { results, prepared } = await prepareAllItems(context, settings.prepare);
	if (prepared.length === 0) return results.flat();

	const continueOnFail = context.continueOnFail();
	const write = settings.write;
	const ledger = write ? WriteLedger.for(context) : undefined;
	const keys = new Map<number, string>(write ? prepared.map((item) => [item.itemIndex, WriteLedger.key(item.itemIndex, item)]) : []);
	const done: DoneWrite[] = [];
	const notConfirmedBefore: Array<{ itemIndex: number; failure: Failure }> = [];
	let todo: P[] = prepared;
	if (ledger) {
		todo = [];
		for (const item of prepared) {
			const entry = ledger.get(keys.get(item.itemIndex)!);
			if (entry?.state === 'confirmed') {
				results[item.itemIndex] = entry.outputs;
				done.push({ itemIndex: item.itemIndex, label: entry.label });
			} else if (entry?.state === 'unconfirmed') {
				notConfirmedBefore.push({ itemIndex: item.itemIndex, failure: entry });
			} else {
				todo.push(item);
			}
		}
	}

	let client: C | undefined;
	let stop: Error | undefined;
	let stopIndex = -1;
	/** Whether some write of this run may have gone through without a confirmation. */
	let unknown = notConfirmedBefore.length > 0;
	const fail = (error: unknown, unit: Prepared[], note: string) => {
		const failure = asFailure(error);
		const description = [failure.description, note].filter((part) => !!part).join(' ').trim();
		if (continueOnFail) {
			for (const item of unit) results[item.itemIndex] = [failureItem({ message: failure.message, description }, item.itemIndex)];
			return;
		}
		stop = stopError(context, error, description, unit[0].itemIndex);
		stopIndex = unit[0].itemIndex;
	};

	if (todo.length > 0) {
		client = await settings.connect();
		const resolved: R[] = [];
		for (const item of todo) {
			if (stop) break;
			let outcome: R | NodeOperationError | Error;
			try {
				outcome = settings.resolve ? await settings.resolve(client, item) : (item as unknown as R);
			} catch (error) {
				outcome = error as Error;
			}
			if (outcome instanceof Error) fail(client.redactor.error(outcome), [item], '');
			else resolved.push(outcome);
		}

		const units = stop ? [] : (settings.group?.(resolved) ?? resolved.map((item) => [item]));
		let stalled: Failure | undefined;
		for (const [index, unit] of units.entries()) {
			if (stop) break;
			const name = settings.unitName?.(unit, index, units.length) ?? itemName(unit);
			if (stalled) {
				fail(stalled, unit, stalledNote(name, write?.doneWord));
				continue;
			}
			try {
				const outputs = await settings.execute(client, unit, index);
				for (const [position, item] of unit.entries()) {
					const items = client.redactor
						.items(outputs[position] ?? [])
						.map((output) => ({ ...output, pairedItem: { item: item.itemIndex } }));
					results[item.itemIndex] = items;
					if (write) {
						const label = write.label?.(items, item);
						ledger!.confirm(keys.get(item.itemIndex)!, items, label);
						done.push({ itemIndex: item.itemIndex, label });
					}
				}
			} catch (error) {
				const failure = client.redactor.error(error);
				if (timedOut(failure)) stalled = asFailure(failure);
				const outcome: WriteOutcome =
					failure instanceof NodeOperationError ? 'notSent' : writeMayHaveHappened(asFailure(failure)) ? 'unconfirmed' : 'refused';
				if (write && outcome === 'unconfirmed') {
					unknown = true;
					for (const item of unit) ledger!.unconfirmed(keys.get(item.itemIndex)!, asFailure(failure));
				}
				fail(failure, unit, write ? outcomeNote(name, write, outcome) : '');
			}
		}
	}

	if (!stop && write && notConfirmedBefore.length > 0) {
		if (continueOnFail) {
			for (const { itemIndex, failure } of notConfirmedBefore) fail(failure, [{ itemIndex }], retriedNote(itemName([{ itemIndex }]), write));
		} else {
			// Reported once for all of them, with the first one's failure.
			stop = stopError(context, notConfirmedBefore[0].failure, notConfirmedBefore[0].failure.description ?? '', notConfirmedBefore[0].itemIndex);
			stopIndex = notConfirmedBefore[0].itemIndex;
		}
	}
	if (stop) {
		if (write) {
			const error = stop as Failure;
			const earlier = notConfirmedBefore.length > 0 ? retriedNote(itemName(notConfirmedBefore), write) : '';
			error.description = [error.description, earlier, describeDone(done, write.doneWord, stopIndex, unknown)].filter((part) => !!part).join(' ');
		}
		throw stop;
	}
	return results.flat();
}

/** The error that stops the node: a NodeOperationError stays one; anything else becomes a NodeApiError. */
function stopError(context: IExecuteFunctions, error: unknown, description: string, itemIndex: number): Error {
	if (error instanceof NodeOperationError) {
		error.description = description;
		return error;
	}
	const failure = asFailure(error);
	return apiError(context.getNode(), {
		message: failure.message,
		description: description || undefined,
		httpCode: failure.httpCode ?? undefined,
		itemIndex,
	});
}
