import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError, timedOut } from '../errors/apiError';
import { writeMayHaveHappened } from '../errors/writeOutcome';
import { parallelRequests } from '../fields/parallelRequests';
import { Pace } from '../http/pace';
import { failureItem } from '../items';
import type { Redactor } from '../security/redact';
import { runBounded } from './bounded';
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
	/** The options collection holding Parallel Requests (default `options`). */
	optionsCollection?: string;
}

const itemName = (unit: Prepared[]) => itemsName(unit.map((item) => item.itemIndex));

function asFailure(error: unknown): Failure {
	const failure = error as Failure;
	return typeof failure?.message === 'string' ? failure : { message: String(error) };
}

/**
 * The one item runner every action node uses. Outputs keep the input's order, carry `pairedItem`
 * and pass the redaction step. A failure stops the node, or with Continue On Fail becomes error
 * items of that group's items. After a request timed out, the remaining groups fail at once.
 *
 * Reads run concurrently: up to the node's Parallel Requests at once (fewer while the API pushes
 * back), each item's request starting as soon as that item is prepared. Bad input stops the node
 * once the requests already started have finished.
 *
 * Writes run one group at a time, after every item was checked (bad input stops the node before
 * any request). A ledger remembers what was done, so when n8n runs the node again (Retry On Fail)
 * confirmed writes return their outputs, unconfirmed ones are reported and never sent again, and
 * only writes never tried are sent.
 */
export async function runItems<P extends Prepared, R extends Prepared = P, C extends Client = Client>(
	context: IExecuteFunctions,
	settings: RunSettings<P, R, C>,
): Promise<INodeExecutionData[]> {
	const inputCount = context.getInputData().length;
	const results: INodeExecutionData[][] = Array.from({ length: inputCount }, () => []);
	const continueOnFail = context.continueOnFail();
	const write = settings.write;
	const pace = Pace.of(context);
	pace.allow(write ? 1 : parallelRequests(context, settings.optionsCollection));

	let client: C | undefined;
	const connect = async () => (client ??= await settings.connect());
	let stop: Error | undefined;
	let stopIndex = -1;
	const stopWith = (error: Error, itemIndex: number) => {
		// Of several concurrent failures, the first item's is reported, whatever finished first.
		if (stop && stopIndex <= itemIndex) return;
		stop = error;
		stopIndex = itemIndex;
	};
	const fail = (error: unknown, unit: Prepared[], note: string) => {
		const failure = asFailure(error);
		const description = [failure.description, note].filter((part) => !!part).join(' ').trim();
		if (continueOnFail) {
			for (const item of unit) results[item.itemIndex] = [failureItem({ message: failure.message, description }, item.itemIndex)];
			return;
		}
		stopWith(stopError(context, error, description, unit[0].itemIndex), unit[0].itemIndex);
	};
	/** Checks one item; bad input becomes its error item (Continue On Fail) or stops the node. */
	const prepare = async (itemIndex: number): Promise<P | undefined> => {
		const request = await settings.prepare(itemIndex);
		if (!(request instanceof NodeOperationError)) return request;
		if (continueOnFail) results[itemIndex] = [failureItem(request, itemIndex)];
		else stopWith(request, itemIndex);
		return undefined;
	};

	const ledger = write ? WriteLedger.for(context) : undefined;
	const keys = new Map<number, string>();
	const done: DoneWrite[] = [];
	const notConfirmedBefore: Array<{ itemIndex: number; failure: Failure }> = [];
	/** Whether some write of this run may have gone through without a confirmation. */
	let unknown = false;
	let stalled: Failure | undefined;

	const runUnit = async (unit: R[], index: number, total: number) => {
		const name = settings.unitName?.(unit, index, total) ?? itemName(unit);
		if (stalled) return fail(stalled, unit, stalledNote(name, write?.doneWord));
		const connected = client!;
		try {
			const outputs = await settings.execute(connected, unit, index);
			for (const [position, item] of unit.entries()) {
				const items = connected.redactor
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
			const failure = connected.redactor.error(error);
			if (timedOut(failure)) stalled = asFailure(failure);
			const outcome: WriteOutcome =
				failure instanceof NodeOperationError ? 'notSent' : writeMayHaveHappened(asFailure(failure)) ? 'unconfirmed' : 'refused';
			if (write && outcome === 'unconfirmed') {
				unknown = true;
				for (const item of unit) ledger!.unconfirmed(keys.get(item.itemIndex)!, asFailure(failure));
			}
			fail(failure, unit, write ? outcomeNote(name, write, outcome) : '');
		}
	};
	const stopped = () => stop !== undefined;

	if (!write && !settings.group && !settings.resolve && !settings.unitName) {
		// Reads: each item's request starts while the next items are being prepared.
		async function* preparedAsTheyCome(): AsyncGenerator<R[]> {
			for (let itemIndex = 0; itemIndex < inputCount && !stopped(); itemIndex++) {
				const item = await prepare(itemIndex);
				if (item === undefined) continue;
				await connect();
				yield [item as unknown as R];
			}
		}
		await runBounded(preparedAsTheyCome(), pace, async (unit, index) => await runUnit(unit, index, inputCount), stopped);
	} else {
		const prepared: P[] = [];
		for (let itemIndex = 0; itemIndex < inputCount && !stop; itemIndex++) {
			const item = await prepare(itemIndex);
			if (item !== undefined) prepared.push(item);
		}
		// Bad input stops the node before any request.
		if (stop) throw stop;
		let todo: P[] = prepared;
		if (ledger) {
			todo = [];
			for (const item of prepared) {
				const key = WriteLedger.key(item.itemIndex, item);
				keys.set(item.itemIndex, key);
				const entry = ledger.get(key);
				if (entry?.state === 'confirmed') {
					results[item.itemIndex] = entry.outputs;
					done.push({ itemIndex: item.itemIndex, label: entry.label });
				} else if (entry?.state === 'unconfirmed') {
					notConfirmedBefore.push({ itemIndex: item.itemIndex, failure: entry });
				} else {
					todo.push(item);
				}
			}
			unknown = notConfirmedBefore.length > 0;
		}
		if (todo.length > 0) {
			const connected = await connect();
			const resolved: R[] = [];
			for (const item of todo) {
				if (stop) break;
				let outcome: R | NodeOperationError | Error;
				try {
					outcome = settings.resolve ? await settings.resolve(connected, item) : (item as unknown as R);
				} catch (error) {
					outcome = error as Error;
				}
				if (outcome instanceof Error) fail(connected.redactor.error(outcome), [item], '');
				else resolved.push(outcome);
			}
			const units = stop ? [] : (settings.group?.(resolved) ?? resolved.map((item) => [item]));
			await runBounded(units, pace, async (unit, index) => await runUnit(unit, index, units.length), stopped);
		}
	}

	if (!stop && write && notConfirmedBefore.length > 0) {
		if (continueOnFail) {
			for (const { itemIndex, failure } of notConfirmedBefore) fail(failure, [{ itemIndex }], retriedNote(itemName([{ itemIndex }]), write));
		} else {
			// Reported once for all of them, with the first one's failure.
			const [first] = notConfirmedBefore;
			stopWith(stopError(context, first.failure, first.failure.description ?? '', first.itemIndex), first.itemIndex);
		}
	}
	if (stop) {
		const error: Error = stop;
		if (write) {
			const failure = error as Failure;
			const earlier = notConfirmedBefore.length > 0 ? retriedNote(itemName(notConfirmedBefore), write) : '';
			failure.description = [failure.description, earlier, describeDone(done, write.doneWord, stopIndex, unknown)].filter((part) => !!part).join(' ');
		}
		throw error;
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
