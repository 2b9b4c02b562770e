// Reads run concurrently (Options → Parallel Requests), writes one at a time; a 429 slows the whole
// node run; one token fetch / JWT log-in per credential in the process, also for concurrent
// requests and concurrent executions. Against a local server that counts requests in flight.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { INodeType } from 'n8n-workflow';

import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { DEFAULT_PARALLEL_REQUESTS, parallelRequests } from '../../nodes/shared/fields/parallelRequests';
import { Pace } from '../../nodes/shared/http/pace';
import { forgetSharedTokens, markRefused, sharedToken } from '../../nodes/shared/http/sharedToken';
import { kpnCredentialStore } from '../harness/kpnCredentials';
import { KPN_TOKEN_PATH } from '../harness/kpnNock';
import { nextpertiseBasicHeader, nextpertiseCredentialStore } from '../harness/nextpertiseCredentials';
import { startLocalServer, type LocalServer } from '../harness/localServer';
import { runNode } from '../harness/runNode';

const incident = new KpnIncident();
const nextpertise = new Nextpertise();

/** What the server does with one API request: status, extra headers, body, delay. */
type Answer = { status: number; headers?: Record<string, string>; body: unknown; delayMs?: number };

interface Api {
	server: LocalServer;
	/** Arrival time (ms since start) and path of every API request, token calls apart. */
	arrivals: Array<{ at: number; path: string }>;
	tokenCalls: () => number;
	maxInFlight: () => number;
	/** Answers one API request; replaced by a test to script failures. */
	answer: (path: string, call: number) => Answer;
	/** Tokens the server refuses with 401 (e.g. after "revoking" one). */
	refused: Set<string>;
	/** How long the token endpoint takes. */
	tokenDelayMs: number;
}

let api: Api;

async function startApi(): Promise<Api> {
	const started = Date.now();
	let inFlight = 0;
	let max = 0;
	let tokens = 0;
	const state: Omit<Api, 'server'> = {
		arrivals: [],
		tokenCalls: () => tokens,
		maxInFlight: () => max,
		answer: (path) => ({ status: 200, body: { result: { number: path.split('/').pop() } }, delayMs: 40 }),
		refused: new Set(),
		tokenDelayMs: 100,
	};
	const server = await startLocalServer((request: IncomingMessage, response: ServerResponse) => {
		const path = request.url ?? '';
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			const send = (answer: Answer) => {
				response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
				response.end(JSON.stringify(answer.body));
			};
			if (path.startsWith(KPN_TOKEN_PATH) || path === '/jwt/log-in') {
				tokens++;
				const token = `token-number-${tokens}`;
				// A slow token endpoint, so that concurrent requests really do overlap the fetch.
				setTimeout(() => send({ status: 200, body: { access_token: token, expires_in: 3599 } }), state.tokenDelayMs);
				return;
			}
			const authorization = String(request.headers.authorization ?? '');
			if (state.refused.has(authorization.replace(/^Bearer /, ''))) return send({ status: 401, body: { message: 'Invalid Access Token' } });
			const call = state.arrivals.push({ at: Date.now() - started, path });
			inFlight++;
			max = Math.max(max, inFlight);
			const answer = state.answer(path, call);
			setTimeout(() => {
				inFlight--;
				if (path.endsWith('/v1')) {
					const { id } = JSON.parse(body) as { id: number };
					return send({ ...answer, body: { jsonrpc: '2.0', id, result: [{ role: 'reader' }] } });
				}
				send(answer);
			}, answer.delayMs ?? 40);
		});
	});
	return Object.assign(state, { server });
}

beforeEach(async () => {
	api = await startApi();
});

afterEach(async () => {
	await api.server.close();
});

const tickets = (count: number) => Array.from({ length: count }, (_, i) => ({ ticket: `INC${String(i).padStart(4, '0')}` }));

function kpnStore() {
	return kpnCredentialStore({ baseUrl: api.server.base, tokenUrl: `${api.server.base}${KPN_TOKEN_PATH}` });
}

