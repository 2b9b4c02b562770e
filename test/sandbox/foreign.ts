// The "foreign" origin `redirect` faults point at: a second loopback HTTP server on its own port
// that keeps every request exactly as it arrived (secrets not masked) and answers with a reply a
// naive client would take as success, so a test can prove a client did not follow a redirect off
// its own origin with its credentials.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { isRecord, json, readRequest, unexpected, writeReply, type ApiRequest, type Reply } from './http';
import { JWT_LOGIN_PATH } from './apis/nextpertiseAuth';

/** A request the foreign origin got, unmasked. */
export interface ForeignRequest {
	method: string;
	/** Path without the query (trailing slashes removed, as in the sandbox log). */
	path: string;
	query: Record<string, string>;
	/** Lower-case names; values exactly as received (Authorization included); repeated headers joined with ', '. */
	headers: Record<string, string>;
	/** The body text exactly as received. */
	rawBody: string;
	/** Arrival time, ms since the epoch. */
	at: number;
}

/** What tests see of the foreign origin. */
export interface ForeignOrigin {
	url: string;
	/** Same array for the sandbox's whole life: reset() empties it in place. */
	log: ForeignRequest[];
}

export const FOREIGN_TOKEN = 'foreign-token-0000';

/** Header names in lower case, every value as received (duplicates joined, none dropped). */
function rawHeaderRecord(rawHeaders: string[]): Record<string, string> {
	const headers: Record<string, string> = {};
	for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
		const name = rawHeaders[index].toLowerCase();
		headers[name] = name in headers ? `${headers[name]}, ${rawHeaders[index + 1]}` : rawHeaders[index + 1];
	}
	return headers;
}

/** The JSON-RPC id of a body such as `{"jsonrpc":"2.0","id":…}`, or undefined when it is not JSON-RPC. */
function jsonRpcId(rawBody: string): { id: unknown } | undefined {
	try {
		const body = JSON.parse(rawBody) as unknown;
		return isRecord(body) && body.jsonrpc === '2.0' ? { id: body.id ?? null } : undefined;
	} catch {
		return undefined;
	}
}

/** A success as the client would expect it from the real endpoint. */
function foreignReply(request: ApiRequest): Reply {
	const rpc = jsonRpcId(request.rawBody);
	if (rpc) return json(200, { jsonrpc: '2.0', id: rpc.id, result: { foreign: true } });
	if (request.path.endsWith('/accesstoken') || request.path === JWT_LOGIN_PATH) {
		return json(200, { access_token: FOREIGN_TOKEN, expires_in: '3599', token_type: 'Bearer' });
	}
	return json(200, { document_id: 'foreign-document', status: 'OK', foreign: true });
}

export class ForeignServer implements ForeignOrigin {
	url = '';
	readonly log: ForeignRequest[] = [];
	private readonly server: Server;

	constructor() {
		this.server = createServer((req, res) => {
			const at = Date.now();
			readRequest(req)
				.then((request) => {
					this.log.push({
						method: request.method,
						path: request.path,
						query: { ...request.query },
						headers: rawHeaderRecord(request.rawHeaders),
						rawBody: request.rawBody,
						at,
					});
					writeReply(res, foreignReply(request));
				})
				.catch((error: unknown) => writeReply(res, unexpected(error)));
		});
		this.server.keepAliveTimeout = 5_000;
	}

	/** Listens on 127.0.0.1 at a free port. */
	async listen(): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, '127.0.0.1', () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	clear(): void {
		this.log.length = 0;
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			if (!this.server.listening) return resolve();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}
