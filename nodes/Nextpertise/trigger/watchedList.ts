// What the Nextpertise Trigger needs to know about one list it watches: the paged method, how a
// row is identified and what counts as its state, and the filters the user may set.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { findMethod, type MethodSpec } from '../../shared/nextpertise/catalogue';

export type TriggerOn = 'event' | 'transaction' | 'ticket';

/** A filter field of the node and the request param it becomes. */
export interface FilterField {
	/** Field name in the node's filters collection. */
	readonly name: string;
	/** Label, named in errors. */
	readonly displayName: string;
	/** Where the value goes in the request params: `filter.nid`, `closed`. */
	readonly path: readonly [string] | readonly [string, string];
	readonly kind: 'string' | 'boolean';
	/** Format the value must match (from the method's catalogue entry). */
	readonly pattern?: string;
	/** Values the API accepts (from the method's catalogue entry). */
	readonly values?: readonly string[];
}

export interface WatchedList {
	readonly triggerOn: TriggerOn;
	readonly method: MethodSpec;
	/** What one row is, for messages: "event", "transaction", "ticket". */
	readonly noun: string;
	/** Node parameter with the chosen events (multiOptions); undefined when only "new" fires. */
	readonly eventsParameter?: string;
	/** Node parameter of the filters collection. */
	readonly filtersParameter: string;
	readonly filters: readonly FilterField[];
	/** The node's fields for this list (events and filters), shown for its Trigger On choice. */
	readonly properties: INodeProperties[];
	key(row: IDataObject): string | undefined;
	/** What a change is measured by (compared as text between polls). */
	state(row: IDataObject): string;
	/** The state as output in `previous_state`. */
	shownState(state: string): string | null;
	/** Sort key of "newest" (larger is newer): an ISO time or a number as text. */
	newness(row: IDataObject): string;
}

/** The catalogue entry of a method the trigger watches (fails at load time if the catalogue lost it). */
export function catalogueMethod(resource: string, method: string): MethodSpec {
	const spec = findMethod(resource, method);
	if (!spec?.paging || spec.paging.style !== 'page') throw new Error(`${resource}.${method} is not a paged method of the catalogue`);
	return spec;
}

/** A property of the method's `filter` param, as the catalogue documents it. */
export function filterProperty(method: MethodSpec, name: string): { regex?: string; enum?: readonly string[] } {
	const filter = method.params.find((param) => param.name === 'filter');
	const property = filter?.properties?.find((candidate) => candidate.name === name);
	return { regex: property?.regex, enum: property?.enum };
}

/** A row's value as text ('' when absent). */
export function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

export function showFor(triggerOn: TriggerOn): INodeProperties['displayOptions'] {
	return { show: { triggerOn: [triggerOn] } };
}
