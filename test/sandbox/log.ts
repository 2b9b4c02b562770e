import type { ApiRequest } from './http';

/** Bodies larger than this are not kept in the log (only their size). */
export const MAX_LOGGED_BODY_BYTES = 64 * 1024;
/** Oldest entries are dropped beyond this many, so long benchmarks do not grow without bound. */
export const DEFAULT_MAX_LOG_ENTRIES = 20_000;

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-case names; authorization values become 'Bearer ***' / 'Basic ***'. */
	headers: Record<string, string>;
	/** Parsed body; a marker string when the body was larger than 64 KB. */
	body: unknown;
	/** Response status; 0 while the response is still pending. */
	status: number;
	/** Arrival time, ms since the epoch. */
	at: number;
	/** Size of the request body in bytes. */
	bodyBytes: number;
	/** true when the body was too large to keep. */
	truncated?: boolean;
	/** API requests in flight when this one arrived, itself included (see inFlight.ts). */
	inFlight?: number;
}

const SECRET_FIELDS = new Set(['client_secret', 'password']);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
	const copy = { ...headers };
	if (copy.authorization !== undefined) {
		const scheme = /^\s*(\S+)\s/.exec(copy.authorization)?.[1];
		copy.authorization = scheme ? `${scheme[0].toUpperCase()}${scheme.slice(1).toLowerCase()} ***` : '***';
	}
	return copy;
}

function redactBody(body: unknown): unknown {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
	const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
	for (const field of Object.keys(copy)) if (SECRET_FIELDS.has(field.toLowerCase())) copy[field] = '***';
	return copy;
}

export class RequestLog {
	/** Same array for the sandbox's whole life: clearing empties it in place. */
	readonly entries: LoggedRequest[] = [];

	constructor(private readonly maxEntries = DEFAULT_MAX_LOG_ENTRIES) {}

	record(request: ApiRequest, at = Date.now()): LoggedRequest {
		const large = request.bodyBytes > MAX_LOGGED_BODY_BYTES;
		const entry: LoggedRequest = {
			method: request.method,
			path: request.path,
			query: { ...request.query },
			headers: redactHeaders(request.headers),
			body: large ? `[body of ${request.bodyBytes} bytes not kept]` : redactBody(request.body),
			status: 0,
			at,
			bodyBytes: request.bodyBytes,
		};
		if (large) entry.truncated = true;
		this.entries.push(entry);
		if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
		return entry;
	}

	clear(): void {
		this.entries.length = 0;
	}
}
