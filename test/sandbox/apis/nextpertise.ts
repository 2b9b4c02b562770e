// The Nextpertise JSON-RPC 2.0 API: POST <base>/<product_class>/v1 for the nine product classes,
// Basic auth or a JWT from /jwt/log-in, params validated with the node's method catalogue, the
// document's reply examples as answers, generated rows for paged lists, and a little state for
// the flows workflows need (postcode → house numbers → zipcode → order_connection → get_transaction;
// create_ticket → get_ticket / update_ticket; each of these writes is recorded as an event for list_events).
import { createHash, randomUUID } from 'node:crypto';

import { MALFORMED_JSON_BODY, withRetryAfter, type ReplyFault } from '../faults';
import { isRecord, json, type ApiRequest, type Reply } from '../http';
import repliesJson from '../fixtures/nextpertise-replies.json';
import { findAddress, houseNumberExtensions, houseNumbers } from '../fixtures/nextpertiseAddresses';
import {
	DEFAULT_JWT_LIFETIME_SECONDS,
	handleJwtLogin,
	JWT_LOGIN_PATH,
	NEXTPERTISE_SANDBOX_USERNAME,
	NextpertiseJwt,
	nextpertiseUnauthorized,
	requireNextpertiseAuth,
} from './nextpertiseAuth';
import { loadCatalogue, type CatalogueMethod, type SandboxCatalogue } from './nextpertiseCatalogue';
import { describeProblem, secretParamNames, validateParams } from './nextpertiseValidate';

/** Rows a paged list method serves unless set otherwise (admin `nextpertise/rows`). */
export const NEXTPERTISE_DEFAULT_ROWS = 35;
/** Page size when the request sends no `pagination.per_page` / `paging.length` (the document names none). */
export const NEXTPERTISE_DEFAULT_PAGE_SIZE = 50;

/** JSON-RPC 2.0's own codes (the document refers to the specification for the error object). */
export const JSON_RPC_PARSE_ERROR = -32700;
export const JSON_RPC_INVALID_REQUEST = -32600;
export const JSON_RPC_METHOD_NOT_FOUND = -32601;
export const JSON_RPC_INTERNAL_ERROR = -32603;

/** First path segments that belong to Nextpertise (none of KPN's paths starts with these). */
const NEXTPERTISE_FIRST_SEGMENTS = new Set(['broadband', 'postcodes', 'enduser', 'email', 'attachments', 'support', 'user', 'jwt']);

/** Whether the sandbox answers `path` as Nextpertise (an endpoint, /jwt/log-in, or a Nextpertise-looking 404). */
export function isNextpertisePath(path: string): boolean {
	return NEXTPERTISE_FIRST_SEGMENTS.has(path.split('/')[1] ?? '');
}

interface FixtureExample {
	title?: string;
	source: 'reply example' | 'reply table';
	params?: Record<string, unknown>;
	result: unknown;
}

const REPLIES = repliesJson as unknown as Readonly<Record<string, unknown>>;

function examplesOf(key: string): FixtureExample[] {
	const value = REPLIES[key];
	return Array.isArray(value) ? (value as FixtureExample[]) : [];
}

type RpcId = string | number | null;

interface RpcCall {
	id: RpcId;
	/** `<product_class>/<method>`, the fixture key. */
	key: string;
	spec: CatalogueMethod;
	params: Record<string, unknown>;
}

interface Transaction extends Record<string, unknown> {
	uuid: string;
	nid: string;
}

/** An event of list_events: a recorded API request, or one added through the admin API. */
export interface StoredEvent extends Record<string, unknown> {
	id: number;
	uuid: string;
	type: string;
	nid: string | null;
	transaction_uuid: string | null;
	created_at: string;
}

/** list_events filter properties the sandbox applies (to stored events; generated rows are not filtered). */
const EVENT_FILTERS = ['uuid', 'nid', 'transaction_uuid', 'type'] as const;
/** Ids of stored events start here, above the generated rows' ids. */
const FIRST_EVENT_ID = 1_000_001;

interface Ticket extends Record<string, unknown> {
	id: number;
	status: string;
	comments: Array<Record<string, unknown>>;
}