async function getIncidents(count: number, options: Record<string, string | number> = {}, extra: { continueOnFail?: boolean; store?: ReturnType<typeof kpnStore> } = {}) {
	return await runNode({
		nodeType: incident as INodeType,
		parameters: { resource: 'incident', operation: 'get', ticketNumber: '={{ $json.ticket }}', options },
		items: tickets(count),
		credentials: extra.store ?? kpnStore(),
		continueOnFail: extra.continueOnFail,
	});
}

describe('Parallel Requests: reads run concurrently, bounded', () => {
	const COUNT = DEFAULT_PARALLEL_REQUESTS + 20;
	test.each([
		[1, 1],
		[5, 5],
		[undefined, DEFAULT_PARALLEL_REQUESTS],
	])('Parallel Requests %s: at most %s requests in flight; output order and pairedItem as the input', async (parallel, expected) => {
		const result = await getIncidents(COUNT, parallel === undefined ? {} : { parallelRequests: parallel });
		expect(result.error).toBeUndefined();
		expect(api.maxInFlight()).toBe(expected);
		expect(api.arrivals).toHaveLength(COUNT);
		expect(result.items.map((item) => item.json.number)).toEqual(tickets(COUNT).map((item) => item.ticket));
		expect(result.items.map((item) => item.pairedItem)).toEqual(tickets(COUNT).map((_, item) => ({ item })));
		expect(api.tokenCalls()).toBe(1);
	});

	test('answers that come back in another order still come out in the input order', async () => {
		// Earlier items answer later: item 0 after 200 ms, item 9 after 20 ms.
		api.answer = (path) => {
			const index = Number(path.slice(-4));
			return { status: 200, body: { result: { number: path.split('/').pop() } }, delayMs: 200 - index * 20 };
		};
		const result = await getIncidents(10, { parallelRequests: 10 });
		expect(result.items.map((item) => item.json.number)).toEqual(tickets(10).map((item) => item.ticket));
		expect(api.maxInFlight()).toBe(10);
	});

	test('Continue On Fail with concurrent failures: each failed item is its own error item, in place', async () => {
		api.answer = (path) => {
			const index = Number(path.slice(-4));
			if (index % 3 === 0) return { status: 404, body: { errorResponse: { code: '404', message: `Incident ${index} not found` } } };
			return { status: 200, body: { result: { number: path.split('/').pop() } } };
		};
		const result = await getIncidents(12, { parallelRequests: 6 }, { continueOnFail: true });
		// More than allowed is cut to the maximum; nonsense falls back to the default.
		expect(parallelRequests({ getNodeParameter: () => ({ parallelRequests: 1000 }) } as never)).toBe(100);
		expect(parallelRequests({ getNodeParameter: () => ({ parallelRequests: 'many' }) } as never)).toBe(DEFAULT_PARALLEL_REQUESTS);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(12);
		for (const [index, item] of result.items.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			if (index % 3 === 0) expect(item.json.error).toBe(`KPN: Incident ${index} not found`);
			else expect(item.json.number).toBe(`INC${String(index).padStart(4, '0')}`);
		}
		expect(api.maxInFlight()).toBe(6);
	});

	test('without Continue On Fail, the first failing item is reported and no new request starts after a failure', async () => {
		api.answer = (path) => {
			const index = Number(path.slice(-4));
			// Item 4 fails slowly, item 6 fails fast: the error names item 4 all the same.
			if (index === 4) return { status: 404, body: { errorResponse: { code: '404', message: 'Incident 4 not found' } }, delayMs: 150 };
			if (index === 6) return { status: 404, body: { errorResponse: { code: '404', message: 'Incident 6 not found' } }, delayMs: 10 };
			return { status: 200, body: { result: {} }, delayMs: 60 };
		};
		const result = await getIncidents(40, { parallelRequests: 5 });
		expect(result.error?.message).toBe('KPN: Incident 4 not found');
		// Items 0–9 at most were started before the failures; nothing after the stop.
		expect(api.arrivals.length).toBeLessThanOrEqual(10);
	});

	test('bad input in a later item stops the node; items after it are never requested', async () => {
		const items = tickets(8).map((item, index) => (index === 5 ? { ticket: '' } : item));
		const result = await runNode({
			nodeType: incident as INodeType,
			parameters: { resource: 'incident', operation: 'get', ticketNumber: '={{ $json.ticket }}', options: { parallelRequests: 3 } },
			items,
			credentials: kpnStore(),
		});
		expect(result.error?.message).toMatch(/^Item 5: /);
		expect(api.arrivals.map((arrival) => arrival.path.slice(-4))).toEqual(expect.not.arrayContaining(['0006', '0007']));
	});

	test('writes go one at a time, whatever Parallel Requests says', async () => {
		api.answer = (_path, call) => ({ status: 200, body: { result: { number: `INC${call}`, reference_number: `REF-${call}` } } });
		const result = await runNode({
			nodeType: incident as INodeType,
			parameters: {
				resource: 'incident',
				operation: 'create',
				referenceNumber: '={{ $json.ref }}',
				shortDescription: 'Line down',
				ci: { __rl: true, mode: 'name', value: 'ESB BIZTALK KPN' },
				options: { parallelRequests: 20 },
			},
			items: Array.from({ length: 6 }, (_, i) => ({ ref: `REF-${i}` })),
			credentials: kpnStore(),
		});
		expect(result.error).toBeUndefined();
		expect(api.arrivals).toHaveLength(6);
		expect(api.maxInFlight()).toBe(1);
	});
});

