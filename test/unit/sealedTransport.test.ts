// The sealed transport seen from the nodes: redirects are refused (the credential never reaches
// another host), no form of a secret survives in errors or outputs when a server echoes it, a
// Base URL that would send requests elsewhere is refused before any request, a trickling server
// is cut off at the whole-request deadline, oversized replies are refused, and the replies that
// cannot be trusted (no document_id, no access_token, a null list, endless pages) are clear errors.
import type { ServerResponse } from 'node:http';

import nock from 'nock';

import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';
import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { MAX_PAGES } from '../../nodes/Nextpertise/actions/paged';
import { kpnCredentialStore, KPN_CLIENT_ID, KPN_CLIENT_SECRET, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { everyText, KPN_TOKEN_PATH, mockKpnTokens } from '../harness/kpnNock';
import {
	nextpertiseBasicHeader,
	nextpertiseCredentialStore,
	NEXTPERTISE_PASSWORD,
	NEXTPERTISE_TEST_HOST,
	NEXTPERTISE_USERNAME,
} from '../harness/nextpertiseCredentials';
import { startLocalServer, type LocalServer } from '../harness/localServer';
import { runNode, type NodeRun } from '../harness/runNode';

const SEND_PATH = '/communication/kpn/sms/send';
const INCIDENT = '/network/kpn/incident';
const FOREIGN = 'https://collector.example.net';
const FOREIGN_HOST = 'collector.example.net';
const MiB = 1024 * 1024;

const sms = new KpnSms();
const incident = new KpnIncident();
const nextpertise = new Nextpertise();

const smsParameters = { resource: 'message', operation: 'send', sender: 'KPN', recipients: '={{ $json.to }}', message: '={{ $json.text }}' };
const smsItems = (count: number) => Array.from({ length: count }, (_, i) => ({ to: '0612345678', text: `Hello ${i}` }));
const getIncident = { resource: 'incident', operation: 'get', ticketNumber: 'INC1234' };
const listRoles = { resource: 'user', operation: 'list_roles' };
const listTickets = { resource: 'support', operation: 'list_tickets', returnAll: true };

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Every form a secret may take in an echo: as it is, URL-encoded, form-encoded, JSON-escaped, Base64. */
function formsOf(secret: string): string[] {
	return [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
		JSON.stringify(secret).slice(1, -1),
		base64(secret),
	];
}

/** Everything a run left behind: its output items, its error and the execution's run data. */
const leftBehind = (run: NodeRun) => everyText({ items: run.items, error: run.error, run: run.run.data.resultData });

function expectNoForm(text: string, secrets: string[]) {
	for (const secret of secrets) {
		for (const form of formsOf(secret)) expect(text).not.toContain(form);
	}
}

/** The error of a run: the node's error, or (Continue On Fail) the first error item. */
function errorOf(run: NodeRun): { message: string; description: string } {
	if (run.error) return { message: run.error.message, description: String(run.error.description ?? '') };
	const json = run.items.find((item) => item.json.error !== undefined)?.json;
	if (!json) throw new Error('the run has no error');
	return { message: String(json.error), description: String(json.description ?? '') };
}

/** A host that must never be asked anything. */
function foreignHost() {
	return nock(FOREIGN).persist().get(/.*/).reply(200, { stolen: true }).post(/.*/).reply(200, { stolen: true });
}

/** A catch-all on a host: stays unused when nothing was sent. */
function forbidAnyRequest(host: string) {
	return nock(host).persist().get(/.*/).reply(500, {}).post(/.*/).reply(500, {}).patch(/.*/).reply(500, {});
}

/** A KPN token endpoint handing out the given (long, unique) token. */
function kpnToken(token: string) {
	return nock(KPN_TEST_HOST).post(KPN_TOKEN_PATH).query(true).times(10).reply(200, { access_token: token, expires_in: '3599' });
}

describe('Redirects are refused: the credential never reaches the host a redirect points at', () => {
	test('KPN API: a 302 on a read names the status and the host; the foreign host gets nothing', async () => {
		mockKpnTokens();
		const foreign = foreignHost();
		const api = nock(KPN_TEST_HOST).get(`${INCIDENT}/GetIncident/INC1234`).reply(302, '', { Location: `${FOREIGN}/steal?x=1` });
		const result = await runNode({ nodeType: incident, parameters: getIncident, credentials: kpnCredentialStore() });
		expect(api.isDone()).toBe(true);
		expect(foreign.isDone()).toBe(false);
		expect(result.error?.message).toBe(
			`KPN: The API answered HTTP 302, a redirect to ${FOREIGN_HOST}; it was not followed, so no credential left the configured host. Check the credential's Base URL (it may need https:// or a new address).`,
		);
		expect(result.error?.httpCode).toBe('302');
	});

	test.each([307, 308])('KPN API: a %i on an SMS send is refused, nothing is sent to the foreign host, and the items were not sent', async (status) => {
		mockKpnTokens();
		const foreign = foreignHost();
		const api = nock(KPN_TEST_HOST).post(SEND_PATH).reply(status, '', { Location: `${FOREIGN}${SEND_PATH}` });
		const again = nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, { document_id: 'dup' });
		const result = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(2), credentials: kpnCredentialStore() });
		expect(api.isDone()).toBe(true);
		expect(again.isDone()).toBe(false);
		expect(foreign.isDone()).toBe(false);
		expect(result.error?.message).toContain(`HTTP ${status}, a redirect to ${FOREIGN_HOST}; it was not followed`);
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.description).toContain('KPN refused call 1 of 1 (items 0–1), so it was not sent.');
	});

	test('KPN token URL: a 307 is not followed; the client secret goes nowhere else and no API request is made', async () => {
		const foreign = foreignHost();
		const token = nock(KPN_TEST_HOST).post(KPN_TOKEN_PATH).query(true).reply(307, '', { Location: `${FOREIGN}/token` });
		const send = nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, { document_id: 'x' });
		const result = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(1), credentials: kpnCredentialStore() });
		expect(token.isDone()).toBe(true);
		expect(send.isDone()).toBe(false);
		expect(foreign.isDone()).toBe(false);
		expect(result.error?.message).toContain('HTTP 307');
		expect(result.error?.message).toContain(`redirect to ${FOREIGN_HOST}, which was not followed`);
		expectNoForm(leftBehind(result), [KPN_CLIENT_SECRET]);
	});

	test('Nextpertise JSON-RPC: a 302 is refused, naming the status and the host', async () => {
		const foreign = foreignHost();
		const api = nock(NEXTPERTISE_TEST_HOST).post('/user/v1').reply(302, '', { Location: `${FOREIGN}/user/v1` });
		const result = await runNode({ nodeType: nextpertise, parameters: listRoles, credentials: nextpertiseCredentialStore() });
		expect(api.isDone()).toBe(true);
		expect(foreign.isDone()).toBe(false);
		expect(result.error?.message).toBe(
			`Nextpertise: The API answered HTTP 302, a redirect to ${FOREIGN_HOST}; it was not followed, so no credential left the configured host. Check the credential's Base URL (it may need https:// or a new address).`,
		);
		expect(result.error?.httpCode).toBe('302');
	});

	test('Nextpertise JWT log-in: a 302 is refused, the password goes nowhere else and no JSON-RPC request is made', async () => {
		const foreign = foreignHost();
		const login = nock(NEXTPERTISE_TEST_HOST).get('/jwt/log-in').reply(302, '', { Location: `${FOREIGN}/jwt/log-in` });
		const api = nock(NEXTPERTISE_TEST_HOST).post('/user/v1').reply(200, { jsonrpc: '2.0', id: 1, result: [] });
		const result = await runNode({ nodeType: nextpertise, parameters: listRoles, credentials: nextpertiseCredentialStore({ authentication: 'jwt' }) });
		expect(login.isDone()).toBe(true);
		expect(api.isDone()).toBe(false);
		expect(foreign.isDone()).toBe(false);
		expect(result.error?.message).toContain('HTTP 302');
		expect(result.error?.message).toContain(`redirect to ${FOREIGN_HOST}, which was not followed`);
		expectNoForm(leftBehind(result), [NEXTPERTISE_PASSWORD, `${NEXTPERTISE_USERNAME}:${NEXTPERTISE_PASSWORD}`]);
	});
});

