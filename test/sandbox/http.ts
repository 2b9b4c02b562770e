import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the sandbox reads; beyond it the request is answered with 413. */
export const MAX_REQUEST_BODY_BYTES = 32 * 1024 * 1024;

/** A request as the API handlers see it: already read, parsed and split up. */
export interface ApiRequest {
	method: string;
	path: string;
	/** Path and query exactly as the request line sent them. */
	target: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Header names and values as received, alternating (names in the client's case, duplicates kept). */
	rawHeaders: string[];
	/** The body text exactly as received (never masked; '' when there was none or it was too large). */
	rawBody: string;
	/** Parsed JSON, a form as an object, plain text, or undefined when there was no body. */
	body: unknown;
	bodyBytes: number;
	/** Set when the body said it was JSON but did not parse. */
	bodyError?: string;
	/** Set when the body was larger than MAX_REQUEST_BODY_BYTES (and was not kept). */
	bodyTooLarge?: boolean;
}

/** What a handler answers; the server adds quota headers, latency and logging. */
export interface Reply {
	status: number;
	body?: unknown;
	/** Sent as-is instead of JSON.stringify(body) (used for the malformed-JSON fault). */
	rawBody?: string;
	headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
	return { status, body, headers };
}

/** KPN's API error envelope: {"errorResponse":{"code","message","info"}}. */
export function kpnError(status: number, message: string, info: string): Reply {
	return json(status, { errorResponse: { code: String(status), message, info } });
}

/** KPN's (Apigee) gateway fault envelope: {"fault":{"faultstring","detail":{"errorcode"}}}. */
export function gatewayFault(status: number, faultstring: string, errorcode: string, headers?: Record<string, string>): Reply {
	return json(status, { fault: { faultstring, detail: { errorcode } } }, headers);
}

/** A 500 for a bug in the sandbox itself (never expected). */
export function unexpected(error: unknown): Reply {
	return kpnError(500, 'Internal Server Error', `Sandbox error: ${error instanceof Error ? error.message : String(error)}`);
}

export function notFound(path: string): Reply {
	return kpnError(404, 'Not Found', `No resource found for path ${path}`);
}

export function methodNotAllowed(method: string, allow: string[]): Reply {
	return {
		...kpnError(405, 'Method Not Allowed', `${method} is not allowed here; use ${allow.join(', ')}`),
		headers: { Allow: allow.join(', ') },
	};
}

function headerRecord(message: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(message.headers)) {
		if (value === undefined) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

function queryRecord(params: URLSearchParams): Record<string, string> {
	const query: Record<string, string> = {};
	for (const [name, value] of params) query[name] = name in query ? `${query[name]},${value}` : value;
	return query;
}

function parseBody(text: string, contentType: string): { body: unknown; error?: string } {
	if (text === '') return { body: undefined };
	if (contentType.includes('application/x-www-form-urlencoded')) {
		return { body: Object.fromEntries(new URLSearchParams(text)) };
	}
	const trimmed = text.trimStart();
	if (contentType.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return { body: JSON.parse(text) as unknown };
		} catch (error) {
			return { body: text, error: error instanceof Error ? error.message : 'invalid JSON' };
		}
	}
	return { body: text };
}

/** Reads the whole request; bodies above MAX_REQUEST_BODY_BYTES are counted but not kept. */
export async function readRequest(message: IncomingMessage): Promise<ApiRequest> {
	const url = new URL(message.url ?? '/', 'http://sandbox.invalid');
	const chunks: Buffer[] = [];
	let bodyBytes = 0;
	for await (const chunk of message as AsyncIterable<Buffer>) {
		bodyBytes += chunk.length;
		if (bodyBytes <= MAX_REQUEST_BODY_BYTES) chunks.push(chunk);
	}
	const headers = headerRecord(message);
	const request: ApiRequest = {
		method: (message.method ?? 'GET').toUpperCase(),
		path: url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname,
		target: message.url ?? '/',
		query: queryRecord(url.searchParams),
		headers,
		rawHeaders: [...message.rawHeaders],
		rawBody: '',
		body: undefined,
		bodyBytes,
	};
	if (bodyBytes > MAX_REQUEST_BODY_BYTES) {
		request.bodyTooLarge = true;
		return request;
	}
	request.rawBody = Buffer.concat(chunks, bodyBytes).toString('utf8');
	const parsed = parseBody(request.rawBody, headers['content-type'] ?? '');
	request.body = parsed.body;
	if (parsed.error !== undefined) request.bodyError = parsed.error;
	return request;
}

/** Writes a reply unless the client has already gone away. */
export function writeReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
	if (res.headersSent || res.destroyed) return;
	const text = reply.rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
	const headers: Record<string, string> = { ...extraHeaders, ...(reply.headers ?? {}) };
	if (text !== '') headers['Content-Type'] ??= 'application/json; charset=utf-8';
	headers['Content-Length'] = String(Buffer.byteLength(text));
	res.writeHead(reply.status, headers);
	res.end(text);
}

/** Small helpers for the validators. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}
