import { gatewayFault, isRecord, json, kpnError, type Reply } from './http';

export type Fault =
	| { status: 429; retryAfterSeconds?: number }
	| { status: 401 }
	/** `retryAfterSeconds` adds a Retry-After header (a gateway may send one with a 503). */
	| { status: 500 | 502 | 503; retryAfterSeconds?: number }
	| { kind: 'malformedJson' }
	| { kind: 'slow'; delayMs: number }
	/**
	 * Nextpertise JSON-RPC endpoints only: HTTP 200 with a JSON-RPC `error` object. `code` as the
	 * document writes it ('007') or as a number; without `message` a documented code gets the
	 * document's text. Never used up by calls to other paths.
	 */
	| { kind: 'jsonRpcError'; code: string | number; message?: string; data?: unknown }
	/** Answers `status` with a Location on the sandbox's foreign origin (same path and query), see `sandbox.foreign`. */
	| { kind: 'redirect'; status: RedirectStatus }
	/**
	 * An error whose body repeats the whole request, secrets included: method, path and query, every
	 * header and the raw body. Status 400–599; 200 (JSON-RPC endpoints only) answers a JSON-RPC error.
	 */
	| { kind: 'echo'; status: number }
	/** Status 200 and headers at once, then one byte every `intervalMs`; the body never ends. */
	| { kind: 'trickle'; intervalMs: number }
	/** Reads the request and never answers, until the client or the sandbox closes the connection. */
	| { kind: 'hang' }
	/** The request is carried out (state changes, an SMS counts as delivered), then the client gets this 5xx. */
	| { kind: 'appliedThen'; status: 500 | 502 | 503 }
	/** HTTP 200 with `{}` (JSON-RPC: `result: null`), doing nothing. */
	| { kind: 'emptySuccess' }
	/** HTTP 200 with valid JSON of at least `bytes` bytes, carried as one long string field `padding`. */
	| { kind: 'largeReply'; bytes: number }
	/** JSON-RPC endpoints only: the method's own reply with its list set to null. */
	| { kind: 'nullList' };

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;
export const REDIRECT_STATUSES: readonly RedirectStatus[] = [301, 302, 303, 307, 308];

/** Largest `largeReply` the sandbox builds (a string this size is still cheap to hold). */
export const MAX_LARGE_REPLY_BYTES = 256 * 1024 * 1024;

export type FaultKind = Extract<Fault, { kind: string }>['kind'];

/** Faults answered by a fixed reply in the API's own shape (faultReply, NextpertiseApi.faultReply). */
export type ReplyFault = Exclude<Fault, { kind: Exclude<FaultKind, 'malformedJson' | 'jsonRpcError'> }>;

/** Whether only JSON-RPC endpoints use up this fault (calls to other paths leave it pending). */
export function isJsonRpcOnly(fault: Fault): boolean {
	if (!('kind' in fault)) return false;
	return fault.kind === 'jsonRpcError' || fault.kind === 'nullList' || (fault.kind === 'echo' && fault.status === 200);
}

export interface FaultMatch {
	/** The request path must contain this text (token endpoints are only hit when it names them). */
	pathIncludes?: string;
	/** HTTP method, any case. */
	method?: string;
	/**
	 * Let this many matching calls through untouched before the fault applies, to fail a call in
	 * the middle of a run (e.g. `skip: 2` fails the third page or the third SMS batch).
	 */
	skip?: number;
}

export interface FaultController {
	/** Added to every API response (not admin), in milliseconds. */
	latencyMs: number;
	/** The next `count` matching API calls get `fault`. Rules are used first-in, first-out. */
	failNext(count: number, fault: Fault, match?: FaultMatch): void;
	clear(): void;
}

export interface PendingFault {
	remaining: number;
	fault: Fault;
	match?: FaultMatch;
	/** Matching calls still to let through (from `match.skip`). */
	skipping?: number;
}