describe('Echoed secrets: no form of a secret survives in errors or outputs', () => {
	test.each([false, true])('KPN 500 echoing the Authorization header and the token (Continue On Fail: %s)', async (continueOnFail) => {
		const token = `echo-token-${continueOnFail ? 'soft' : 'hard'}-7f3a9c1e`;
		kpnToken(token);
		const seen: string[] = [];
		nock(KPN_TEST_HOST)
			.post(SEND_PATH)
			.reply(function () {
				const authorization = String(this.req.headers.authorization);
				seen.push(authorization);
				return [
					500,
					{
						errorResponse: {
							code: '500',
							message: `Rejected request with Authorization: ${authorization}`,
							info: `token=${token} url=${encodeURIComponent(token)} b64=${base64(token)} json="${JSON.stringify(token).slice(1, -1)}"`,
						},
					},
				];
			});
		const result = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(2), credentials: kpnCredentialStore(), continueOnFail });
		expect(seen).toEqual([`Bearer ${token}`]);
		const error = errorOf(result);
		// The echo itself reaches the error; only the secrets in it are masked.
		expect(error.message).toContain('Rejected request with Authorization: Bearer ***');
		expect(error.message).toContain('token=*** url=*** b64=***');
		expectNoForm(leftBehind(result), [token, KPN_CLIENT_SECRET]);
	});

	test.each([
		['p@ss w/rd&=+é', false],
		['p@ss w/rd&=+é', true],
		['p@ss "w\\rd" &=+é', true],
	])('KPN token endpoint 401 echoing the form body with the client secret %j (Continue On Fail: %s)', async (secret, continueOnFail) => {
		const forms: string[] = [];
		nock(KPN_TEST_HOST)
			.post(KPN_TOKEN_PATH)
			.query(true)
			.reply((_uri, body) => {
				const raw = typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString();
				forms.push(raw);
				const parsed = new URLSearchParams(raw);
				return [
					401,
					{
						ErrorCode: 'invalid_client',
						Error: `Invalid client. Received ${raw}; decoded secret ${String(parsed.get('client_secret'))}; as JSON ${JSON.stringify({ secret: parsed.get('client_secret') })}; b64 ${base64(String(parsed.get('client_secret')))}`,
					},
				];
			});
		const send = nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, { document_id: 'x' });
		const result = await runNode({
			nodeType: sms,
			parameters: smsParameters,
			items: smsItems(1),
			credentials: kpnCredentialStore({ clientSecret: secret }),
			continueOnFail,
		});
		// The secret did go out (form-encoded) and came back in every form.
		expect(new URLSearchParams(forms[0]).get('client_secret')).toBe(secret);
		expect(forms[0]).toContain(new URLSearchParams({ s: secret }).toString().slice(2));
		expect(send.isDone()).toBe(false);
		const error = errorOf(result);
		expect(error.message).toContain('KPN refused the Client ID / Client Secret');
		expect(error.message).toContain(`client_id=${KPN_CLIENT_ID}`);
		expectNoForm(leftBehind(result), [secret]);
	});

	test.each([false, true])('Nextpertise 500 echoing "Basic <base64 user:password>" (Continue On Fail: %s)', async (continueOnFail) => {
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/user/v1')
			.times(3)
			.reply(function () {
				const echo = `Internal error for Authorization: ${String(this.req.headers.authorization)} (password ${NEXTPERTISE_PASSWORD})`;
				return [500, { message: echo }, { 'Retry-After': '0' }];
			});
		const result = await runNode({ nodeType: nextpertise, parameters: listRoles, credentials: nextpertiseCredentialStore(), continueOnFail });
		expect(api.isDone()).toBe(true);
		const error = errorOf(result);
		expect(error.message).toBe('Nextpertise answered HTTP 500: Internal error for Authorization: Basic *** (password ***)');
		expect(leftBehind(result)).not.toContain(nextpertiseBasicHeader());
		expectNoForm(leftBehind(result), [NEXTPERTISE_PASSWORD, `${NEXTPERTISE_USERNAME}:${NEXTPERTISE_PASSWORD}`]);
	});

	test.each([false, true])('Nextpertise JSON-RPC error whose message echoes the password (Continue On Fail: %s)', async (continueOnFail) => {
		nock(NEXTPERTISE_TEST_HOST)
			.post('/user/v1')
			.reply(200, (_uri, body) => ({
				jsonrpc: '2.0',
				id: (body as { id: number }).id,
				error: {
					code: 7,
					message: `Login ${NEXTPERTISE_USERNAME}/${NEXTPERTISE_PASSWORD} has no access (${encodeURIComponent(NEXTPERTISE_PASSWORD)}, ${base64(NEXTPERTISE_PASSWORD)})`,
					data: { cid: 'cid-echo', echo: NEXTPERTISE_PASSWORD },
				},
			}));
		const result = await runNode({ nodeType: nextpertise, parameters: listRoles, credentials: nextpertiseCredentialStore(), continueOnFail });
		const error = errorOf(result);
		expect(error.message).toBe(`Nextpertise error 007: Login ${NEXTPERTISE_USERNAME}/*** has no access (***, ***)`);
		expectNoForm(leftBehind(result), [NEXTPERTISE_PASSWORD]);
	});

	test('KPN: after a 401 the new token is refused with an echo of the form; no form of the secret or the old token survives', async () => {
		const secret = 'r3fresh p@ss&=+é';
		const oldToken = 'expired-token-5d1e77';
		const tokenCalls: string[] = [];
		nock(KPN_TEST_HOST)
			.post(KPN_TOKEN_PATH)
			.query(true)
			.times(2)
			.reply((_uri, body) => {
				const raw = typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString();
				tokenCalls.push(raw);
				if (tokenCalls.length === 1) return [200, { access_token: oldToken }];
				return [401, { ErrorCode: 'invalid_client', Error: `Refused ${raw} (old token ${oldToken})` }];
			});
		const api = nock(KPN_TEST_HOST)
			.post(SEND_PATH)
			.reply(function () {
				return [401, { fault: { faultstring: `Invalid Access Token ${String(this.req.headers.authorization)}` } }];
			});
		const result = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(1), credentials: kpnCredentialStore({ clientSecret: secret }) });
		expect(api.isDone()).toBe(true);
		expect(tokenCalls).toHaveLength(2);
		expect(result.error?.message).toContain('KPN refused the Client ID / Client Secret');
		expect(result.error?.message).toContain(`client_id=${KPN_CLIENT_ID}`);
		expectNoForm(leftBehind(result), [secret, oldToken]);
	});

	test('Nextpertise JWT: a 500 echoing the Bearer token fetched at log-in masks the token', async () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.echoed-jwt-payload.c2lnbmF0dXJl';
		nock(NEXTPERTISE_TEST_HOST).get('/jwt/log-in').reply(200, { token_type: 'Bearer', expires_in: 86_400, access_token: jwt });
		nock(NEXTPERTISE_TEST_HOST)
			.post('/user/v1')
			.times(3)
			.reply(function () {
				return [500, { message: `Token ${String(this.req.headers.authorization)} rejected` }, { 'Retry-After': '0' }];
			});
		const result = await runNode({ nodeType: nextpertise, parameters: listRoles, credentials: nextpertiseCredentialStore({ authentication: 'jwt' }), continueOnFail: true });
		expect(errorOf(result).message).toBe('Nextpertise answered HTTP 500: Token Bearer *** rejected');
		expectNoForm(leftBehind(result), [jwt, NEXTPERTISE_PASSWORD]);
	});
});