/** JSON with object keys sorted, for comparing params. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (isRecord(value)) {
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'undefined';
}

function clone<T>(value: T): T {
	return structuredClone(value);
}

function now(): string {
	return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function stableUuid(seed: string, dashes: boolean): string {
	const hex = createHash('sha1').update(seed).digest('hex').slice(0, 32);
	return dashes ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}` : hex;
}

const NID = /^[0-9]{4}[A-Z]{2}[0-9]{5}[0-9A-Z]{4}$/;

/** Row `index` of a generated list: the template with its identifying fields made unique. */
function varyRow(template: unknown, index: number, key: string): unknown {
	const row = clone(template);
	const walk = (value: Record<string, unknown>, path: string, depth: number): void => {
		for (const [name, field] of Object.entries(value)) {
			if (name === 'uuid' && typeof field === 'string') value[name] = stableUuid(`${key}#${index}#${path}`, field.includes('-'));
			else if ((name === 'id' || name === 'product_id') && typeof field === 'number') value[name] = field + index;
			else if (name === 'nid' && typeof field === 'string' && NID.test(field)) {
				value[name] = `${field.slice(0, 6)}${String(index + 1).padStart(5, '0')}${field.slice(11)}`;
			} else if (name === 'username' && typeof field === 'string' && field.includes('@')) {
				value[name] = field.replace('@', `${index + 1}@`);
			} else if (isRecord(field) && depth < 2) walk(field, `${path}.${name}`, depth + 1);
		}
	};
	if (isRecord(row)) walk(row, '', 0);
	return row;
}

/** Fills the document's `%s` / `%d` placeholders in order. */
function fill(message: string, values: ReadonlyArray<string | number>): string {
	let next = 0;
	return message.replace(/%[sd]/g, () => String(values[next++] ?? ''));
}

function rpcResult(id: RpcId, result: unknown): Reply {
	return json(200, { jsonrpc: '2.0', id, result });
}

function rpcError(id: RpcId, code: number, message: string, data?: unknown): Reply {
	return json(200, { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } });
}

/** The document's 404 for a path that does not exist (an Apache HTML page). */
function nextpertiseNotFound(): Reply {
	return {
		status: 404,
		rawBody:
			'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
		headers: { 'Content-Type': 'text/html; charset=iso-8859-1' },
	};
}

