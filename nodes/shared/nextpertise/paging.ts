// One page, as the user names it: the field names and the document's limits for the paging
// param of a paginated method, checked before anything is sent.
import type { PagingSpec } from './catalogue';

/** Page size the node asks for when it pages, and the Page Size field's default (the document names no maximum). */
export const DEFAULT_PAGE_SIZE = 100;

/** Names of the node's paging fields (public contract: saved workflows depend on them). */
export const ONE_PAGE_FIELDS = { onePage: 'onePage', page: 'page', offset: 'offset', pageSize: 'pageSize' } as const;

/** The page asked for: `first` is the page number (page style) or the offset (offset style). */
export interface OnePage {
	readonly first: number;
	readonly size: number;
}

/** The paging param of one page, named as the document names it. */
export function pagingParams(style: PagingSpec['style'], page: OnePage): Record<string, number> {
	return style === 'page' ? { page: page.first, per_page: page.size } : { offset: page.first, length: page.size };
}

/** A field value as a number: numeric text from an expression is read as the number it writes. */
export function asNumber(value: unknown): unknown {
	return typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

/**
 * The document's limits: `page` starts at 1, `per_page` is a whole number where 0 means "all" on
 * some endpoints, `offset` is the first record (from 0), `length` the number of records to return.
 * Returns the problem, or undefined.
 */
export function onePageProblem(style: PagingSpec['style'], first: unknown, size: unknown): string | undefined {
	const [firstName, sizeName, firstMin, sizeMin] =
		style === 'page' ? ['Page (pagination.page)', 'Page Size (pagination.per_page)', 1, 0] : ['Offset (paging.offset)', 'Page Size (paging.length)', 0, 1];
	const problems: string[] = [];
	for (const [name, value, min] of [
		[firstName, first, firstMin],
		[sizeName, size, sizeMin],
	] as const) {
		if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
			problems.push(`${name} must be a whole number of at least ${min} (got ${JSON.stringify(value) ?? String(value)})`);
		}
	}
	return problems.length > 0 ? problems.join('; ') : undefined;
}