/** Checks a fault that arrived as JSON (admin API) and returns it typed, or throws. */
export function parseFault(value: unknown): Fault {
	if (!isRecord(value)) throw new Error('fault must be an object');
	if (value.kind !== undefined) return parseKindFault(value);
	const retryAfter = (): { retryAfterSeconds?: number } => {
		if (value.retryAfterSeconds === undefined) return {};
		const retryAfterSeconds = Number(value.retryAfterSeconds);
		if (!Number.isFinite(retryAfterSeconds) || retryAfterSeconds < 0) {
			throw new Error('retryAfterSeconds must be a number >= 0');
		}
		return { retryAfterSeconds };
	};
	switch (value.status) {
		case 429:
			return { status: 429, ...retryAfter() };
		case 401:
			return { status: 401 };
		case 500:
		case 502:
		case 503:
			return { status: value.status, ...retryAfter() };
		default:
			throw new Error(`fault must be {status: 429|401|500|502|503} or {kind: ${FAULT_KINDS.map((kind) => `"${kind}"`).join('|')}}`);
	}
}

const FAULT_KINDS: readonly FaultKind[] = [
	'malformedJson',
	'slow',
	'jsonRpcError',
	'redirect',
	'echo',
	'trickle',
	'hang',
	'appliedThen',
	'emptySuccess',
	'largeReply',
	'nullList',
];

/** `value[field]` as a number in [min, max] (whole when `integer`), or throws naming the fault. */
function numberOf(value: Record<string, unknown>, field: string, min: number, max = Number.MAX_SAFE_INTEGER, integer = false): number {
	const number = typeof value[field] === 'number' || typeof value[field] === 'string' ? Number(value[field]) : Number.NaN;
	if (!Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
		const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
		throw new Error(`${String(value.kind)} fault needs ${field}: ${integer ? 'a whole number' : 'a number'} ${range}`);
	}
	return number;
}

/** The faults with a `kind`. */
function parseKindFault(value: Record<string, unknown>): Fault {
	switch (value.kind) {
		case 'malformedJson':
			return { kind: 'malformedJson' };
		case 'jsonRpcError': {
			const code = value.code;
			const valid = (typeof code === 'string' && /^-?[0-9]+$/.test(code)) || (typeof code === 'number' && Number.isInteger(code));
			if (!valid) throw new Error('jsonRpcError fault needs code: a documented code such as "007", or an integer');
			if (value.message !== undefined && typeof value.message !== 'string') throw new Error('jsonRpcError message must be a string');
			const fault: Extract<Fault, { kind: 'jsonRpcError' }> = { kind: 'jsonRpcError', code: code as string | number };
			if (value.message !== undefined) fault.message = value.message;
			if (value.data !== undefined) fault.data = value.data;
			return fault;
		}
		case 'slow': {
			const delayMs = Number(value.delayMs);
			if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error('slow fault needs delayMs >= 0');
			return { kind: 'slow', delayMs };
		}
		case 'redirect': {
			const status = REDIRECT_STATUSES.find((candidate) => candidate === value.status);
			if (status === undefined) throw new Error(`redirect fault needs status: ${REDIRECT_STATUSES.join('|')}`);
			return { kind: 'redirect', status };
		}
		case 'echo': {
			const status = value.status;
			if (status !== 200 && !(typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599)) {
				throw new Error('echo fault needs status: a whole number 400..599, or 200 (JSON-RPC endpoints only)');
			}
			return { kind: 'echo', status };
		}
		case 'trickle':
			return { kind: 'trickle', intervalMs: numberOf(value, 'intervalMs', 1) };
		case 'hang':
			return { kind: 'hang' };
		case 'appliedThen': {
			const status = value.status;
			if (status !== 500 && status !== 502 && status !== 503) throw new Error('appliedThen fault needs status: 500|502|503');
			return { kind: 'appliedThen', status };
		}
		case 'emptySuccess':
			return { kind: 'emptySuccess' };
		case 'largeReply':
			return { kind: 'largeReply', bytes: numberOf(value, 'bytes', 0, MAX_LARGE_REPLY_BYTES, true) };
		case 'nullList':
			return { kind: 'nullList' };
		default:
			throw new Error(`unknown fault kind ${JSON.stringify(value.kind)}; use one of ${FAULT_KINDS.join(', ')}`);
	}
}

export function parseMatch(value: unknown): FaultMatch | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isRecord(value)) throw new Error('match must be an object');
	const match: FaultMatch = {};
	if (value.pathIncludes !== undefined) match.pathIncludes = String(value.pathIncludes);
	if (value.method !== undefined) match.method = String(value.method);
	if (value.skip !== undefined) {
		const skip = Number(value.skip);
		if (!Number.isInteger(skip) || skip < 0) throw new Error('match.skip must be a whole number >= 0');
		match.skip = skip;
	}
	return match;
}