function idOf(body: unknown): RpcId {
	if (!isRecord(body)) return null;
	const id = body.id;
	return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** The request body as JSON-RPC sees it; curl's `-d '{…}'` arrives form-encoded and is read back as JSON. */
function rpcBody(request: ApiRequest): { body: unknown } | { parseError: string } {
	if (request.bodyError !== undefined) return { parseError: request.bodyError };
	let body = request.body;
	if ((request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded') && isRecord(body)) {
		// URLSearchParams made `{"jsonrpc":…}` one key with an empty value (exact unless the JSON had '&', '=' or '+').
		const keys = Object.keys(body);
		if (keys.length === 1 && body[keys[0]] === '') body = keys[0];
	}
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch (error) {
			return { parseError: error instanceof Error ? error.message : 'invalid JSON' };
		}
	}
	if (body === undefined) return { parseError: 'the request has no body' };
	return { body };
}

export interface NextpertiseSnapshot {
	jwtLifetimeSeconds: number;
	rows: Record<string, number>;
	transactions: Transaction[];
	tickets: Ticket[];
	events: StoredEvent[];
}

export class NextpertiseApi {
	readonly jwt: NextpertiseJwt;
	private readonly rows = new Map<string, number>();
	private readonly transactions = new Map<string, Transaction>();
	private readonly tickets = new Map<number, Ticket>();
	private readonly events: StoredEvent[] = [];
	private nextEventId = FIRST_EVENT_ID;
	private readonly orderSequence = new Map<string, number>();
	private nextTicketId = 100_001;
	private readonly handlers: Record<string, (call: RpcCall) => Reply>;

	constructor(private readonly initialJwtLifetimeSeconds = DEFAULT_JWT_LIFETIME_SECONDS) {
		if (!Number.isFinite(initialJwtLifetimeSeconds) || initialJwtLifetimeSeconds < 0) {
			throw new Error('nextpertiseJwtLifetimeSeconds must be a number >= 0');
		}
		this.jwt = new NextpertiseJwt(initialJwtLifetimeSeconds);
		this.handlers = {
			'postcodes/get_housenrs': (call) => this.getHousenrs(call),
			'postcodes/get_housenrext': (call) => this.getHousenrext(call),
			'broadband/zipcode': (call) => this.zipcode(call),
			'broadband/basic/zipcode': (call) => this.zipcode(call),
			'broadband/order_connection': (call) => this.orderConnection(call),
			'broadband/list_contract_durations': (call) => this.listContractDurations(call),
			'broadband/get_transaction': (call) => this.getTransaction(call),
			'broadband/get_recent_transaction': (call) => this.getRecentTransaction(call),
			'broadband/cancel_transaction': (call) => this.cancelTransaction(call),
			'support/create_ticket': (call) => this.createTicket(call),
			'support/get_ticket': (call) => this.getTicket(call),
			'support/update_ticket': (call) => this.updateTicket(call),
		};
	}

	private get catalogue(): SandboxCatalogue {
		return loadCatalogue();
	}

	// ---- routing ----------------------------------------------------------------------------

	/** The product class endpoint at `path` (`/broadband/basic/v1` …), if it is one. */
	private endpoint(path: string): { productClass: string; resource: string } | undefined {
		return this.catalogue.PRODUCT_CLASSES.find((spec) => spec.path === path);
	}

	/** Whether `path` is one of the nine JSON-RPC endpoints (false when the catalogue cannot be loaded). */
	isRpcEndpoint(path: string): boolean {
		try {
			return this.endpoint(path) !== undefined;
		} catch {
			return false;
		}
	}

	/** Answers a request to a Nextpertise path (after the server's faults and latency). */
	handle(request: ApiRequest): Reply {
		if (request.path === JWT_LOGIN_PATH) {
			if (request.method !== 'POST' && request.method !== 'GET') return this.methodNotAllowed('GET, POST');
			return handleJwtLogin(request, this.jwt);
		}
		let endpoint: { productClass: string; resource: string } | undefined;
		try {
			endpoint = this.endpoint(request.path);
		} catch (error) {
			return rpcError(null, JSON_RPC_INTERNAL_ERROR, error instanceof Error ? error.message : String(error));
		}
		if (!endpoint) return nextpertiseNotFound();
		if (request.method !== 'POST') return this.methodNotAllowed('POST');
		const unauthorized = requireNextpertiseAuth(request, this.jwt);
		if (unauthorized) return unauthorized;
		if (request.bodyTooLarge) return json(413, { message: 'Request size limit exceeded' });

		const parsed = rpcBody(request);
		if ('parseError' in parsed) return rpcError(null, JSON_RPC_PARSE_ERROR, `Parse error: ${parsed.parseError}`);
		const body = parsed.body;
		if (Array.isArray(body)) {
			return rpcError(null, JSON_RPC_INVALID_REQUEST, 'Invalid Request: batch requests are not supported by the sandbox');
		}
		if (!isRecord(body)) return rpcError(null, JSON_RPC_INVALID_REQUEST, 'Invalid Request: the request must be a JSON object');
		const id = body.id;
		if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
			return rpcError(null, JSON_RPC_INVALID_REQUEST, 'Invalid Request: "id" must be a string, a number or null');
		}
		const rpcId: RpcId = id ?? null;
		if (body.jsonrpc !== '2.0') return rpcError(rpcId, JSON_RPC_INVALID_REQUEST, 'Invalid Request: "jsonrpc" must be "2.0"');
		if (typeof body.method !== 'string' || body.method === '') {
			return rpcError(rpcId, JSON_RPC_INVALID_REQUEST, 'Invalid Request: "method" must be a non-empty string');
		}
		const spec = this.catalogue.findMethod(endpoint.resource, body.method);
		if (!spec) {
			return rpcError(rpcId, JSON_RPC_METHOD_NOT_FOUND, `Method not found: ${body.method} is not a method of ${request.path}`, {
				cid: randomUUID(),
			});
		}
		const problems = validateParams(spec, body.params);
		if (problems.length > 0) {
			return this.documentedError(rpcId, '011', [], { params: problems }, problems.map(describeProblem).join('; '));
		}
		const call: RpcCall = {
			id: rpcId,
			key: `${spec.productClass}/${spec.method}`,
			spec,
			params: isRecord(body.params) ? body.params : {},
		};
		const handler = this.handlers[call.key];
		if (handler) return handler(call);
		if (spec.paginated) return this.page(call);
		return rpcResult(rpcId, this.documentedResult(call));
	}

	private methodNotAllowed(allow: string): Reply {
		return json(405, { message: `Method not allowed; use ${allow}` }, { Allow: allow });
	}

	/** A JSON-RPC error with one of the document's codes (001–012): `code` is sent as the number (7 for "007"). */
	private documentedError(id: RpcId, code: string, values: ReadonlyArray<string | number>, data: Record<string, unknown> = {}, detail?: string): Reply {
		const spec = this.catalogue.ERROR_CODES.find((candidate) => candidate.code === code);
		const cid = randomUUID();
		let message = spec ? fill(spec.message, code === '001' ? [cid] : values) : `Error ${code}`;
		if (detail) message += ` ${detail}`;
		return rpcError(id, Number(code), message, { cid, ...data });
	}

	/** The reply for a fault that answers with a fixed reply, in Nextpertise's shapes. */
	faultReply(fault: ReplyFault, request: ApiRequest): Reply {
		if ('kind' in fault) {
			if (fault.kind === 'malformedJson') {
				return { status: 200, rawBody: MALFORMED_JSON_BODY, headers: { 'Content-Type': 'application/json' } };
			}
			const parsed = rpcBody(request);
			const body = 'body' in parsed ? parsed.body : undefined;
			const params = isRecord(body) && isRecord(body.params) ? body.params : {};
			const method = isRecord(body) && typeof body.method === 'string' ? body.method : 'sandbox fault';
			const code = String(fault.code);
			const id = idOf(body);
			const documented = this.catalogue.ERROR_CODES.some((candidate) => candidate.code === code);
			if (fault.message === undefined && documented) {
				const values =
					code === '002' || code === '004'
						? [String(params.zipcode ?? ''), Number(params.housenr ?? 0), String(params.housenrext ?? '')]
						: [method];
				return this.documentedError(id, code, values, fault.data === undefined ? {} : { detail: fault.data });
			}
			const data: Record<string, unknown> = { cid: randomUUID() };
			if (fault.data !== undefined) data.detail = fault.data;
			return rpcError(id, Number(code), fault.message ?? `Sandbox fault ${code}`, data);
		}
		switch (fault.status) {
			case 429: {
				const seconds = fault.retryAfterSeconds ?? 1;
				return json(429, { message: 'API rate limit exceeded' }, { 'Retry-After': String(seconds) });
			}
			case 401:
				return nextpertiseUnauthorized();
			case 500:
				return withRetryAfter(fault, json(500, { message: 'An unexpected error occurred' }));
			case 502:
				return withRetryAfter(fault, json(502, { message: 'An invalid response was received from the upstream server' }));
			case 503:
				return withRetryAfter(fault, json(503, { message: 'Service temporarily unavailable' }));
		}
	}

	/** The JSON-RPC id of a request to a JSON-RPC endpoint (null when it has none or is not JSON-RPC). */
	rpcId(request: ApiRequest): RpcId {
		const parsed = rpcBody(request);
		return 'body' in parsed ? idOf(parsed.body) : null;
	}

	/**
	 * `reply` (the method's own) with its list set to null: the paged list (catalogue `paging.itemsKey`),
	 * otherwise every top-level array of the result (a result that is a list becomes null). Errors pass unchanged.
	 */
	withNullList(request: ApiRequest, reply: Reply): Reply {
		const body = reply.body;
		if (!isRecord(body) || !('result' in body)) return reply;
		const parsed = rpcBody(request);
		const spec = 'body' in parsed && isRecord(parsed.body) ? this.methodSpec(request.path, parsed.body.method) : undefined;
		const result = body.result;
		let nulled: unknown = result;
		if (Array.isArray(result)) nulled = null;
		else if (isRecord(result)) {
			const keys = spec?.paging ? [spec.paging.itemsKey] : Object.keys(result).filter((key) => Array.isArray(result[key]));
			nulled = { ...result, ...Object.fromEntries(keys.map((key) => [key, null])) };
		}
		return { ...reply, body: { ...body, result: nulled } };
	}

	/** The catalogue entry for `method` at the endpoint `path`, if both exist (undefined when the catalogue cannot be loaded). */
	private methodSpec(path: string, method: unknown): CatalogueMethod | undefined {
		try {
			const endpoint = this.endpoint(path);
			return endpoint && typeof method === 'string' ? this.catalogue.findMethod(endpoint.resource, method) : undefined;
		} catch {
			return undefined;
		}
	}

	/** The body as the request log keeps it: secrets in `params` (catalogue `typeOptions.password`, `password`) masked. */
	bodyForLog(request: ApiRequest): unknown {
		const body = request.body;
		if (!isRecord(body) || !isRecord(body.params)) return body;
		const secrets = secretParamNames(this.methodSpec(request.path, body.method));
		const mask = (value: unknown): unknown => {
			if (Array.isArray(value)) return value.map(mask);
			if (!isRecord(value)) return value;
			return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, secrets.has(name) ? '***' : mask(field)]));
		};
		return { ...body, params: mask(body.params) };
	}

	// ---- settings ---------------------------------------------------------------------------

	/** Rows served by a paged list method: `method` is `list_tickets` or `support/list_tickets`. */
	setRows(method: string, count: number): string {
		if (!Number.isInteger(count) || count < 0) throw new Error('count must be an integer >= 0');
		const matches = this.catalogue.METHODS.filter(
			(spec) => spec.paginated && (spec.method === method || `${spec.productClass}/${spec.method}` === method),
		);
		if (matches.length === 0) {
			const names = this.catalogue.METHODS.filter((spec) => spec.paginated).map((spec) => `${spec.productClass}/${spec.method}`);
			throw new Error(`${method} is not a paged Nextpertise method; use one of ${names.join(', ')}`);
		}
		if (matches.length > 1) throw new Error(`${method} is ambiguous; name it as <product_class>/<method>`);
		const key = `${matches[0].productClass}/${matches[0].method}`;
		this.rows.set(key, count);
		return key;
	}

	setJwtLifetime(seconds: number): void {
		if (!Number.isFinite(seconds) || seconds < 0) throw new Error('seconds must be a number >= 0');
		this.jwt.lifetimeSeconds = seconds;
	}

	reset(): void {
		this.rows.clear();
		this.transactions.clear();
		this.tickets.clear();
		this.events.length = 0;
		this.nextEventId = FIRST_EVENT_ID;
		this.orderSequence.clear();
		this.nextTicketId = 100_001;
		this.jwt.lifetimeSeconds = this.initialJwtLifetimeSeconds;
	}

	snapshot(): NextpertiseSnapshot {
		return {
			jwtLifetimeSeconds: this.jwt.lifetimeSeconds,
			rows: Object.fromEntries(this.rows),
			transactions: [...this.transactions.values()].map((transaction) => clone(transaction)),
			tickets: [...this.tickets.values()].map((ticket) => clone(ticket)),
			events: this.events.map((stored) => clone(stored)),
		};
	}

	// ---- stored events, transactions and tickets (admin) ----------------------------------------

	/** Adds events to list_events: each gets a new uuid, id and created_at; type defaults to apirequest. */
	addEvents(events: unknown[]): StoredEvent[] {
		const invalid = events.findIndex((candidate) => !isRecord(candidate));
		if (invalid >= 0) throw new Error(`events[${invalid}] must be an object`);
		return events.map((fields) => clone(this.recordEvent(fields as Record<string, unknown>)));
	}

	/** Changes a stored transaction (e.g. `{state: "finished"}`); last_updated becomes now. Undefined if there is none. */
	patchTransaction(uuid: string, fields: Record<string, unknown>): Transaction | undefined {
		const stored = this.transactions.get(uuid);
		if (!stored) return undefined;
		Object.assign(stored, fields, { uuid: stored.uuid, last_updated: now() });
		return clone(stored);
	}

	/** Changes a stored ticket (e.g. `{status: "solved"}`); updated_at becomes now. Undefined if there is none. */
	patchTicket(id: number, fields: Record<string, unknown>): Ticket | undefined {
		const stored = this.tickets.get(id);
		if (!stored) return undefined;
		Object.assign(stored, fields, { id: stored.id, updated_at: now() });
		return clone(stored);
	}

	private recordEvent(fields: Record<string, unknown>): StoredEvent {
		const stored: StoredEvent = {
			type: 'apirequest',
			nid: null,
			transaction_uuid: null,
			...fields,
			id: this.nextEventId++,
			uuid: randomUUID(),
			created_at: now(),
		};
		this.events.push(stored);
		return stored;
	}

	/** An apirequest event for a write made through the API (`broadband.order_connection` …). */
	private recordRequest(call: RpcCall, nid: unknown, transactionUuid: unknown, response: unknown): void {
		this.recordEvent({
			type: 'apirequest',
			method: `${call.spec.productClass.replace(/\//g, '.')}.${call.spec.method}`,
			nid: typeof nid === 'string' ? nid : null,
			transaction_uuid: typeof transactionUuid === 'string' ? transactionUuid : null,
			username: NEXTPERTISE_SANDBOX_USERNAME,
			request: clone(call.params),
			response: clone(response),
		});
	}

	/** Stored events that match list_events' filter. */
	private eventsFor(params: Record<string, unknown>): StoredEvent[] {
		const filter = isRecord(params.filter) ? params.filter : {};
		return this.events.filter((stored) =>
			EVENT_FILTERS.every((name) => filter[name] === undefined || filter[name] === null || stored[name] === filter[name]),
		);
	}

	// ---- documented replies -----------------------------------------------------------------

	/** The documented example whose request is exactly `params`. */
	private exactExample(call: RpcCall): FixtureExample | undefined {
		const wanted = canonical(call.params);
		return examplesOf(call.key).find((example) => example.params !== undefined && canonical(example.params) === wanted);
	}

	/** The documented example whose request shares the most top-level values with `params` (first on a tie). */
	private closestExample(call: RpcCall): FixtureExample | undefined {
		let best: FixtureExample | undefined;
		let bestScore = -1;
		for (const example of examplesOf(call.key)) {
			const exampleParams = example.params ?? {};
			const score = Object.entries(call.params).filter(
				([name, value]) => name in exampleParams && canonical(exampleParams[name]) === canonical(value),
			).length;
			if (score > bestScore) {
				best = example;
				bestScore = score;
			}
		}
		return best;
	}

	/**
	 * The closest documented reply; where the document's reply repeats an identifier of its request
	 * (uuid, nid, id …) the caller's value is put in its place.
	 */
	private documentedResult(call: RpcCall): unknown {
		const example = this.closestExample(call);
		if (!example) return {};
		const result = clone(example.result);
		if (isRecord(result) && example.params) {
			for (const [name, value] of Object.entries(call.params)) {
				if (typeof value !== 'string' && typeof value !== 'number') continue;
				if (name in result && name in example.params && canonical(result[name]) === canonical(example.params[name])) {
					result[name] = value;
				}
			}
		}
		return result;
	}

	// ---- paging -----------------------------------------------------------------------------

	/**
	 * The rows of a paged list: `count` generated ones, then stored transactions or tickets. Only the
	 * rows of the page asked for are built, so paging through 10,000 rows stays linear.
	 */
	private rowsFor(
		key: string,
		templates: unknown[],
		params: Record<string, unknown>,
	): { total: number; slice(start: number, end?: number): unknown[] } {
		const count = this.rows.get(key) ?? NEXTPERTISE_DEFAULT_ROWS;
		const bases = templates.length > 0 ? templates : [{}];
		let stored: unknown[] = [];
		if (key === 'broadband/list_transactions') stored = [...this.transactions.values()];
		if (key === 'support/list_tickets') stored = [...this.tickets.values()];
		if (key === 'broadband/list_events') stored = this.eventsFor(params);
		const total = count + stored.length;
		return {
			total,
			slice(start, end = total) {
				const rows: unknown[] = [];
				for (let index = Math.max(0, start); index < Math.min(end, total); index++) {
					rows.push(index < count ? varyRow(bases[index % bases.length], index, key) : clone(stored[index - count]));
				}
				return rows;
			},
		};
	}

	/** A paged list: `pagination {page, per_page}` → `pagination {previous_page, next_page, per_page, count}`, or `paging {offset, length}` → `count`. */
	private page(call: RpcCall): Reply {
		const paging = call.spec.paging;
		if (!paging) return rpcResult(call.id, this.documentedResult(call));
		const itemsKey = paging.itemsKey;
		const itemCount = (example: FixtureExample): number => {
			const items = isRecord(example.result) ? example.result[itemsKey] : undefined;
			return Array.isArray(items) ? items.length : -1;
		};
		const example = examplesOf(call.key).reduce<FixtureExample | undefined>(
			(best, candidate) => (best === undefined || itemCount(candidate) > itemCount(best) ? candidate : best),
			undefined,
		);
		const template: Record<string, unknown> = example && isRecord(example.result) ? clone(example.result) : {};
		const templateItems = Array.isArray(template[itemsKey]) ? (template[itemsKey] as unknown[]) : [];
		const rows = this.rowsFor(call.key, templateItems, call.params);

		if (paging.style === 'offset') {
			const request = isRecord(call.params.paging) ? call.params.paging : {};
			const offset = typeof request.offset === 'number' && request.offset > 0 ? Math.floor(request.offset) : 0;
			const length = typeof request.length === 'number' ? Math.floor(request.length) : NEXTPERTISE_DEFAULT_PAGE_SIZE;
			const slice = length > 0 ? rows.slice(offset, offset + length) : rows.slice(offset);
			return rpcResult(call.id, { ...template, [itemsKey]: slice, count: rows.total });
		}

		const request = isRecord(call.params.pagination) ? call.params.pagination : {};
		const perPage = typeof request.per_page === 'number' ? Math.floor(request.per_page) : NEXTPERTISE_DEFAULT_PAGE_SIZE;
		const page = typeof request.page === 'number' && request.page >= 1 ? Math.floor(request.page) : 1;
		// "'0' means 'all' on some endpoints": the sandbox reads 0 (or less) as all rows on one page.
		const all = perPage <= 0;
		const start = all ? 0 : (page - 1) * perPage;
		const slice = all ? rows.slice(0) : rows.slice(start, start + perPage);
		const result: Record<string, unknown> = {
			...template,
			[itemsKey]: slice,
			pagination: {
				previous_page: !all && page > 1 ? page - 1 : null,
				next_page: !all && start + perPage < rows.total ? page + 1 : null,
				per_page: all ? 0 : perPage,
				count: rows.total,
			},
		};
		if ('ticket_count' in template) result.ticket_count = rows.total;
		return rpcResult(call.id, result);
	}

	// ---- postcodes and availability -----------------------------------------------------------

	private getHousenrs(call: RpcCall): Reply {
		const exact = this.exactExample(call);
		if (exact) return rpcResult(call.id, clone(exact.result));
		return rpcResult(call.id, { housenrs: houseNumbers(String(call.params.zipcode)) });
	}

	private getHousenrext(call: RpcCall): Reply {
		const exact = this.exactExample(call);
		if (exact) return rpcResult(call.id, clone(exact.result));
		const zipcode = String(call.params.zipcode);
		const housenr = Number(call.params.housenr);
		const extensions = houseNumberExtensions(zipcode, housenr);
		const address = findAddress(zipcode, housenr, '');
		if (extensions.length === 0 || !address) {
			// The reply table's inline per-provider `error` object, with the document's 002 text.
			const message = fill(this.errorMessage('002'), [zipcode, housenr, '']);
			return rpcResult(call.id, { error: { CADASTRAL: { message, code: 2 } } });
		}
		const filter = Array.isArray(call.params.provider_filter) ? call.params.provider_filter.map(String) : [];
		const providers = filter.length > 0 ? filter : ['KPNWBA', 'KPNWEAS'];
		const result: Record<string, unknown> = { CADASTRAL: { address, housenrexts: extensions } };
		for (const provider of providers) result[provider] = { housenrexts: [...extensions] };
		result.error = {};
		return rpcResult(call.id, result);
	}

	private errorMessage(code: string): string {
		return this.catalogue.ERROR_CODES.find((candidate) => candidate.code === code)?.message ?? `Error ${code}`;
	}

	private addressOrError(call: RpcCall): { address: NonNullable<ReturnType<typeof findAddress>> } | { error: Reply } {
		const zipcode = String(call.params.zipcode);
		const housenr = Number(call.params.housenr);
		const housenrext = typeof call.params.housenrext === 'string' ? call.params.housenrext : '';
		const address = findAddress(zipcode, housenr, housenrext);
		if (address) return { address };
		return { error: this.documentedError(call.id, '002', [zipcode, housenr, housenrext]) };
	}

	/**
	 * zipcode() of broadband and broadband/basic: the document's providers for the requested ones,
	 * with the document's inline per-provider `errors` (WAUWAU, NDIX, ZIGGO) instead of a JSON-RPC
	 * error; an unknown address is the document's error 002.
	 */
	private zipcode(call: RpcCall): Reply {
		const found = this.addressOrError(call);
		if ('error' in found) return found.error;
		const exact = this.exactExample(call);
		if (exact) return rpcResult(call.id, clone(exact.result));
		const availableCount = (example: FixtureExample): number =>
			isRecord(example.result) && isRecord(example.result.available) ? Object.keys(example.result.available).length : 0;
		const fullest = examplesOf(call.key).reduce<FixtureExample | undefined>(
			(best, candidate) => (best === undefined || availableCount(candidate) > availableCount(best) ? candidate : best),
			undefined,
		);
		const template: Record<string, unknown> = fullest && isRecord(fullest.result) ? clone(fullest.result) : {};
		const filter = isRecord(call.params.filter) && Array.isArray(call.params.filter.provider) ? call.params.filter.provider.map(String) : [];
		const wanted = (provider: unknown): boolean => filter.length === 0 || filter.includes(String(provider));
		const bySupplier = (entries: unknown): unknown[] =>
			Array.isArray(entries) ? entries.filter((entry) => isRecord(entry) && wanted(entry.supplier)) : [];
		const available = isRecord(template.available) ? template.available : {};
		const result: Record<string, unknown> = {
			available: Object.fromEntries(Object.entries(available).filter(([provider]) => wanted(provider))),
			address: found.address,
			errors: bySupplier(template.errors),
			comments: bySupplier(template.comments),
		};
		if ('pricing' in template) result.pricing = template.pricing;
		return rpcResult(call.id, result);
	}

	// ---- orders and transactions --------------------------------------------------------------

	private orderConnection(call: RpcCall): Reply {
		const found = this.addressOrError(call);
		if ('error' in found) return found.error;
		const { address } = found;
		const base = `${address.zipcode}${String(address.housenr).padStart(5, '0')}`;
		const sequence = (this.orderSequence.get(base) ?? 0) + 1;
		this.orderSequence.set(base, sequence);
		const nid = `${base}${String(sequence % 100).padStart(2, '0')}00`;
		const uuid = randomUUID();
		const at = now();
		const params = call.params;
		const circuits = Array.isArray(params.circuit) ? params.circuit.filter(isRecord) : [];
		const transaction: Transaction = {
			uuid,
			nid,
			customer_account_id: null,
			action: 'new',
			state: 'new',
			open: true,
			created_at: at,
			last_updated: at,
			closed_at: null,
			customer_wish_date: typeof params.custwishdate === 'string' ? params.custwishdate : null,
			expected_completion_date: null,
			cancelled_by: null,
			cancel_date: null,
			cancel_reason: null,
			cancel_requested: false,
			cancel_possible: true,
			replan_possible: true,
			on_demand: false,
			on_demand_requested: false,
			document_before_transaction: null,
			document_after_transaction: {
				address,
				carrier: { nid, tags: Array.isArray(params.tags) ? params.tags : [], product: { product_id: params.carrier } },
				circuits: circuits.map((circuit, index) => ({
					nid: `${nid.slice(0, 13)}${String(index + 1).padStart(2, '0')}`,
					tags: Array.isArray(circuit.tags) ? circuit.tags : [],
					vlan: circuit.vlan === undefined ? null : String(circuit.vlan),
					product: { product_id: circuit.circuit },
				})),
				sla: typeof params.sla === 'number' ? { product: { product_id: params.sla } } : null,
				cpe: Array.isArray(params.cpe) ? params.cpe : [],
				enduser: isRecord(params.enduser) ? params.enduser : null,
				contract_duration: typeof params.contract_duration === 'number' ? params.contract_duration : null,
				location_contacts: [
					{
						name: params.contact_name ?? null,
						email: params.contact_email ?? null,
						phonenumber: params.contact_phonenumber ?? null,
						primary: true,
					},
				],
			},
		};
		this.transactions.set(uuid, transaction);
		this.recordRequest(call, nid, uuid, { orderid: nid, transaction_uuid: uuid });
		return rpcResult(call.id, { orderid: nid, transaction_uuid: uuid });
	}

	private notFound(call: RpcCall, what: string): Reply {
		return this.documentedError(call.id, '001', [], { reason: `sandbox: no ${what}` });
	}

	/** The document's reply is keyed by the carrier product asked for: answer with the caller's. */
	private listContractDurations(call: RpcCall): Reply {
		const documented = this.documentedResult(call);
		const filter = isRecord(call.params.filter) ? call.params.filter : {};
		const carrier = filter.carrier_product_id;
		if (typeof carrier !== 'number' || !isRecord(documented)) return rpcResult(call.id, documented);
		const [template] = Object.values(documented);
		return rpcResult(call.id, { [String(carrier)]: clone(template) });
	}

	private getTransaction(call: RpcCall): Reply {
		const stored = this.transactions.get(String(call.params.uuid));
		if (stored) return rpcResult(call.id, clone(stored));
		const exact = this.exactExample(call);
		if (exact) return rpcResult(call.id, clone(exact.result));
		return this.notFound(call, `transaction with uuid ${String(call.params.uuid)}`);
	}

	private latestByNid(nid: unknown): Transaction | undefined {
		return [...this.transactions.values()].reverse().find((transaction) => transaction.nid === nid);
	}

	private getRecentTransaction(call: RpcCall): Reply {
		const stored = this.latestByNid(call.params.nid);
		return rpcResult(call.id, stored ? clone(stored) : this.documentedResult(call));
	}

	private cancelTransaction(call: RpcCall): Reply {
		const stored =
			typeof call.params.uuid === 'string' ? this.transactions.get(call.params.uuid) : this.latestByNid(call.params.nid);
		if (!stored) return rpcResult(call.id, this.documentedResult(call));
		const at = now();
		Object.assign(stored, {
			state: 'cancelled',
			open: false,
			last_updated: at,
			closed_at: at,
			cancelled_by: 'customer',
			cancel_date: at.slice(0, 10),
			cancel_requested: true,
			cancel_possible: false,
		});
		this.recordRequest(call, stored.nid, stored.uuid, { state: 'cancelled' });
		return rpcResult(call.id, clone(stored));
	}

	// ---- support tickets ----------------------------------------------------------------------

	private createTicket(call: RpcCall): Reply {
		const params = call.params;
		const contact = isRecord(params.contact) ? params.contact : {};
		let description = String(params.comment);
		const contactLines = [contact.name, contact.phone].filter((line) => typeof line === 'string' && line !== '');
		if (contactLines.length > 0) description += `\n\nContactpersoon:\n${contactLines.join('\n')}`;
		if (typeof params.technical_specifications === 'string' && params.technical_specifications !== '') {
			description += `\n\nTechnische specificaties:\n${params.technical_specifications}`;
		}
		const at = now();
		const id = this.nextTicketId++;
		const author = { name: NEXTPERTISE_SANDBOX_USERNAME, photo: null };
		this.tickets.set(id, {
			id,
			nid: typeof params.nid === 'string' ? params.nid : null,
			reference: typeof params.reference === 'string' ? params.reference : null,
			subject: String(params.subject),
			description,
			status: 'new',
			created_at: at,
			updated_at: at,
			requester: author,
			comments: [{ body: description, created_at: at, attachments: Array.isArray(params.attachments) ? params.attachments : [], author }],
		});
		this.recordRequest(call, params.nid, null, { id });
		return rpcResult(call.id, { id });
	}

	private getTicket(call: RpcCall): Reply {
		const stored = this.tickets.get(Number(call.params.id));
		if (stored) return rpcResult(call.id, clone(stored));
		const exact = this.exactExample(call);
		if (exact) return rpcResult(call.id, clone(exact.result));
		return this.notFound(call, `ticket with id ${String(call.params.id)}`);
	}

	private updateTicket(call: RpcCall): Reply {
		const stored = this.tickets.get(Number(call.params.id));
		if (!stored) {
			const documented = examplesOf(call.key).some((example) => example.params?.id === call.params.id);
			if (documented) return rpcResult(call.id, this.documentedResult(call));
			return this.documentedError(call.id, '008', [`ticket ${String(call.params.id)}`]);
		}
		const at = now();
		const comment = isRecord(call.params.comment) ? call.params.comment : undefined;
		if (comment && typeof comment.body === 'string') {
			stored.comments.push({
				body: comment.body,
				created_at: at,
				attachments: Array.isArray(comment.attachments) ? comment.attachments : [],
				author: { name: NEXTPERTISE_SANDBOX_USERNAME, photo: null },
			});
		}
		if (call.params.solved === true) stored.status = 'solved';
		else if (stored.status === 'new') stored.status = 'open';
		stored.updated_at = at;
		this.recordRequest(call, stored.nid, null, {});
		return rpcResult(call.id, {});
	}
}
