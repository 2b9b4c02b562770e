import nock from 'nock';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { kpnCredentialStore, KPN_TEST_HOST } from './kpnCredentials';
import { runNode } from './runNode';

/** KPN Mobile Service Management's base path. */
export const MSM_BASE = '/mobile/kpn/mobileservices';

/** One request nock answered, in arrival order. */
export interface SeenRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	authorization?: string;
}

/** A request log shared by the mocks of one test. */
export class RequestLog {
	readonly requests: SeenRequest[] = [];

	record(method: string, uri: string, body: unknown, headers: Record<string, unknown>): SeenRequest {
		const url = new URL(uri, KPN_TEST_HOST);
		const auth = headers.authorization;
		const seen: SeenRequest = {
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			body: body === '' ? undefined : body,
			authorization: typeof auth === 'string' ? auth : Array.isArray(auth) ? String(auth[0]) : undefined,
		};
		this.requests.push(seen);
		return seen;
	}

	/** "GET /hierarchy/subscribers/1" for each request, without the base path. */
	lines(): string[] {
		return this.requests.map((request) => `${request.method} ${request.path.replace(MSM_BASE, '')}`);
	}

	/** [from, to] of each request to a path (relative to the base path). */
	pages(path: string): Array<[number, number]> {
		return this.requests
			.filter((request) => request.path === `${MSM_BASE}${path}`)
			.map((request) => [Number(request.query.from), Number(request.query.to)]);
	}
}

type Answer = (request: SeenRequest) => [number, unknown] | [number, unknown, Record<string, string>];

/**
 * Answers `method path` (below the base path; a RegExp matches the full path) with `answer`,
 * logging every request. Stays active for up to `times` requests.
 */
export function mockMsm(log: RequestLog, method: 'get' | 'put' | 'post', path: string | RegExp, answer: Answer, times = 1000) {
	const target = typeof path === 'string' ? `${MSM_BASE}${path}` : path;
	return nock(KPN_TEST_HOST)
		.intercept(target, method.toUpperCase())
		.query(true)
		.times(times)
		.reply(function (uri, body) {
			const seen = log.record(method.toUpperCase(), uri, body, this.req.headers as Record<string, unknown>);
			return answer(seen) as [number, nock.Body];
		});
}

export interface ListMockOptions {
	/** The server hands out at most this many rows per request, whatever was asked. */
	maxPage?: number;
	/** Leave `total` out of the answers. */
	noTotal?: boolean;
}

/** A paged list endpoint (`from` inclusive, default 0; `to` exclusive, default 20) over `rows`. */
export function mockMsmList(log: RequestLog, path: string, rows: IDataObject[], options: ListMockOptions = {}) {
	return mockMsm(log, 'get', path, (request) => {
		const from = Number(request.query.from ?? 0);
		let to = Number(request.query.to ?? 20);
		if (options.maxPage !== undefined) to = Math.min(to, from + options.maxPage);
		const result = rows.slice(from, to);
		return [200, options.noTotal ? { result } : { result, total: rows.length }];
	});
}

/** MSM's error body (spec ErrorResponse). */
export function msmErrorBody(status: number, name: string, message: string, info = '') {
	return { transactionId: 'c0ffee00-0000-4000-8000-000000000001', status: String(status), name, message, info };
}

/** A catch-all that must stay unused: proves no request left the node. */
export function forbidAnyRequest() {
	return nock(KPN_TEST_HOST)
		.persist()
		.get(/.*/)
		.reply(500, {})
		.post(/.*/)
		.reply(500, {})
		.put(/.*/)
		.reply(500, {});
}

export function subscriberRows(count: number, first = 1234567): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		id: first + index,
		firstName: `First${index}`,
		prefix: '',
		lastName: `Last${index}`,
		path: [],
		contracts: { firstPhoneNumber: null, amount: 0 },
		fixedNumber: null,
		employeeNumber: `EMP${index}`,
		user: false,
		gripUser: false,
	}));
}

export async function runMsm(
	nodeType: INodeType,
	parameters: Record<string, unknown>,
	items: object[] = [{}],
	options: { continueOnFail?: boolean } = {},
) {
	return await runNode({
		nodeType,
		parameters: parameters as never,
		items: items as never,
		credentials: kpnCredentialStore(),
		continueOnFail: options.continueOnFail,
	});
}
