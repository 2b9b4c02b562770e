import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { apiError } from '../shared/errors/apiError';
import { isRecord } from '../shared/isRecord';
import type { KpnClient, KpnContext } from '../shared/kpn/transport';

/** Base path of KPN's Mobile Service Management API, as published (Swagger `basePath`). */
export const MSM_BASE_PATH = '/mobile/kpn/mobileservices';
export const MSM_CREDENTIAL = 'kpnMobileServiceManagementApi';

/**
 * Rows asked for per list request. The API pages with `from` (inclusive) / `to` (exclusive) and
 * documents no maximum (its default is 20); a page shorter than asked for is handled too.
 */
export const DEFAULT_PAGE_SIZE = 100;

export const msmBasePathOption: INodeProperties = {
	displayName: 'API Base Path',
	name: 'basePath',
	type: 'string',
	default: MSM_BASE_PATH,
	placeholder: MSM_BASE_PATH,
	description:
		"Path of the KPN Mobile Service Management API below the credential's Base URL. Change it only if KPN gave your app another path.",
};

export const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 1000 },
	default: DEFAULT_PAGE_SIZE,
	description: 'How many rows the node asks KPN for per request while it pages through the list',
};

export interface Page {
	rows: IDataObject[];
	total?: number;
}

/** `{ result: [...], total }` (PagedResult) → rows and total; a bare array is accepted too. */
export function pageOf(body: unknown): Page | undefined {
	if (Array.isArray(body)) return { rows: body.filter(isRecord) };
	if (!isRecord(body) || !Array.isArray(body.result)) return undefined;
	const total = Number(body.total);
	return { rows: body.result.filter(isRecord), total: Number.isFinite(total) && total >= 0 ? total : undefined };
}

export interface PagedRequest {
	basePath: string;
	path: string;
	qs?: IDataObject;
	/** Rows wanted; undefined = all. */
	limit?: number;
	pageSize?: number;
	itemIndex?: number;
}

/**
 * Reads a `from`/`to` paged list page by page until `limit` rows or `total` are reached. Never asks
 * for rows past `total` once it is known; stops on an empty page so a shrinking list cannot loop.
 */
export async function fetchPaged(context: KpnContext, client: KpnClient, request: PagedRequest): Promise<IDataObject[]> {
	const pageSize = Math.max(1, Math.floor(request.pageSize ?? DEFAULT_PAGE_SIZE));
	const wanted = request.limit ?? Number.POSITIVE_INFINITY;
	const rows: IDataObject[] = [];
	let from = 0;
	let total: number | undefined;
	while (rows.length < wanted) {
		let to = Math.min(from + pageSize, from + (wanted - rows.length));
		if (total !== undefined) to = Math.min(to, total);
		if (to <= from) break;
		const response = await client.request<unknown>({
			method: 'GET',
			basePath: request.basePath,
			path: request.path,
			qs: { ...request.qs, from, to },
			itemIndex: request.itemIndex,
		});
		const page = pageOf(response.body);
		if (page === undefined) {
			throw apiError(context.getNode(), {
				message: 'KPN answered without a list',
				description: `GET ${request.basePath}${request.path} (from=${from}, to=${to}) returned ${JSON.stringify(response.body ?? null).slice(0, 200)}`,
				httpCode: response.statusCode,
				itemIndex: request.itemIndex,
			});
		}
		rows.push(...page.rows);
		total = page.total ?? total;
		if (page.rows.length === 0) break;
		// A page shorter than asked for without a total means the end of the list.
		if (total === undefined && page.rows.length < to - from) break;
		from += page.rows.length;
	}
	return rows.length > wanted ? rows.slice(0, wanted) : rows;
}

/** One page for a dropdown: the rows and where the next page starts (as n8n's pagination token). */
export async function fetchOnePage(
	client: KpnClient,
	request: { basePath: string; path: string; qs?: IDataObject; from: number; pageSize?: number },
): Promise<{ rows: IDataObject[]; next?: number }> {
	const to = request.from + (request.pageSize ?? DEFAULT_PAGE_SIZE);
	const response = await client.request<unknown>({
		method: 'GET',
		basePath: request.basePath,
		path: request.path,
		qs: { ...request.qs, from: request.from, to },
	});
	const page = pageOf(response.body) ?? { rows: [] };
	const end = request.from + page.rows.length;
	const more = page.total !== undefined ? end < page.total : page.rows.length === to - request.from;
	return { rows: page.rows, next: more && page.rows.length > 0 ? end : undefined };
}

/** English text of one of KPN's `{en, nl}` LocalizedStrings (or the value itself when it is text). */
export function localized(value: unknown): string {
	if (typeof value === 'string') return value;
	if (isRecord(value)) {
		const text = value.en ?? value.nl;
		return typeof text === 'string' ? text : '';
	}
	return '';
}

/** "Martino, Joshua" / "Aanholt, van, Maxim": KPN's own way of showing a name. */
export function personName(first: unknown, prefix: unknown, last: unknown): string {
	const parts = [last, prefix, first].map((part) => (typeof part === 'string' ? part.trim() : '')).filter((part) => part !== '');
	return parts.join(', ');
}

export interface TreeRow extends IDataObject {
	level: number;
	parentId: string | number | null;
	path: string;
}

/** Walks a product tree (`children` arrays) depth-first into rows without `children`. */
export function flattenTree(nodes: unknown, level = 0, parent: { id: string | number | null; path: string[] } = { id: null, path: [] }): TreeRow[] {
	const list = Array.isArray(nodes) ? nodes : isRecord(nodes) ? [nodes] : [];
	const rows: TreeRow[] = [];
	for (const node of list) {
		if (!isRecord(node)) continue;
		const { children, ...fields } = node;
		const path = [...parent.path, localized(node.name) || String(node.id ?? '')];
		rows.push({ ...fields, level, parentId: parent.id, path: path.join(' > ') });
		const id = typeof node.id === 'string' || typeof node.id === 'number' ? node.id : null;
		rows.push(...flattenTree(children, level + 1, { id, path }));
	}
	return rows;
}

export { isRecord };