describe('A Base URL with user info, a query or a fragment is refused before any request', () => {
	test.each([
		['https://u:p4ssw0rd@api-prd.kpn.com', 'must not contain a user name or password (user:pass@)'],
		['https://api-prd.kpn.com/?a=1', 'must not contain a query (?…)'],
		['https://api-prd.kpn.com/#x', 'must not contain a fragment (#…)'],
	])('KPN: %s', async (baseUrl, problem) => {
		const any = forbidAnyRequest(KPN_TEST_HOST);
		const result = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(1), credentials: kpnCredentialStore({ baseUrl }) });
		expect(result.error?.message).toBe(`KPN credential: Base URL ${problem}${problem.startsWith('must not contain a user') ? "; the credential's own fields carry them" : ''}`);
		expect(any.isDone()).toBe(false);
		expect(leftBehind(result)).not.toContain('p4ssw0rd');
	});

	test.each([
		['https://u:p4ssw0rd@api-prd.kpn.com/oauth/client_credential/accesstoken', 'must not contain a user name or password (user:pass@)'],
		['https://api-prd.kpn.com/oauth/client_credential/accesstoken?grant_type=client_credentials#x', 'must not contain a fragment (#…)'],
	])('KPN Token URL: %s (a query is allowed there, user info and a fragment are not)', async (tokenUrl, problem) => {
		const any = forbidAnyRequest(KPN_TEST_HOST);
		const result = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(1), credentials: kpnCredentialStore({ tokenUrl }) });
		expect(result.error?.message).toContain(`KPN credential: Token URL ${problem}`);
		expect(any.isDone()).toBe(false);
		expect(leftBehind(result)).not.toContain('p4ssw0rd');
	});

	test.each([
		['https://u:p4ssw0rd@api.nextpertise.nl', 'must not contain a user name or password (user:pass@)'],
		['https://api.nextpertise.nl/?a=1', 'must not contain a query (?…)'],
		['https://api.nextpertise.nl/#x', 'must not contain a fragment (#…)'],
	])('Nextpertise: %s', async (baseUrl, problem) => {
		const any = forbidAnyRequest(NEXTPERTISE_TEST_HOST);
		for (const authentication of ['basic', 'jwt']) {
			const result = await runNode({ nodeType: nextpertise, parameters: listRoles, credentials: nextpertiseCredentialStore({ baseUrl, authentication }) });
			expect(result.error?.message).toContain(`Nextpertise credential: Base URL ${problem}`);
			expect(leftBehind(result)).not.toContain('p4ssw0rd');
		}
		expect(any.isDone()).toBe(false);
	});
});

