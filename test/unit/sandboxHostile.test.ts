import { connect, type Socket } from 'node:net';

import {
	NEXTPERTISE_SANDBOX_PASSWORD,
	NEXTPERTISE_SANDBOX_USERNAME,
	SANDBOX_CLIENT_ID,
	SANDBOX_CLIENT_SECRET,
	startSandbox,
	type Fault,
	type Sandbox,
} from '../sandbox/server';

// The faults that model a hostile or careless server: redirect to a foreign origin, an error that
// echoes the request, a body that trickles or never comes, a write that is applied but answered
// with a 5xx, empty and oversized successes, a JSON-RPC list that is null.

const KPN_GRANT = '/oauth/client_credential/accesstoken?grant_type=client_credentials';
const SMS = '/communication/kpn/sms/send';
const INCIDENT = '/network/kpn/incident';
const DISTURBANCES = '/network/kpn/disturbance-detector/failures?state=open';
const SUPPORT = '/support/v1';
const BASIC_NEXTPERTISE = `Basic ${Buffer.from(`${NEXTPERTISE_SANDBOX_USERNAME}:${NEXTPERTISE_SANDBOX_PASSWORD}`).toString('base64')}`;
const FORM = new URLSearchParams({ client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET }).toString();

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies differ per endpoint and fault; each test reads the fields it checks
}

let sandbox: Sandbox;
let kpn: string;
let nextRpcId = 1;

/** One request that does not follow redirects; `base` is the sandbox unless given (the foreign origin). */
async function send(method: string, target: string, init: { headers?: Record<string, string>; body?: string; base?: string; signal?: AbortSignal } = {}): Promise<Answer> {
	const response = await fetch(`${init.base ?? sandbox.url}${target}`, { method, headers: init.headers, body: init.body, redirect: 'manual', signal: init.signal });
	const text = await response.text();
	let body: unknown;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, text, body };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
const tokenCall = (base?: string) => send('POST', KPN_GRANT, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: FORM, base });
const smsBody = (...numbers: string[]) => JSON.stringify({ messages: [{ content: 'Hello from the sandbox', mobile_number: numbers.join(',') }] });
const sendSms = (body = smsBody('0612345678')) => send('POST', SMS, { headers: bearer(kpn), body });
const rpcBody = (method: string, params: unknown, id = nextRpcId++) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
const rpc = (method: string, params: unknown, id?: number) =>
	send('POST', SUPPORT, { headers: { Authorization: BASIC_NEXTPERTISE, 'Content-Type': 'application/json' }, body: rpcBody(method, params, id) });

interface RawGet {
	socket: Socket;
	/** Everything the server sent so far. */
	received(): string;
	/** Resolves when the status line and headers have arrived. */
	head: Promise<string>;
	/** Resolves when the connection is closed. */
	closed: Promise<void>;
}

