// Paging for the user: the node asks page after page until the list ends or Limit is reached, or
// asks for the one page the user names (One Page).
// 'page' style sends `pagination: { page, per_page }` and follows the reply's
// `pagination.next_page` until it is null; 'offset' style sends `paging: { offset, length }` and
// stops at the reply's `count` or at a short page.
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../shared/isRecord';
import type { MethodSpec } from '../../shared/nextpertise/catalogue';
import { DEFAULT_PAGE_SIZE, pagingParams, type OnePage } from '../../shared/nextpertise/paging';
import type { NextpertiseClient } from '../../shared/nextpertise/transport';

/** Page size asked for (the document names no maximum). */
export const PAGE_SIZE = DEFAULT_PAGE_SIZE;
/** A guard against a server that never says "last page". */
export const MAX_PAGES = 1000;

export interface Wanted {
	readonly returnAll: boolean;
	/** Used when not returnAll. */
	readonly limit: number;
	/** One Page: exactly one call for this page, all its rows returned (returnAll and limit are not used). */
	readonly page?: OnePage;
}

/** The rows of one page: the `itemsKey` array of the result (or the result, if it is a list); undefined if there is no list. */
function rowsOf(result: unknown, itemsKey: string): unknown[] | undefined {
	if (Array.isArray(result)) return result;
	if (isRecord(result) && Array.isArray(result[itemsKey])) return result[itemsKey] as unknown[];
	return undefined;
}

/** `pagination.next_page` of a page: a number, null on the last page, undefined when the reply has none. */
function nextPageOf(result: unknown): number | null | undefined {
	const pagination = isRecord(result) ? result.pagination : undefined;
	if (!isRecord(pagination) || !('next_page' in pagination)) return undefined;
	const next = pagination.next_page;
	if (next === null) return null;
	const number = Number(next);
	return Number.isInteger(number) ? number : undefined;
}

export function rowItem(row: unknown): IDataObject {
	return isRecord(row) ? row : { value: row as IDataObject[string] };
}

/**
 * All rows (or the first `limit`) of a paginated method. `params` are the user's params; the
 * paging param is added here.
 */
export async function fetchRows(
	client: NextpertiseClient,
	method: MethodSpec,
	params: IDataObject,
	wanted: Wanted,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const paging = method.paging!;
	const size = wanted.returnAll ? PAGE_SIZE : Math.min(PAGE_SIZE, wanted.limit);
	const rows: unknown[] = [];
	const enough = () => !wanted.returnAll && rows.length >= wanted.limit;
	let pagesRead = 0;
	const call = async (pagingParams: IDataObject) =>
		await client.call({
			productClass: method.productClass,
			method: method.method,
			params: { ...params, [paging.param]: pagingParams },
			safeToRetry: method.safeToRetry,
			permission: method.permission,
			itemIndex,
		});
	const pageRowsOf = (result: unknown): unknown[] => {
		pagesRead++;
		const list = rowsOf(result, paging.itemsKey);
		if (list !== undefined) return list;
		const found = isRecord(result) ? JSON.stringify(result[paging.itemsKey] ?? null) : JSON.stringify(result ?? null).slice(0, 40);
		throw client.replyProblem(
			`Nextpertise answered ${method.method} without a list of ${paging.itemsKey}`,
			`Page ${pagesRead} of ${method.method} has ${paging.itemsKey}: ${found} where a list was expected, so the rows cannot be read (${rows.length} row(s) from earlier pages are not output).`,
			itemIndex,
		);
	};
	if (wanted.page) return pageRowsOf(await call(pagingParams(paging.style, wanted.page))).map(rowItem);

	const tooManyPages = () =>
		client.replyProblem(
			`${method.method} has more than ${MAX_PAGES} pages`,
			`Return All stopped after ${MAX_PAGES} pages of ${size} (${rows.length} rows) and Nextpertise still reports more. Narrow the request with its filters, or turn Return All off and set a Limit.`,
			itemIndex,
		);

	if (paging.style === 'page') {
		let page = 1;
		for (let pages = 0; ; pages++) {
			if (pages === MAX_PAGES) throw tooManyPages();
			const result = await call({ page, per_page: size });
			const pageRows = pageRowsOf(result);
			rows.push(...pageRows);
			if (enough() || pageRows.length === 0) break;
			const next = nextPageOf(result);
			if (next === null) break;
			if (next === undefined) {
				if (pageRows.length < size) break;
				page += 1;
			} else {
				if (next <= page) {
					throw client.replyProblem(
						`Nextpertise's paging of ${method.method} went backwards`,
						`Page ${page} named page ${next} as the next one, so the list cannot be read to its end (${rows.length} row(s) read are not output).`,
						itemIndex,
					);
				}
				page = next;
			}
		}
	} else {
		let offset = 0;
		for (let pages = 0; ; pages++) {
			if (pages === MAX_PAGES) throw tooManyPages();
			const result = await call({ offset, length: size });
			const pageRows = pageRowsOf(result);
			rows.push(...pageRows);
			offset += pageRows.length;
			if (enough() || pageRows.length === 0) break;
			const count = isRecord(result) ? Number(result.count) : NaN;
			if (Number.isFinite(count) ? offset >= count : pageRows.length < size) break;
		}
	}
	return (wanted.returnAll ? rows : rows.slice(0, wanted.limit)).map(rowItem);
}