describe('A server that trickles its answer is cut off at the whole-request deadline', () => {
	let server: LocalServer;
	let base: string;
	let requests: number;
	let bytesSent: number;
	const timers = new Set<NodeJS.Timeout>();

	// test/setup/afterEnv.ts lets requests to 127.0.0.1 pass nock; the KPN token comes from nock.
	beforeEach(async () => {
		requests = 0;
		bytesSent = 0;
		// Headers at once, then one byte every 200 ms, never ending.
		server = await startLocalServer((_request, response: ServerResponse) => {
			requests++;
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.write('[');
			const timer = setInterval(() => {
				response.write(' ');
				bytesSent++;
			}, 200);
			timers.add(timer);
			response.on('close', () => clearInterval(timer));
		});
		base = server.base;
	});

	afterEach(async () => {
		for (const timer of timers) clearInterval(timer);
		await server.close();
	});

	test('KPN (Options → Timeout 1 s)', async () => {
		mockKpnTokens();
		const result = await runNode({
			nodeType: incident,
			parameters: { ...getIncident, options: { timeout: 1 } },
			credentials: kpnCredentialStore({ baseUrl: base }),
		});
		expect(requests).toBe(1);
		expect(bytesSent).toBeGreaterThan(0);
		expect(result.error?.message).toBe("KPN did not answer in time: No complete answer within 1 s (the request's timeout)");
	}, 20_000);

	test('Nextpertise (Options → Timeout 1 s, collection requestOptions)', async () => {
		const result = await runNode({
			nodeType: nextpertise,
			parameters: { ...listRoles, requestOptions: { timeout: 1 } },
			credentials: nextpertiseCredentialStore({ baseUrl: base }),
		});
		expect(requests).toBe(1);
		expect(bytesSent).toBeGreaterThan(0);
		expect(result.error?.message).toBe("Nextpertise did not answer in time: No complete answer within 1 s (the request's timeout)");
	}, 20_000);
});

