// Replies and held-open responses for the faults that model a hostile or careless server:
// redirect, echo, emptySuccess, largeReply (fixed replies) and trickle, hang (responses the
// sandbox keeps open until the client or the sandbox closes them).
import type { ServerResponse } from 'node:http';

import { json, type ApiRequest, type Reply } from './http';

export type RpcId = string | number | null;

/** Set when the request went to a JSON-RPC endpoint: the reply then uses the JSON-RPC envelope. */
export type JsonRpcCall = { id: RpcId } | undefined;

/** Error code of an echoed JSON-RPC error (JSON-RPC 2.0's range for server errors). */
export const ECHO_RPC_ERROR_CODE = -32000;

/** The bytes a trickled body starts with (then spaces): always the start of a JSON object. */
const TRICKLE_START = '{"a":';

/** `status` with a Location at `location`, no body. */
export function redirectReply(status: number, location: string): Reply {
	return { status, headers: { Location: location } };
}

/** The request as a careless server repeats it: request line, every header as received, then the raw body. */
export function echoText(request: ApiRequest): string {
	const lines = [`${request.method} ${request.target}`];
	for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
		lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
	}
	return `${lines.join('\n')}\n\n${request.rawBody}`;
}

/** An error reply that repeats the request in every field a client might show (JSON-RPC with 200: an `error` object). */
export function echoReply(status: number, request: ApiRequest, rpc: JsonRpcCall): Reply {
	const echo = echoText(request);
	if (rpc && status === 200) return json(200, { jsonrpc: '2.0', id: rpc.id, error: { code: ECHO_RPC_ERROR_CODE, message: echo } });
	return json(status, {
		errorResponse: { code: String(status), message: echo, info: echo },
		message: echo,
		error: { code: status, message: echo },
	});
}

/** HTTP 200 that carries nothing: `{}`, or a JSON-RPC `result: null`. */
export function emptySuccessReply(rpc: JsonRpcCall): Reply {
	return json(200, rpc ? { jsonrpc: '2.0', id: rpc.id, result: null } : {});
}

/** HTTP 200 with valid JSON of at least `bytes` bytes: one long `padding` string (in `result` for JSON-RPC). */
export function largeReply(bytes: number, rpc: JsonRpcCall): Reply {
	const head = rpc ? `{"jsonrpc":"2.0","id":${JSON.stringify(rpc.id)},"result":{"padding":"` : '{"padding":"';
	const tail = rpc ? '"}}' : '"}';
	const padding = Math.max(0, bytes - Buffer.byteLength(head) - Buffer.byteLength(tail));
	return { status: 200, rawBody: `${head}${'x'.repeat(padding)}${tail}`, headers: { 'Content-Type': 'application/json' } };
}

/** Responses a `trickle` or `hang` fault keeps open; `closeAll()` ends them at once (sandbox close). */
export class HeldResponses {
	private readonly held = new Map<ServerResponse, NodeJS.Timeout | undefined>();

	/** How many responses are held open right now. */
	get size(): number {
		return this.held.size;
	}

	/** Never answers `res`. */
	hang(res: ServerResponse): void {
		this.hold(res, undefined);
	}

	/** Status 200 and headers now, then one byte every `intervalMs`, never ending the body. */
	trickle(res: ServerResponse, intervalMs: number): void {
		if (res.destroyed || res.headersSent) return;
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.flushHeaders();
		let sent = 0;
		const timer = setInterval(() => {
			if (res.destroyed || res.writableEnded) return this.release(res);
			res.write(TRICKLE_START[sent] ?? ' ');
			sent += 1;
		}, intervalMs);
		this.hold(res, timer);
	}

	/** Destroys every held response and stops its timer. */
	closeAll(): void {
		for (const [res, timer] of this.held) {
			clearInterval(timer);
			res.destroy();
		}
		this.held.clear();
	}

	private hold(res: ServerResponse, timer: NodeJS.Timeout | undefined): void {
		if (res.destroyed) {
			clearInterval(timer);
			return;
		}
		this.held.set(res, timer);
		res.once('close', () => this.release(res));
	}

	private release(res: ServerResponse): void {
		clearInterval(this.held.get(res));
		this.held.delete(res);
	}
}