/** A GET written by hand on a plain TCP socket (no HTTP client in between), keeping every byte the server sends. */
function rawGet(base: string, target: string, headers: Record<string, string>): RawGet {
	const { hostname, port } = new URL(base);
	const socket = connect(Number(port), hostname);
	let text = '';
	const lines = [`GET ${target} HTTP/1.1`, `Host: ${hostname}:${port}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
	socket.write(`${lines.join('\r\n')}\r\n\r\n`);
	const head = new Promise<string>((resolve) => {
		socket.on('data', (chunk: Buffer) => {
			text += chunk.toString('latin1');
			const end = text.indexOf('\r\n\r\n');
			if (end >= 0) resolve(text.slice(0, end));
		});
	});
	socket.on('error', () => undefined);
	const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
	return { socket, received: () => text, head, closed };
}

/** The body of a chunked response received so far (complete chunks only). */
function dechunk(received: string): string {
	let rest = received.slice(received.indexOf('\r\n\r\n') + 4);
	let body = '';
	for (;;) {
		const match = /^([0-9a-f]+)\r\n/i.exec(rest);
		if (!match) return body;
		const size = parseInt(match[1], 16);
		const start = match[0].length;
		if (size === 0 || rest.length < start + size + 2) return body;
		body += rest.slice(start, start + size);
		rest = rest.slice(start + size + 2);
	}
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function health(base = sandbox.url): Promise<{ heldResponses: number; foreignUrl: string }> {
	return (await send('GET', '/__sandbox/health', { base })).body;
}

/** Polls until `check` holds (or fails after ~2 s). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
	for (let attempt = 0; attempt < 40; attempt++) {
		if (await check()) return;
		await wait(50);
	}
	throw new Error('condition not met within 2 s');
}

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(async () => {
	sandbox.reset();
	kpn = (await tokenCall()).body.access_token as string;
});

describe('redirect', () => {
	it('points Location at the same path and query on a foreign origin that logs the request unmasked', async () => {
		sandbox.faults.failNext(1, { kind: 'redirect', status: 307 }, { pathIncludes: '/sms/send' });
		const body = smsBody('0612345678');
		const redirected = await send('POST', `${SMS}?trace=a%20b`, { headers: bearer(kpn), body });
		expect(redirected.status).toBe(307);
		const location = new URL(redirected.headers.get('location') ?? '');
		expect(location.host).not.toBe(new URL(sandbox.url).host);
		expect(location.origin).toBe(sandbox.foreign.url);
		expect(`${location.pathname}${location.search}`).toBe(`${SMS}?trace=a%20b`);
		expect(sandbox.smsDeliveries()).toEqual([]);

		// A naive client follows with its credentials: the foreign origin sees them and answers "success".
		const followed = await send('POST', `${location.pathname}${location.search}`, { headers: bearer(kpn), body, base: location.origin });
		expect(followed.body).toEqual({ document_id: 'foreign-document', status: 'OK', foreign: true });
		expect(sandbox.foreign.log).toEqual([
			{
				method: 'POST',
				path: SMS,
				query: { trace: 'a b' },
				headers: expect.objectContaining({ authorization: `Bearer ${kpn}`, 'content-type': 'application/json' }),
				rawBody: body,
				at: expect.any(Number),
			},
		]);
		expect(sandbox.log.map((entry) => entry.status)).toEqual([200, 307]);
		sandbox.reset();
		expect(sandbox.foreign.log).toEqual([]);
	});

	it('redirects token calls (when named) and JSON-RPC calls; the foreign origin answers each like a success', async () => {
		sandbox.faults.failNext(1, { kind: 'redirect', status: 302 }, { pathIncludes: '/oauth/client_credential' });
		const tokenRedirect = await tokenCall();
		expect(tokenRedirect.status).toBe(302);
		const foreignToken = await tokenCall(new URL(tokenRedirect.headers.get('location') ?? '').origin);
		expect(foreignToken.body).toEqual({ access_token: 'foreign-token-0000', expires_in: '3599', token_type: 'Bearer' });
		expect(sandbox.foreign.log[0].rawBody).toBe(FORM);

		sandbox.faults.failNext(1, { kind: 'redirect', status: 308 }, { pathIncludes: SUPPORT });
		const body = rpcBody('get_ticket', { id: 1 }, 77);
		const headers = { Authorization: BASIC_NEXTPERTISE, 'Content-Type': 'application/json' };
		const rpcRedirect = await send('POST', SUPPORT, { headers, body });
		expect(rpcRedirect.status).toBe(308);
		const followed = await send('POST', SUPPORT, { headers, body, base: new URL(rpcRedirect.headers.get('location') ?? '').origin });
		expect(followed.body).toEqual({ jsonrpc: '2.0', id: 77, result: { foreign: true } });
		expect(sandbox.foreign.log[1].headers.authorization).toBe(BASIC_NEXTPERTISE);
		expect((await send('GET', '/__sandbox/foreign')).body).toEqual({ url: sandbox.foreign.url, log: sandbox.foreign.log });
	});
});

describe('echo', () => {
	it('repeats a token call with its raw form body and Authorization header; the log still masks them', async () => {
		sandbox.faults.failNext(1, { kind: 'echo', status: 400 }, { pathIncludes: '/oauth/client_credential' });
		const basic = `Basic ${Buffer.from(`${SANDBOX_CLIENT_ID}:${SANDBOX_CLIENT_SECRET}`).toString('base64')}`;
		const answer = await send('POST', KPN_GRANT, {
			headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: FORM,
		});
		expect(answer.status).toBe(400);
		const echo = answer.body.message as string;
		expect(echo).toContain(`POST ${KPN_GRANT}`);
		expect(echo).toContain(FORM);
		expect(echo).toContain(`client_secret=${SANDBOX_CLIENT_SECRET}`);
		expect(echo).toMatch(new RegExp(`authorization: ${basic}`, 'i'));
		expect(answer.body).toEqual({ errorResponse: { code: '400', message: echo, info: echo }, message: echo, error: { code: 400, message: echo } });
		const entry = sandbox.log.at(-1);
		expect(entry?.headers.authorization).toBe('Basic ***');
		expect(entry?.body).toEqual({ client_id: SANDBOX_CLIENT_ID, client_secret: '***' });
		expect(entry?.status).toBe(400);
	});

	it('repeats an API call with its bearer token, and answers a JSON-RPC error (200) only on JSON-RPC endpoints', async () => {
		sandbox.faults.failNext(1, { kind: 'echo', status: 502 }, { pathIncludes: '/sms/send' });
		const failed = await sendSms();
		expect(failed.status).toBe(502);
		expect(failed.body.errorResponse.info).toContain(`Bearer ${kpn}`);
		expect(failed.body.error.message).toContain(smsBody('0612345678'));

		sandbox.faults.failNext(1, { kind: 'echo', status: 200 });
		expect((await send('GET', DISTURBANCES, { headers: bearer(kpn) })).status).toBe(200);
		const echoed = await rpc('get_ticket', { id: 1 }, 5);
		expect(echoed.status).toBe(200);
		expect(echoed.body).toEqual({ jsonrpc: '2.0', id: 5, error: { code: -32000, message: expect.stringContaining(BASIC_NEXTPERTISE) } });
		expect(echoed.body.error.message).toContain('"method":"get_ticket"');
	});
});

describe('trickle and hang', () => {
	it('trickle sends headers at once, then a byte per interval, and stops when the client goes away', async () => {
		sandbox.faults.failNext(1, { kind: 'trickle', intervalMs: 200 }, { pathIncludes: '/failures' });
		const started = Date.now();
		const client = rawGet(sandbox.url, DISTURBANCES, { Authorization: `Bearer ${kpn}` });
		const head = await client.head;
		expect(Date.now() - started).toBeLessThan(150);
		expect(head).toMatch(/^HTTP\/1\.1 200 /);
		expect(head).toMatch(/\r\nContent-Type: application\/json\r\n/i);
		expect(dechunk(client.received())).toBe('');
		await wait(1_000);
		const body = dechunk(client.received());
		expect(body.length).toBeGreaterThanOrEqual(3);
		expect(body.length).toBeLessThanOrEqual(7);
		expect('{"a":     '.startsWith(body)).toBe(true);
		expect(sandbox.log.at(-1)?.status).toBe(200);
		expect((await health()).heldResponses).toBe(1);

		client.socket.destroy();
		await eventually(async () => (await health()).heldResponses === 0);
	});

	it('hang never answers; a client that gives up frees it', async () => {
		sandbox.faults.failNext(1, { kind: 'hang' }, { pathIncludes: '/failures' });
		const started = Date.now();
		await expect(send('GET', DISTURBANCES, { headers: bearer(kpn), signal: AbortSignal.timeout(300) })).rejects.toThrow();
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(sandbox.log.at(-1)?.status).toBe(0);
		await eventually(async () => (await health()).heldResponses === 0);
		expect((await send('GET', DISTURBANCES, { headers: bearer(kpn) })).status).toBe(200);
	});

	it('close() resolves promptly with hanging and trickling responses open', async () => {
		const own = await startSandbox({ port: 0 });
		const token = (await tokenCall(own.url)).body.access_token as string;
		own.faults.failNext(1, { kind: 'hang' }, { pathIncludes: '/failures' });
		own.faults.failNext(1, { kind: 'trickle', intervalMs: 50 }, { pathIncludes: '/failures' });
		const hanging = rawGet(own.url, DISTURBANCES, { Authorization: `Bearer ${token}` });
		await eventually(async () => (await health(own.url)).heldResponses === 1);
		const trickling = rawGet(own.url, DISTURBANCES, { Authorization: `Bearer ${token}` });
		await trickling.head;
		await wait(300);
		expect(hanging.received()).toBe('');
		expect((await health(own.url)).heldResponses).toBe(2);

		const started = Date.now();
		await own.close();
		expect(Date.now() - started).toBeLessThan(1_000);
		await Promise.all([hanging.closed, trickling.closed]);
		expect(hanging.received()).toBe('');
	});
});

describe('appliedThen', () => {
	it('delivers the SMS, then answers 500', async () => {
		sandbox.faults.failNext(1, { kind: 'appliedThen', status: 500 }, { pathIncludes: '/sms/send' });
		const answer = await sendSms(smsBody('0612345678', '0687654321'));
		expect(answer.status).toBe(500);
		expect(answer.body.errorResponse.code).toBe('500');
		expect(sandbox.smsDeliveries()).toEqual([
			{ number: '0612345678', content: 'Hello from the sandbox', documentId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
			{ number: '0687654321', content: 'Hello from the sandbox', documentId: sandbox.smsDeliveries()[0].documentId },
		]);
		expect(sandbox.log.at(-1)?.status).toBe(500);
	});

	it('creates the incident and the Nextpertise ticket, then answers 502 / 503', async () => {
		sandbox.faults.failNext(1, { kind: 'appliedThen', status: 502 }, { pathIncludes: '/NewIncident' });
		const incident = { reference_number: 'ABC1234', short_description: 'Line down', description: 'No sync', ci: 'ESB BIZTALK KPN' };
		const created = await send('POST', `${INCIDENT}/NewIncident`, { headers: bearer(kpn), body: JSON.stringify(incident) });
		expect(created.status).toBe(502);
		expect(created.body.fault.faultstring).toBeTruthy();
		const active = await send('GET', `${INCIDENT}/GetActiveIncidents`, { headers: bearer(kpn) });
		expect(active.body.result.map((item: { ticket_number: string }) => item.ticket_number)).toEqual(['INC0010001']);

		sandbox.faults.failNext(1, { kind: 'appliedThen', status: 503 }, { pathIncludes: SUPPORT });
		const ticket = await rpc('create_ticket', { subject: 'Down', comment: 'No sync' });
		expect(ticket.status).toBe(503);
		expect(ticket.body).toEqual({ message: 'Service temporarily unavailable' });
		expect(sandbox.nextpertiseState().tickets.map((stored) => stored.subject)).toEqual(['Down']);
	});
});

describe('emptySuccess, largeReply and nullList', () => {
	it('emptySuccess answers 200 {} (JSON-RPC: result null) and does nothing', async () => {
		sandbox.faults.failNext(1, { kind: 'emptySuccess' }, { pathIncludes: '/oauth/client_credential' });
		const token = await tokenCall();
		expect(token.status).toBe(200);
		expect(token.body).toEqual({});

		sandbox.faults.failNext(1, { kind: 'emptySuccess' }, { pathIncludes: '/sms/send' });
		const sent = await sendSms();
		expect([sent.status, sent.body]).toEqual([200, {}]);
		expect(sandbox.smsDeliveries()).toEqual([]);

		sandbox.faults.failNext(1, { kind: 'emptySuccess' }, { pathIncludes: SUPPORT });
		expect((await rpc('create_ticket', { subject: 'Down', comment: 'x' }, 9)).body).toEqual({ jsonrpc: '2.0', id: 9, result: null });
		expect(sandbox.nextpertiseState().tickets).toEqual([]);
	});

	it('largeReply answers valid JSON of at least the asked size', async () => {
		sandbox.faults.failNext(1, { kind: 'largeReply', bytes: 1_000_000 }, { pathIncludes: '/failures' });
		const large = await send('GET', DISTURBANCES, { headers: bearer(kpn) });
		expect(large.status).toBe(200);
		expect(Buffer.byteLength(large.text)).toBeGreaterThanOrEqual(1_000_000);
		expect(Buffer.byteLength(large.text)).toBeLessThan(1_000_100);
		expect(Object.keys(large.body)).toEqual(['padding']);

		sandbox.faults.failNext(1, { kind: 'largeReply', bytes: 200_000 }, { pathIncludes: SUPPORT });
		const rpcLarge = await rpc('list_tickets', {}, 12);
		expect(rpcLarge.text.length).toBeGreaterThanOrEqual(200_000);
		expect(rpcLarge.body).toEqual({ jsonrpc: '2.0', id: 12, result: { padding: expect.any(String) } });
		expect(() => sandbox.faults.failNext(1, { kind: 'largeReply', bytes: -1 })).toThrow(/bytes/);
	});

	it('nullList keeps the method reply but sets its list to null, on JSON-RPC endpoints only', async () => {
		sandbox.faults.failNext(1, { kind: 'nullList' });
		expect((await send('GET', DISTURBANCES, { headers: bearer(kpn) })).body).toHaveLength(10);
		const listed = await rpc('list_tickets', { pagination: { page: 1, per_page: 10 } }, 3);
		expect(listed.body.id).toBe(3);
		expect(listed.body.result.tickets).toBeNull();
		expect(listed.body.result.pagination).toEqual(expect.objectContaining({ next_page: 2, per_page: 10 }));
		expect((await rpc('list_tickets', {})).body.result.tickets).toHaveLength(35);

		sandbox.faults.failNext(1, { kind: 'nullList' }, { pathIncludes: '/postcodes/v1' });
		const housenrs = await send('POST', '/postcodes/v1', {
			headers: { Authorization: BASIC_NEXTPERTISE, 'Content-Type': 'application/json' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'get_housenrs', params: { zipcode: '2584TX' } }),
		});
		expect(housenrs.body).toEqual({ jsonrpc: '2.0', id: 4, result: { housenrs: null } });
	});
});

describe('SMS deliveries', () => {
	it('records each accepted (number, content) with its document_id, not refused sends; reset clears', async () => {
		const first = await sendSms(smsBody('0612345678', ' +31687654321'));
		const second = await sendSms(smsBody('0611111111'));
		expect((await sendSms(smsBody('0201234567'))).status).toBe(400);
		expect(sandbox.smsDeliveries()).toEqual([
			{ number: '0612345678', content: 'Hello from the sandbox', documentId: first.body.document_id },
			{ number: '+31687654321', content: 'Hello from the sandbox', documentId: first.body.document_id },
			{ number: '0611111111', content: 'Hello from the sandbox', documentId: second.body.document_id },
		]);
		expect((await send('GET', '/__sandbox/sms-deliveries')).body).toEqual(sandbox.smsDeliveries());
		sandbox.reset();
		expect(sandbox.smsDeliveries()).toEqual([]);
	});
});

describe('admin API', () => {
	const accepted: Fault[] = [
		{ kind: 'redirect', status: 301 },
		{ kind: 'echo', status: 599 },
		{ kind: 'echo', status: 200 },
		{ kind: 'trickle', intervalMs: 200 },
		{ kind: 'hang' },
		{ kind: 'appliedThen', status: 503 },
		{ kind: 'emptySuccess' },
		{ kind: 'largeReply', bytes: 4096 },
		{ kind: 'nullList' },
	];

	it.each(accepted.map((fault) => [JSON.stringify(fault), fault] as const))('accepts %s', async (_name, fault) => {
		const added = await send('POST', '/__sandbox/faults', {
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ count: 1, fault, match: { pathIncludes: '/x' } }),
		});
		expect(added.status).toBe(200);
		expect(added.body.pending).toEqual([{ remaining: 1, fault, match: { pathIncludes: '/x' } }]);
	});

	const refused: unknown[] = [
		{ kind: 'redirect', status: 300 },
		{ kind: 'echo', status: 302 },
		{ kind: 'trickle', intervalMs: 0 },
		{ kind: 'appliedThen', status: 504 },
		{ kind: 'largeReply', bytes: 1.5 },
		{ kind: 'largeReply' },
		{ kind: 'bogus' },
	];

	it.each(refused.map((fault) => [JSON.stringify(fault), fault] as const))('refuses %s with 400', async (_name, fault) => {
		const answer = await send('POST', '/__sandbox/faults', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: 1, fault }) });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toMatch(/fault/);
	});

	it('reports the foreign origin in health', async () => {
		expect((await health()).foreignUrl).toBe(sandbox.foreign.url);
		expect(sandbox.foreign.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});
});