describe('Replies that are too large or cannot be trusted', () => {
	const huge = () => `{"result":"${'x'.repeat(17 * MiB)}"}`;

	test('KPN: a 17 MiB reply is refused, naming its size in MiB', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).get(`${INCIDENT}/GetIncident/INC1234`).reply(200, huge(), { 'Content-Type': 'application/json' });
		const result = await runNode({ nodeType: incident, parameters: getIncident, credentials: kpnCredentialStore() });
		expect(result.error?.message).toBe('KPN: The answer is 17.0 MiB, more than the 16 MiB this node reads; it was not turned into items');
		expect(result.items).toEqual([]);
	});

	test('Nextpertise: a 17 MiB reply is refused, naming its size in MiB', async () => {
		nock(NEXTPERTISE_TEST_HOST).post('/user/v1').reply(200, huge(), { 'Content-Type': 'application/json' });
		const result = await runNode({ nodeType: nextpertise, parameters: listRoles, credentials: nextpertiseCredentialStore() });
		expect(result.error?.message).toBe('Nextpertise: The answer is 17.0 MiB, more than the 16 MiB this node reads; it was not turned into items');
	});

	test('SMS: a 200 without document_id is an unconfirmed send, not a refusal', async () => {
		mockKpnTokens();
		const api = nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, {});
		const again = nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, { document_id: 'dup' });
		const result = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(2), credentials: kpnCredentialStore() });
		expect(api.isDone()).toBe(true);
		expect(again.isDone()).toBe(false);
		expect(result.error?.message).toBe('KPN answered without a document_id');
		expect(result.error?.description).toContain('whether the SMS went out is unknown');
		expect(result.error?.description).toContain('Call 1 of 1 (items 0–1) was not retried: KPN did not confirm it, so it may have been sent.');
		expect(result.error?.description).not.toMatch(/Nothing was sent|so it was not sent|refused/);
	});

	test('KPN token endpoint 200 without access_token: a clear error and no /send request', async () => {
		const send = nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, { document_id: 'x' });
		for (const continueOnFail of [false, true]) {
			nock(KPN_TEST_HOST).post(KPN_TOKEN_PATH).query(true).reply(200, {});
			const result = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(1), credentials: kpnCredentialStore(), continueOnFail });
			const error = errorOf(result);
			expect(error.message).toContain('without an access_token');
			expect(error.message).toContain('so no request was sent');
			expect(error.description).not.toContain('may have been sent');
		}
		expect(send.isDone()).toBe(false);
	});

	test('SMS: one item with 60,000 recipients is refused before any request', async () => {
		const any = forbidAnyRequest(KPN_TEST_HOST);
		const to = Array.from({ length: 60_000 }, (_, n) => `06${String(10_000_000 + n)}`).join(',');
		const result = await runNode({ nodeType: sms, parameters: smsParameters, items: [{ to, text: 'hi' }], credentials: kpnCredentialStore() });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Item 0: Recipients has more than 200 different numbers (60000 given); one item may have at most 200');
		expect(any.isDone()).toBe(false);
	});
});

