import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestTimeoutOption } from '../../shared/fields/requestTimeout';
import { returnAllAndLimit } from '../../shared/fields/returnAllLimit';
import { itemProblem, optionBasePath } from '../../shared/items';
import { KpnClient } from '../../shared/kpn/transport';
import { runItems } from '../../shared/runner/runItems';

export { itemProblem, itemText as text, requiredText } from '../../shared/items';
import { DEFAULT_PAGE_SIZE, fetchPaged, MSM_BASE_PATH, MSM_CREDENTIAL, msmBasePathOption, pageSizeOption } from '../msmApi';

export type MsmResource = 'subscriber' | 'contract' | 'hierarchy' | 'basket';

export const showFor = (resource: MsmResource, operation: string) => ({ resource: [resource], operation: [operation] });

/** The Options collection of an operation: API Base Path and the extra options, sorted by name. */
export function optionsField(resource: MsmResource, operation: string, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor(resource, operation) },
		options: [msmBasePathOption, requestTimeoutOption, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Return All + Limit of a list operation. */
export function returnAllFields(resource: MsmResource, operation: string): INodeProperties[] {
	return returnAllAndLimit(showFor(resource, operation));
}

export const sortOrderOption: INodeProperties = {
	displayName: 'Sort Order',
	name: 'order',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'ASC' },
		{ name: 'Descending', value: 'DESC' },
	],
	default: 'ASC',
	description: 'Direction of the sort; used with Sort By',
};

export { pageSizeOption };

export function sortByOption(columns: string[], description: string): INodeProperties {
	const options: INodePropertyOptions[] = columns
		.map((value) => ({ name: titleCase(value), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const first = columns[0];
	return {
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options,
		default: first,
		description,
	};
}

/** FIRSTNAME → "Firstname", PRICE_IN_CENTS → "Price In Cents". */
function titleCase(value: string): string {
	return value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** Builds `Item N: <message>` errors for one item. */
export const basePathFor = (context: IExecuteFunctions, itemIndex: number) =>
	optionBasePath(context, itemIndex, MSM_BASE_PATH);

/** The value of a resource locator ({ mode, value }) or of plain text (expressions, AI tools). */
export function locatorValue(raw: unknown): string {
	const value = typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as { value: unknown }).value : raw;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** A numeric KPN id (subscriber, contract, …) from a resource locator or plain field. */
export function numericId(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	example: string,
): string | NodeOperationError {
	const value = locatorValue(context.getNodeParameter(parameter, itemIndex, ''));
	const fail = itemProblem(context, itemIndex);
	if (value === '') return fail(`${label} is empty`, `Pick one from the list or give its ID (a number such as ${example})`);
	if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
		return fail(`${label}: "${value}" is not an ID`, `KPN's IDs are whole numbers, such as ${example}`);
	}
	return value;
}

export interface Paging {
	limit?: number;
	pageSize: number;
}

/** Return All / Limit / Page Size of a list operation, checked. */
export function pagingFor(context: IExecuteFunctions, itemIndex: number): Paging | NodeOperationError {
	const fail = itemProblem(context, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as { pageSize?: number };
	const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
		return fail(`Page Size must be a whole number from 1 to 1000 (got ${String(pageSize)})`);
	}
	if (context.getNodeParameter('returnAll', itemIndex, false)) return { pageSize };
	const limit = context.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		return fail(`Limit must be a whole number of at least 1 (got ${String(limit)})`);
	}
	return { limit, pageSize };
}

/** Copies the set, non-empty values of `source` into query parameters. */
export function queryFrom(source: IDataObject, names: Record<string, string>): IDataObject {
	const qs: IDataObject = {};
	for (const [field, parameter] of Object.entries(names)) {
		const value = source[field];
		if (value === undefined || value === null) continue;
		if (typeof value === 'string' && value.trim() === '') continue;
		qs[parameter] = typeof value === 'string' ? value.trim() : value;
	}
	return qs;
}

interface Prepared {
	itemIndex: number;
}

export interface RunSettings<P extends Prepared, R extends Prepared = P> {
	/** Writes: never sent twice, and an error says which items were already done. */
	write?: {
		doneWord: string;
		/** What identifies a done item in the error (e.g. "order 7654321"). */
		label?: (output: IDataObject[], resolved: R) => string | undefined;
		/** How to check whether a write KPN did not confirm went through (default: "Check before sending it again."). */
		check?: string;
	};
	/** Reads and checks one item's fields; no request may be made here. */
	prepare: (itemIndex: number) => Promise<P | NodeOperationError> | P | NodeOperationError;
	/** Optional reads for every item, done before any item's write (e.g. the subscriber to merge into). */
	resolve?: (client: KpnClient, prepared: P) => Promise<R | NodeOperationError>;
	/** The item's request(s); returns the output rows. */
	execute: (client: KpnClient, resolved: R) => Promise<IDataObject[]>;
}

/** Runs one Mobile Service Management operation (one item at a time) through the shared item runner. */
export async function runMsmItems<P extends Prepared, R extends Prepared = P>(
	context: IExecuteFunctions,
	settings: RunSettings<P, R>,
): Promise<INodeExecutionData[]> {
	const write = settings.write;
	return await runItems<P, R, KpnClient>(context, {
		prepare: settings.prepare,
		write: write && {
			doneWord: write.doneWord,
			api: 'KPN',
			check: write.check,
			label: write.label && ((outputs, item) => write.label!(outputs.map((output) => output.json), item)),
		},
		connect: async () => await KpnClient.connect(context, MSM_CREDENTIAL),
		resolve: settings.resolve,
		execute: async (client, [item]) => [(await settings.execute(client, item)).map((json) => ({ json }))],
	});
}

interface ListItem extends Prepared {
	basePath: string;
	qs: IDataObject;
	paging: Paging;
}

/**
 * Runs a paged list operation (GET `path` with from/to paging done for the user): per item the
 * base path and paging are checked, `query` builds the item's query (or returns its problem).
 */
export async function runList(
	context: IExecuteFunctions,
	path: string,
	query: (itemIndex: number) => IDataObject | NodeOperationError,
): Promise<INodeExecutionData[]> {
	return await runMsmItems<ListItem>(context, {
		prepare: (itemIndex) => {
			const basePath = basePathFor(context, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const paging = pagingFor(context, itemIndex);
			if (paging instanceof NodeOperationError) return paging;
			const qs = query(itemIndex);
			if (qs instanceof NodeOperationError) return qs;
			return { itemIndex, basePath, qs, paging };
		},
		execute: async (client, item) =>
			await fetchPaged(context, client, {
				basePath: item.basePath,
				path,
				qs: item.qs,
				limit: item.paging.limit,
				pageSize: item.paging.pageSize,
				itemIndex: item.itemIndex,
			}),
	});
}