describe('Back-pressure: a 429 slows every request of the node run', () => {
	test('Retry-After holds back queued and retried requests; fewer go at once afterwards; each request is tried at most 3 times', async () => {
		let throttledAt = -1;
		api.answer = (path, call) => {
			if (call === 3) {
				throttledAt = api.arrivals[call - 1].at;
				return { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too many requests' }, delayMs: 5 };
			}
			return { status: 200, body: { result: { number: path.split('/').pop() } }, delayMs: 40 };
		};
		const result = await getIncidents(24, { parallelRequests: 8 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.number)).toEqual(tickets(24).map((item) => item.ticket));
		// 24 requests + 1 repeat of the refused one.
		expect(api.arrivals).toHaveLength(25);
		// Nothing arrived in the second the API asked for (apart from requests already on their way).
		const during = api.arrivals.filter((arrival) => arrival.at > throttledAt + 100 && arrival.at < throttledAt + 950);
		expect(during).toEqual([]);
		const counts = new Map<string, number>();
		for (const arrival of api.arrivals) counts.set(arrival.path, (counts.get(arrival.path) ?? 0) + 1);
		expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
	});

	test('a 429 that keeps coming: each request gives up after 3 tries, not more', async () => {
		api.answer = () => ({ status: 429, headers: { 'Retry-After': '0' }, body: { message: 'Too many requests' }, delayMs: 1 });
		const result = await getIncidents(4, { parallelRequests: 4 }, { continueOnFail: true });
		expect(result.items).toHaveLength(4);
		for (const item of result.items) expect(item.json.error).toMatch(/^KPN: /);
		expect(api.arrivals).toHaveLength(12);
	});

	test('Pace: halves on push-back, grows back by one per run of successes, waits out Retry-After', async () => {
		const pace = new Pace();
		pace.allow(8);
		pace.pushedBack(50);
		expect(pace.limit).toBe(4);
		pace.pushedBack(0);
		expect(pace.limit).toBe(2);
		const before = Date.now();
		await pace.ready();
		expect(Date.now() - before).toBeGreaterThanOrEqual(40);
		pace.succeeded();
		expect(pace.limit).toBe(2);
		pace.succeeded();
		expect(pace.limit).toBe(3);
		for (let i = 0; i < 30; i++) pace.succeeded();
		expect(pace.limit).toBe(8);
	});
});

describe('One token per credential in the process (single flight)', () => {
	test('10 executions at once on a credential with no token: 1 token call', async () => {
		const store = kpnStore();
		const runs = await Promise.all(Array.from({ length: 10 }, async () => await getIncidents(5, {}, { store })));
		for (const run of runs) expect(run.error).toBeUndefined();
		expect(api.arrivals).toHaveLength(50);
		expect(api.tokenCalls()).toBe(1);
	});

	test('a token the API refuses is replaced once, not once per concurrent request', async () => {
		const store = kpnStore();
		await getIncidents(1, {}, { store });
		expect(api.tokenCalls()).toBe(1);
		api.refused.add('token-number-1');
		const result = await getIncidents(20, { parallelRequests: 10 }, { store });
		expect(result.error).toBeUndefined();
		expect(api.tokenCalls()).toBe(2);
		expect(store.get('kpnApi').accessToken).toBe('token-number-2');
	});

	test('waiting for a token another execution is fetching does not count against Timeout', async () => {
		// Token 0.8 s + answer 0.4 s > Timeout 1 s: only if the wait for the token counted would a request time out.
		api.tokenDelayMs = 800;
		api.answer = (path) => ({ status: 200, body: { result: { number: path.split('/').pop() } }, delayMs: 400 });
		const store = kpnStore();
		const runs = await Promise.all([1, 2, 3].map(async () => await getIncidents(4, { timeout: 1 }, { store })));
		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => item.json.error)).toEqual([undefined, undefined, undefined, undefined]);
		}
		expect(api.tokenCalls()).toBe(1);
		expect(api.arrivals).toHaveLength(12);
	});

	test('Nextpertise JWT: concurrent requests and executions share one log-in', async () => {
		const store = nextpertiseCredentialStore({ authentication: 'jwt', baseUrl: api.server.base });
		const run = async () =>
			await runNode({
				nodeType: nextpertise as INodeType,
				parameters: { resource: 'user', operation: 'list_roles', requestOptions: { parallelRequests: 5 } },
				items: Array.from({ length: 10 }, () => ({})),
				credentials: store,
			});
		const runs = await Promise.all([run(), run(), run()]);
		for (const result of runs) {
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(10);
		}
		expect(api.tokenCalls()).toBe(1);
		expect(api.maxInFlight()).toBeGreaterThan(1);
		expect(nextpertiseBasicHeader()).toMatch(/^Basic /);
	});

	test('sharedToken: waits for a fetch in flight, reuses a recent token, fetches again for a refused one', async () => {
		forgetSharedTokens();
		let fetches = 0;
		const fetch = async () => {
			fetches++;
			await new Promise((resolve) => setTimeout(resolve, 20));
			return { result: { accessToken: `t${fetches}` }, lifetimeMs: 3_599_000 };
		};
		const identity = ['kpn', 'url', 'id', 'secret'];
		const [a, b] = await Promise.all([sharedToken(identity, {}, fetch), sharedToken(identity, {}, fetch)]);
		expect([a.accessToken, b.accessToken, fetches]).toEqual(['t1', 't1', 1]);
		expect((await sharedToken(identity, {}, fetch)).accessToken).toBe('t1');
		const refusedCall = {};
		markRefused(refusedCall, 't1');
		expect((await sharedToken(identity, refusedCall, fetch)).accessToken).toBe('t2');
		const olderRefused = {};
		markRefused(olderRefused, 't1');
		expect((await sharedToken(identity, olderRefused, fetch)).accessToken).toBe('t2');
		expect((await sharedToken(['kpn', 'url', 'id', 'another secret'], {}, fetch)).accessToken).toBe('t3');
		expect(fetches).toBe(3);
	});

	test('a failed fetch is not remembered: the next call fetches again', async () => {
		forgetSharedTokens();
		let fetches = 0;
		const failing = async (): Promise<{ result: { accessToken: string }; lifetimeMs: number }> => {
			fetches++;
			throw new Error('refused');
		};
		const identity = ['x'];
		await expect(Promise.all([sharedToken(identity, {}, failing), sharedToken(identity, {}, failing)])).rejects.toThrow('refused');
		await expect(sharedToken(identity, {}, failing)).rejects.toThrow('refused');
		expect(fetches).toBe(2);
	});
});