describe('Nextpertise paging: replies that would lose or never end the list', () => {
	/** Answers every support call with `result(page)` and counts the calls. */
	function tickets(result: (page: number) => unknown) {
		const pages: number[] = [];
		nock(NEXTPERTISE_TEST_HOST)
			.persist()
			.post('/support/v1')
			.reply(200, (_uri, body) => {
				const envelope = body as { id: number; params: { pagination: { page: number } } };
				pages.push(envelope.params.pagination.page);
				return { jsonrpc: '2.0', id: envelope.id, result: result(envelope.params.pagination.page) };
			});
		return pages;
	}

	test.each([
		['null', { tickets: null, pagination: { next_page: null } }],
		['missing', { pagination: { next_page: null } }],
	])('list_tickets with the list %s is a clear error naming the key', async (_label, reply) => {
		const pages = tickets(() => reply);
		const result = await runNode({ nodeType: nextpertise, parameters: listTickets, credentials: nextpertiseCredentialStore() });
		expect(pages).toEqual([1]);
		expect(result.error?.message).toBe('Nextpertise answered list_tickets without a list of tickets');
		expect(result.error?.description).toContain('Page 1 of list_tickets has tickets: null where a list was expected');
	});

	test('a null list on a later page says the earlier rows are not output', async () => {
		const pages = tickets((page) => (page === 1 ? { tickets: [{ id: 1 }, { id: 2 }], pagination: { next_page: 2 } } : { tickets: null }));
		const result = await runNode({ nodeType: nextpertise, parameters: listTickets, credentials: nextpertiseCredentialStore(), continueOnFail: true });
		expect(pages).toEqual([1, 2]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toBe('Nextpertise answered list_tickets without a list of tickets');
		expect(result.items[0].json.description).toContain('Page 2 of list_tickets has tickets: null where a list was expected, so the rows cannot be read (2 row(s) from earlier pages are not output).');
	});

	test(`a reply that always reports a next page stops with an error after exactly ${MAX_PAGES} requests`, async () => {
		const pages = tickets((page) => ({ tickets: [{ id: page }], pagination: { next_page: page + 1 } }));
		const result = await runNode({ nodeType: nextpertise, parameters: listTickets, credentials: nextpertiseCredentialStore() });
		expect(MAX_PAGES).toBe(1000);
		expect(pages).toHaveLength(1000);
		expect(pages[999]).toBe(1000);
		expect(result.error?.message).toBe('list_tickets has more than 1000 pages');
		expect(result.error?.description).toContain('Return All stopped after 1000 pages of 100 (1000 rows) and Nextpertise still reports more.');
		expect(result.items).toEqual([]);
	});
});

describe('A slow token endpoint is not an API request that got no answer', () => {
	const sendOnce = () =>
		nock(KPN_TEST_HOST)
			.post(SEND_PATH)
			.delay(1000)
			.reply(200, { document_id: 'doc-slow-token', status: 'OK' });

	test('the deadline of /send starts when the token is there (token 1.5 s + send 1 s, Timeout 2 s): sent once', async () => {
		nock(KPN_TEST_HOST)
			.post(KPN_TOKEN_PATH)
			.query(true)
			.delay(1500)
			.reply(200, { access_token: 'slow-token-1', expires_in: '3599' });
		const send = sendOnce();
		const result = await runNode({
			nodeType: sms,
			parameters: { ...smsParameters, options: { timeout: 2 } },
			items: smsItems(1),
			credentials: kpnCredentialStore(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.document_id).toBe('doc-slow-token');
		expect(send.isDone()).toBe(true);
	}, 20_000);

	test('a token endpoint slower than the Timeout: nothing was sent, the error says so, and Retry On Fail tries again', async () => {
		let tokenCalls = 0;
		nock(KPN_TEST_HOST)
			.post(KPN_TOKEN_PATH)
			.query(true)
			.times(2)
			.delay(3000)
			.reply(() => {
				tokenCalls++;
				return [200, { access_token: `late-token-${tokenCalls}`, expires_in: '3599' }];
			});
		const send = sendOnce();
		const result = await runNode({
			nodeType: sms,
			parameters: { ...smsParameters, options: { timeout: 1 } },
			items: smsItems(1),
			credentials: kpnCredentialStore(),
			retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
		});
		expect(send.isDone()).toBe(false);
		expect(result.error?.message).toMatch(/Could not get an access token from KPN .*timed out/);
		expect(result.error?.description).toMatch(/was not sent/);
		expect(result.error?.description).not.toMatch(/may have been sent/);
		nock.abortPendingRequests();
	}, 20_000);
});