export class Faults implements FaultController {
	latencyMs = 0;
	private rules: PendingFault[] = [];

	failNext(count: number, fault: Fault, match?: FaultMatch): void {
		if (!Number.isInteger(count) || count < 1) throw new Error('count must be an integer >= 1');
		const checked = parseFault(fault);
		const checkedMatch = parseMatch(match);
		const rule: PendingFault = { remaining: count, fault: checked, match: checkedMatch };
		if (checkedMatch?.skip) rule.skipping = checkedMatch.skip;
		this.rules.push(rule);
	}

	clear(): void {
		this.rules = [];
		this.latencyMs = 0;
	}

	pending(): PendingFault[] {
		return this.rules.map((rule) => ({ ...rule }));
	}

	/**
	 * Uses up one matching fault, if any, for this request (`jsonRpcError`, `nullList` and status-200
	 * `echo` faults only on JSON-RPC endpoints). A matching rule that is still skipping counts the
	 * call and lets it through.
	 */
	take(method: string, path: string, isTokenEndpoint: boolean, isJsonRpcEndpoint = false): Fault | undefined {
		const matching = (rule: PendingFault) =>
			ruleMatches(rule.match, method, path, isTokenEndpoint) && (isJsonRpcEndpoint || !isJsonRpcOnly(rule.fault));
		const skipped = this.rules.filter((rule) => matching(rule) && rule.skipping);
		for (const rule of skipped) rule.skipping! -= 1;
		const index = this.rules.findIndex((rule) => matching(rule) && !skipped.includes(rule));
		if (index < 0) return undefined;
		const rule = this.rules[index];
		rule.remaining -= 1;
		if (rule.remaining <= 0) this.rules.splice(index, 1);
		return rule.fault;
	}
}

function ruleMatches(match: FaultMatch | undefined, method: string, path: string, isTokenEndpoint: boolean): boolean {
	if (isTokenEndpoint && !(match?.pathIncludes && path.includes(match.pathIncludes))) return false;
	if (match?.method && match.method.toUpperCase() !== method) return false;
	if (match?.pathIncludes && !path.includes(match.pathIncludes)) return false;
	return true;
}

/** Body that claims to be JSON but is cut off mid-way. */
export const MALFORMED_JSON_BODY = '{"result":[{"id":1,"state":"open","description":"cut off';

/** The reply for a fault that answers with a fixed reply in KPN's shapes. */
export function faultReply(fault: ReplyFault): Reply {
	if ('kind' in fault) {
		if (fault.kind === 'jsonRpcError') {
			return json(200, { jsonrpc: '2.0', id: null, error: { code: Number(fault.code), message: fault.message ?? `Sandbox fault ${fault.code}` } });
		}
		return { status: 200, rawBody: MALFORMED_JSON_BODY, headers: { 'Content-Type': 'application/json' } };
	}
	switch (fault.status) {
		case 429: {
			const seconds = fault.retryAfterSeconds ?? 1;
			return {
				...kpnError(429, 'Too Many Requests', `Rate limit exceeded; retry after ${seconds} seconds`),
				headers: { 'Retry-After': String(seconds) },
			};
		}
		case 401:
			return invalidTokenReply();
		case 500:
			return withRetryAfter(fault, kpnError(500, 'Internal Server Error', 'The service encountered an unexpected condition (sandbox fault)'));
		case 502:
			return withRetryAfter(fault, gatewayFault(502, 'Unexpected EOF at target', 'messaging.adaptors.http.flow.UnexpectedEOFAtTarget'));
		case 503:
			return withRetryAfter(
				fault,
				gatewayFault(503, 'The Service is temporarily unavailable', 'messaging.adaptors.http.flow.ServiceUnavailable'),
			);
	}
}

/** Adds the Retry-After header a 5xx fault asks for. */
export function withRetryAfter(fault: { retryAfterSeconds?: number }, reply: Reply): Reply {
	if (fault.retryAfterSeconds === undefined) return reply;
	return { ...reply, headers: { ...reply.headers, 'Retry-After': String(fault.retryAfterSeconds) } };
}

export function invalidTokenReply(): Reply {
	return json(401, {
		fault: { faultstring: 'Invalid Access Token', detail: { errorcode: 'keymanagement.service.invalid_access_token' } },
	});
}
