import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox, type Sandbox } from '../sandbox/server';

const KPN_GRANT_PATH = '/oauth/client_credential/accesstoken';
const MSM_GRANT_PATH = '/oauth/grip/msm/accesstoken';
const SMS = '/communication/kpn/sms/send';
const LEGACY_SMS = '/messaging/sms-kpn/v1/send';
const INCIDENT = '/network/kpn/incident';
const DISTURBANCES = '/network/kpn/disturbance-detector/failures';
const MSM = '/mobile/kpn/mobileservices';

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	// Response bodies differ per endpoint and each test reads the fields it checks.
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let sandbox: Sandbox;

async function call(
	method: string,
	path: string,
	options: { token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	let body: string | undefined;
	if (options.token) headers.Authorization = `Bearer ${options.token}`;
	if (options.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(options.form).toString();
	} else if (options.body !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	}
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
	const text = await response.text();
	let parsed: unknown;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: response.status, headers: response.headers, text, body: parsed };
}

async function getToken(family: 'kpn' | 'msm' = 'kpn', secret = SANDBOX_CLIENT_SECRET): Promise<Answer> {
	const path = family === 'kpn' ? KPN_GRANT_PATH : MSM_GRANT_PATH;
	return call('POST', `${path}?grant_type=client_credentials`, {
		form: { client_id: SANDBOX_CLIENT_ID, client_secret: secret },
	});
}

async function token(family: 'kpn' | 'msm' = 'kpn'): Promise<string> {
	const answer = await getToken(family);
	expect(answer.status).toBe(200);
	return answer.body.access_token as string;
}

function sms(messages: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { messages, ...extra };
}

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
});

describe('sandbox server', () => {
	it('listens on loopback and refuses to listen on all interfaces', async () => {
		expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
		expect(sandbox.port).toBeGreaterThan(0);
		await expect(startSandbox({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/all interfaces/);
	});

	it('answers unknown paths with 404 and wrong methods with 405, in KPN error bodies', async () => {
		const missing = await call('GET', '/nothing/here');
		expect(missing.status).toBe(404);
		expect(missing.body.errorResponse.code).toBe('404');

		const kpn = await token();
		const wrongMethod = await call('GET', SMS, { token: kpn });
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
		expect(wrongMethod.body.errorResponse.code).toBe('405');
		expect((await call('GET', KPN_GRANT_PATH)).status).toBe(405);
	});

	it('sends quota headers on every API response, counting API calls', async () => {
		const kpn = await token();
		const first = await call('GET', `${DISTURBANCES}?state=open`, { token: kpn });
		const second = await call('GET', `${DISTURBANCES}?state=open`, { token: kpn });
		for (const answer of [first, second]) {
			expect(answer.headers.get('quota-limit')).toBe('100000');
			expect(answer.headers.get('quota-interval')).toBe('1');
			expect(answer.headers.get('quota-time-unit')).toBe('month');
			expect(answer.headers.get('quota-reset-utc')).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
		}
		expect(Number(second.headers.get('quota-used'))).toBe(Number(first.headers.get('quota-used')) + 1);
	});
});

describe('tokens', () => {
	it('issues a fresh token with string values for the right client', async () => {
		const first = await getToken();
		const second = await getToken();
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: '3599', client_id: SANDBOX_CLIENT_ID, status: 'approved' });
		for (const value of Object.values(first.body as Record<string, unknown>)) {
			if (!Array.isArray(value)) expect(typeof value).toBe('string');
		}
		expect(first.body.access_token).not.toBe(second.body.access_token);
	});

	it('accepts grant_type in the body and refuses a missing one', async () => {
		const inBody = await call('POST', KPN_GRANT_PATH, {
			form: { grant_type: 'client_credentials', client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET },
		});
		expect(inBody.status).toBe(200);
		const none = await call('POST', KPN_GRANT_PATH, { form: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET } });
		expect(none.status).toBe(400);
		expect(none.body.ErrorCode).toBe('invalid_request');
	});

	it('refuses a wrong secret like Apigee and never logs the secret', async () => {
		const wrong = await getToken('kpn', 'not-the-secret');
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({ ErrorCode: 'invalid_client', Error: 'ClientId is Invalid' });
		const logged = sandbox.log.at(-1);
		expect(logged?.body).toEqual({ client_id: SANDBOX_CLIENT_ID, client_secret: '***' });
		expect(JSON.stringify(sandbox.log)).not.toContain('not-the-secret');
	});

	it('requires a valid bearer token of the right family on API paths', async () => {
		const invalid = { fault: { faultstring: 'Invalid Access Token', detail: { errorcode: 'keymanagement.service.invalid_access_token' } } };
		const none = await call('GET', `${DISTURBANCES}?state=open`);
		expect(none.status).toBe(401);
		expect(none.body).toEqual(invalid);
		expect((await call('GET', `${DISTURBANCES}?state=open`, { token: 'made-up' })).body).toEqual(invalid);

		const kpn = await token('kpn');
		const msm = await token('msm');
		expect((await call('GET', `${MSM}/hierarchy/subscribers`, { token: kpn })).status).toBe(401);
		expect((await call('GET', `${DISTURBANCES}?state=open`, { token: msm })).status).toBe(401);
		expect((await call('GET', `${MSM}/hierarchy/subscribers`, { token: msm })).status).toBe(200);
		expect((await call('GET', `${DISTURBANCES}?state=open`, { token: kpn })).status).toBe(200);
	});

	it('expires tokens after the configured lifetime and revokes them on demand', async () => {
		const set = await call('POST', '/__sandbox/token-lifetime', { body: { seconds: 0.1 } });
		expect(set.body).toEqual({ tokenLifetimeSeconds: 0.1 });
		const short = await getToken();
		expect(short.body.expires_in).toBe('1');
		expect((await call('GET', `${DISTURBANCES}?state=open`, { token: short.body.access_token })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 150));
		const expired = await call('GET', `${DISTURBANCES}?state=open`, { token: short.body.access_token });
		expect(expired.status).toBe(401);
		expect(expired.body.fault.detail.errorcode).toBe('keymanagement.service.access_token_expired');

		sandbox.reset(); // back to 3599 s
		const long = await token();
		expect((await call('GET', `${DISTURBANCES}?state=open`, { token: long })).status).toBe(200);
		expect((await call('POST', '/__sandbox/revoke-tokens')).status).toBe(200);
		expect((await call('GET', `${DISTURBANCES}?state=open`, { token: long })).status).toBe(401);
	});
});

describe('SMS', () => {
	let kpn: string;
	beforeEach(async () => {
		kpn = await token();
	});

	const send = (body: unknown, path = SMS, headers?: Record<string, string>) => call('POST', path, { token: kpn, body, headers });

	it('accepts a valid send on both base paths and logs the SubAccount header', async () => {
		for (const path of [SMS, LEGACY_SMS]) {
			const ok = await send(
				sms([{ content: 'Greetings from KPN!', mobile_number: '0612345678,+31612345678, 0031612345678,097123456789,+4915112345678' }], {
					sender: 'Demo App',
					webhook_url: 'https://example.com/dlr',
					expirein: '10',
				}),
				path,
				{ SubAccount: 'team-a' },
			);
			expect(ok.status).toBe(200);
			expect(ok.body.status).toBe('OK');
			expect(ok.body.document_id).toMatch(/^[0-9a-f-]{36}$/);
		}
		const entry = sandbox.log.at(-1);
		expect(entry?.path).toBe(LEGACY_SMS);
		expect(entry?.headers.subaccount).toBe('team-a');
		expect(entry?.headers.authorization).toBe('Bearer ***');
		expect(entry?.status).toBe(200);
	});

	const invalid: Array<[string, unknown, RegExp]> = [
		['no messages', {}, /messages is required/],
		['empty messages', sms([]), /between 1 and 5000/],
		['5001 messages', sms(Array.from({ length: 5001 }, () => ({ content: 'x', mobile_number: '0612345678' }))), /between 1 and 5000/],
		['sender of 12 chars', sms([{ content: 'x', mobile_number: '0612345678' }], { sender: 'ABCDEFGHIJKL' }), /sender/],
		['empty content', sms([{ content: '', mobile_number: '0612345678' }]), /messages\[0\]\.content is required/],
		['content of 1001 chars', sms([{ content: 'x'.repeat(1001), mobile_number: '0612345678' }]), /too long/],
		['missing number', sms([{ content: 'x' }]), /mobile_number is required/],
		['060 range', sms([{ content: 'x', mobile_number: '0601234567' }]), /'0601234567'.*060/],
		['067 range', sms([{ content: 'x', mobile_number: '+31671234567' }]), /067/],
		['069 range', sms([{ content: 'x', mobile_number: '0031691234567' }]), /069/],
		['landline', sms([{ content: 'x', mobile_number: '0201234567' }]), /not a Dutch mobile number/],
		['garbage number', sms([{ content: 'x', mobile_number: '06-abc' }]), /unsupported format/],
		['bad number in a list', sms([{ content: 'x', mobile_number: '0612345678,0612' }]), /messages\[0\].*'0612'/],
		['webhook_url not a URL', sms([{ content: 'x', mobile_number: '0612345678' }], { webhook_url: 'nope' }), /webhook_url/],
		['expirein not a number', sms([{ content: 'x', mobile_number: '0612345678' }], { expirein: 'soon' }), /expirein/],
	];

	it.each(invalid)('refuses %s with a KPN 400', async (_name, body, problem) => {
		const answer = await send(body);
		expect(answer.status).toBe(400);
		expect(answer.body.errorResponse.code).toBe('400');
		expect(`${answer.body.errorResponse.message} ${answer.body.errorResponse.info}`).toMatch(problem);
	});

	it('allows 200 message-recipient pairs and refuses 201', async () => {
		const numbers = (count: number) => Array.from({ length: count }, (_, i) => `06${String(20000000 + i)}`).join(',');
		const twoHundred = sms([
			{ content: 'a', mobile_number: numbers(100) },
			{ content: 'b', mobile_number: numbers(100) },
		]);
		expect((await send(twoHundred)).status).toBe(200);
		const tooMany = await send(sms([{ content: 'a', mobile_number: numbers(100) }, { content: 'b', mobile_number: numbers(101) }]));
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.errorResponse.message).toMatch(/201 message-recipient/);
	});

	it('refuses a body that is not JSON', async () => {
		const answer = await send('{"messages": [');
		expect(answer.status).toBe(400);
		expect(answer.body.errorResponse.message).toMatch(/not valid JSON/);
	});
});

describe('faults', () => {
	let kpn: string;
	beforeEach(async () => {
		kpn = await token();
	});
	const disturbances = () => call('GET', `${DISTURBANCES}?state=open`, { token: kpn });

	it('answers 429 with Retry-After for the next 2 calls, then succeeds; token calls are not affected', async () => {
		sandbox.faults.failNext(2, { status: 429, retryAfterSeconds: 3 });
		expect((await getToken()).status).toBe(200);
		for (let i = 0; i < 2; i++) {
			const throttled = await disturbances();
			expect(throttled.status).toBe(429);
			expect(throttled.headers.get('retry-after')).toBe('3');
			expect(throttled.body.errorResponse.code).toBe('429');
			expect(throttled.headers.get('quota-limit')).toBe('100000');
		}
		expect((await disturbances()).status).toBe(200);
		expect(sandbox.log.filter((entry) => entry.path.endsWith('/failures')).map((entry) => entry.status)).toEqual([429, 429, 200]);
	});

	it('hits a token endpoint only when match.pathIncludes names it', async () => {
		sandbox.faults.failNext(1, { status: 503 }, { pathIncludes: '/oauth/client_credential' });
		const failed = await getToken();
		expect(failed.status).toBe(503);
		expect(failed.body.fault.detail.errorcode).toMatch(/ServiceUnavailable/);
		expect((await getToken()).status).toBe(200);
	});

	it('answers malformed JSON with status 200 and a JSON content type', async () => {
		sandbox.faults.failNext(1, { kind: 'malformedJson' });
		const answer = await disturbances();
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/application\/json/);
		expect(() => JSON.parse(answer.text)).toThrow();
		expect((await disturbances()).body).toHaveLength(10);
	});

	it('adds latency to API calls (not admin) and delays slow calls', async () => {
		sandbox.faults.latencyMs = 120;
		let started = Date.now();
		expect((await disturbances()).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		started = Date.now();
		await call('GET', '/__sandbox/health');
		expect(Date.now() - started).toBeLessThan(100);
		sandbox.faults.latencyMs = 0;

		sandbox.faults.failNext(1, { kind: 'slow', delayMs: 150 });
		started = Date.now();
		const slow = await disturbances();
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(slow.status).toBe(200);
		expect(slow.body).toHaveLength(10);
	});

	it('gives 401, 500, 502 and 503 in KPN bodies, matching method and path', async () => {
		sandbox.faults.failNext(1, { status: 500 }, { method: 'post' });
		sandbox.faults.failNext(1, { status: 502 }, { pathIncludes: '/failures' });
		sandbox.faults.failNext(1, { status: 401 });
		const bad = await disturbances();
		expect(bad.status).toBe(502);
		expect(bad.body.fault.faultstring).toBeTruthy();
		const unauthorized = await disturbances();
		expect(unauthorized.status).toBe(401);
		expect(unauthorized.body.fault.detail.errorcode).toBe('keymanagement.service.invalid_access_token');
		const serverError = await call('POST', SMS, { token: kpn, body: sms([{ content: 'x', mobile_number: '0612345678' }]) });
		expect(serverError.status).toBe(500);
		expect(serverError.body.errorResponse.code).toBe('500');
		expect((await disturbances()).status).toBe(200);
	});

	it('fails a call in the middle of a run (match.skip) and can send Retry-After with a 5xx', async () => {
		sandbox.faults.failNext(1, { status: 503, retryAfterSeconds: 2 }, { pathIncludes: '/failures', skip: 2 });
		expect((await disturbances()).status).toBe(200);
		expect((await disturbances()).status).toBe(200);
		const third = await disturbances();
		expect(third.status).toBe(503);
		expect(third.headers.get('retry-after')).toBe('2');
		expect((await disturbances()).status).toBe(200);
		expect(() => sandbox.faults.failNext(1, { status: 500 }, { skip: -1 })).toThrow('match.skip');
	});

	it('is reachable over HTTP for other processes', async () => {
		const added = await call('POST', '/__sandbox/faults', { body: { count: 1, fault: { status: 503 }, match: { method: 'GET' } } });
		expect(added.status).toBe(200);
		expect(added.body.pending).toEqual([{ remaining: 1, fault: { status: 503 }, match: { method: 'GET' } }]);
		expect((await call('POST', '/__sandbox/faults', { body: { count: 1, fault: { status: 418 } } })).status).toBe(400);
		expect((await disturbances()).status).toBe(503);

		await call('POST', '/__sandbox/faults', { body: { count: 5, fault: { status: 500 } } });
		expect((await call('DELETE', '/__sandbox/faults')).status).toBe(200);
		expect((await disturbances()).status).toBe(200);

		expect((await call('POST', '/__sandbox/latency', { body: { ms: 100 } })).body).toEqual({ latencyMs: 100 });
		expect(sandbox.faults.latencyMs).toBe(100);
	});
});

describe('Disturbance Detector', () => {
	it('filters the fixture by state and reports seed-shaped items', async () => {
		const kpn = await token();
		const get = (state?: string) => call('GET', `${DISTURBANCES}${state === undefined ? '' : `?state=${state}`}`, { token: kpn });
		const open = await get('open');
		expect(open.body).toHaveLength(10);
		expect(open.body[0]).toEqual(
			expect.objectContaining({ id: 1201, state: 'open', type: expect.any(String), region: expect.any(String), end_date: null }),
		);
		expect((await get('closed')).body).toHaveLength(10);
		expect((await get('all')).body).toHaveLength(25);
		expect((await get('open,planned')).body).toHaveLength(15);
		expect((await get()).status).toBe(400);
		expect((await get('sideways')).body.errorResponse.message).toMatch(/sideways/);
	});

	it('lets tests add and change disturbances through the admin API', async () => {
		const kpn = await token();
		const changed = await call('POST', '/__sandbox/disturbances', {
			body: { items: [{ id: 1201, state: 'closed', end_date: '2025-06-02T09:00:00Z' }, { region: 'Zwolle', state: 'open' }] },
		});
		expect(changed.status).toBe(200);
		const open = (await call('GET', `${DISTURBANCES}?state=open`, { token: kpn })).body as Array<{ id: number; region: string }>;
		expect(open.map((item) => item.id)).not.toContain(1201);
		expect(open.find((item) => item.id === 1226)?.region).toBe('Zwolle');
		sandbox.reset();
		expect((await call('GET', `${DISTURBANCES}?state=all`, { token: kpn })).body).toHaveLength(25);
	});
});

describe('Incident', () => {
	let kpn: string;
	beforeEach(async () => {
		kpn = await token();
	});
	const create = (body: unknown) => call('POST', `${INCIDENT}/NewIncident`, { token: kpn, body });
	const update = (body: unknown) => call('PATCH', `${INCIDENT}/UpdateIncident`, { token: kpn, body });
	const active = async () => ((await call('GET', `${INCIDENT}/GetActiveIncidents`, { token: kpn })).body.result as Array<{ ticket_number: string; state: string }>);
	const incident = { reference_number: 'ABC1234', short_description: 'Line down', description: 'No sync', ci: 'ESB BIZTALK KPN' };

	it('runs the lifecycle create → comment → close → reopen', async () => {
		expect((await create({ ...incident, ci: '' })).body.errorResponse.message).toMatch(/ci is required/);
		const created = await create({ ...incident, attachments: [{ name: 'test.txt', content: Buffer.from('hello').toString('base64') }] });
		expect(created.status).toBe(200);
		expect(created.body.result).toEqual(
			expect.objectContaining({ state: 'inserted', ticket_number: 'INC0010001', reference_number: 'ABC1234', note: 'INC0010001 Incident is created successfully.' }),
		);
		expect((await create({ ...incident, reference_number: 'ABC1235' })).body.result.ticket_number).toBe('INC0010002');
		expect((await active()).map((item) => item.ticket_number)).toEqual(['INC0010001', 'INC0010002']);

		const commented = await update({ action: 'Comment', comment: 'Still down', ticket_number: 'INC0010001', reference_number: 'ABC1234' });
		expect(commented.body.result.state).toBe('updated');
		const details = await call('GET', `${INCIDENT}/GetIncident/INC0010001`, { token: kpn });
		expect(details.body.result).toEqual(expect.objectContaining({ ticket_number: 'INC0010001', state: 'New', ci: 'ESB BIZTALK KPN' }));
		expect(details.body.result.comments.map((entry: { comment: string }) => entry.comment)).toEqual(['Still down']);
		expect(details.body.result.attachments).toEqual([{ name: 'test.txt', size_bytes: 5 }]);

		expect((await update({ action: 'Reopen', ticket_number: 'INC0010001' })).status).toBe(400);
		expect((await update({ action: 'Close', ticket_number: 'INC0010001', comment: 'Fixed' })).status).toBe(200);
		expect((await active()).map((item) => item.ticket_number)).toEqual(['INC0010002']);
		expect((await update({ action: 'Comment', comment: 'late', ticket_number: 'INC0010001' })).status).toBe(400);
		expect((await update({ action: 'Close', ticket_number: 'INC0010001' })).status).toBe(400);

		expect((await update({ action: 'Reopen', ticket_number: 'INC0010001', comment: 'Broken again' })).status).toBe(200);
		expect((await active()).find((item) => item.ticket_number === 'INC0010001')?.state).toBe('In Progress');
		const reopened = await call('GET', `${INCIDENT}/GetIncident/INC0010001`, { token: kpn });
		expect(reopened.body.result.comments).toHaveLength(3);
	});

	it('validates updates and unknown tickets', async () => {
		await create(incident);
		expect((await update({ action: 'Delete', ticket_number: 'INC0010001' })).body.errorResponse.message).toMatch(/Invalid action/);
		expect((await update({ action: 'Comment', ticket_number: 'INC0010001' })).status).toBe(400);
		expect((await update({ action: 'Comment', comment: 'x', ticket_number: 'INC0010001', reference_number: 'OTHER' })).status).toBe(400);
		expect((await update({ action: 'Comment', comment: 'x', ticket_number: 'INC9999999' })).status).toBe(404);
		expect((await call('GET', `${INCIDENT}/GetIncident/INC9999999`, { token: kpn })).status).toBe(404);
		expect((await create({ ...incident, attachments: [{ name: 'a.txt', content: 'not base64!' }] })).body.errorResponse.message).toMatch(/Base64/);
	});

	it('accepts 9 MB of attachments without keeping the body in the log, refuses more than 10 MB with 413', async () => {
		const nineMb = Buffer.alloc(9 * 1024 * 1024, 1).toString('base64');
		const big = await create({ ...incident, attachments: [{ name: 'big.bin', content: nineMb }] });
		expect(big.status).toBe(200);
		const entry = sandbox.log.at(-1);
		expect(entry?.truncated).toBe(true);
		expect(entry?.bodyBytes).toBeGreaterThan(nineMb.length);
		expect(typeof entry?.body).toBe('string');
		expect(String(entry?.body).length).toBeLessThan(100);

		const tooBig = await create({
			...incident,
			attachments: [
				{ name: 'a.bin', content: nineMb },
				{ name: 'b.bin', content: Buffer.alloc(2 * 1024 * 1024, 2).toString('base64') },
			],
		});
		expect(tooBig.status).toBe(413);
		expect(tooBig.body.errorResponse.code).toBe('413');
	});
});

describe('Mobile Service Management', () => {
	let msm: string;
	beforeEach(async () => {
		msm = await token('msm');
	});
	const get = (path: string) => call('GET', `${MSM}${path}`, { token: msm });

	it.each([
		['from=0&to=0', 0],
		['from=0&to=1', 1],
		['', 20],
		['from=0&to=21', 21],
		['from=990&to=1010', 10],
	])('pages subscribers with %s → %i rows of 1000', async (query, rows) => {
		const page = await get(`/hierarchy/subscribers?${query}`);
		expect(page.status).toBe(200);
		expect(page.body.total).toBe(1000);
		expect(page.body.result).toHaveLength(rows);
	});

	it('is deterministic and validates paging parameters', async () => {
		const first = await get('/hierarchy/subscribers?from=0&to=2');
		const again = await get('/hierarchy/subscribers?from=0&to=2');
		expect(first.body).toEqual(again.body);
		expect(first.body.result[0]).toEqual(
			expect.objectContaining({ id: 1234567, firstName: expect.any(String), lastName: expect.any(String), path: expect.any(Array) }),
		);
		const window = await get('/hierarchy/subscribers?from=20&to=21');
		expect(window.body.result[0].id).toBe(1234567 + 20);
		expect((await get('/hierarchy/subscribers?from=5&to=2')).status).toBe(400);
		const bad = await get('/hierarchy/subscribers?from=abc');
		expect(bad.status).toBe(400);
		expect(bad.body).toEqual(expect.objectContaining({ status: '400', name: 'INVALID_PAGINATION' }));
	});

	it('gets and updates a subscriber, resetting omitted fields', async () => {
		const before = await get('/hierarchy/subscribers/1234570');
		expect(before.body).toEqual(expect.objectContaining({ id: 1234570, employeeNumber: 'EMP00004', gender: expect.any(String) }));
		const put = (body: unknown) => call('PUT', `${MSM}/hierarchy/subscribers/1234570`, { token: msm, body });
		expect((await put({ subscriber: { firstName: 'Joshua', surname: 'Martino' } })).body.message).toMatch(/gender/);
		expect((await put({ subscriber: { surname: 'Martino', gender: 'MALE' } })).status).toBe(400);
		const done = await put({ referenceNumber: '1234570', subscriber: { firstName: 'Joshua', surnamePrefix: 'di', surname: 'Martino', gender: 'MALE' } });
		expect(done.status).toBe(200);
		expect(done.body).toEqual(expect.objectContaining({ contextName: 'di Martino, Joshua', operation: 'changeUserData', status: 'Initialized' }));
		const after = await get('/hierarchy/subscribers/1234570');
		expect(after.body).toEqual(
			expect.objectContaining({ firstName: 'Joshua', surname: 'Martino', surnamePrefix: 'di', employeeNumber: '', email: null, preferredLanguage: null }),
		);
		expect((await get('/hierarchy/subscribers?from=3&to=4')).body.result[0].lastName).toBe('Martino');
		expect((await get('/hierarchy/subscribers/1')).status).toBe(404);
	});

	it('lists contracts, contract items and hierarchy children', async () => {
		const contracts = await get('/contract/all?from=0&to=50');
		expect(contracts.body.total).toBe(31);
		expect(contracts.body.result[0]).toEqual(expect.objectContaining({ id: 9876543, state: 'ACTIVE', product: expect.objectContaining({ en: expect.any(String) }) }));
		expect(contracts.body.result[0].subscriberId).toBeUndefined();
		const items = await get('/contract/id/9876543/items');
		expect(items.body).toEqual(expect.objectContaining({ contractId: 9876543, children: expect.any(Array) }));
		expect((await get('/contract/id/1/items')).status).toBe(404);

		const roots = await get('/hierarchy/children');
		expect(roots.body.result.map((item: { type: string }) => item.type)).toEqual(['DEBTOR', 'DEBTOR']);
		const underCostCenter = await get('/hierarchy/children?id=4567890&from=0&to=5');
		expect(underCostCenter.body.total).toBe(250);
		expect(underCostCenter.body.result[0].type).toBe('SUBSCRIBER');
	});

	it('runs a basket from contract to order', async () => {
		const init = await call('POST', `${MSM}/contracting/basket`, { token: msm, body: { contractId: 9876543 } });
		const sessionId = init.body.sessionId as string;
		expect(sessionId).toBeTruthy();
		const basket = await get(`/contracting/basket?sessionId=${sessionId}`);
		expect(basket.body.productTree[0].children.length).toBeGreaterThan(2);
		expect(basket.body.totalPrice.recurring.monthlyFeeInCents).toBe(2000);

		const products = await get(`/contracting/basket/main-products?sessionId=${sessionId}`);
		expect(products.body.total).toBeGreaterThan(0);
		expect(products.body.result[0]).toEqual(expect.objectContaining({ id: expect.any(String), priceInCents: expect.any(Number) }));

		const modify = (body: unknown) => call('POST', `${MSM}/contracting/basket?sessionId=${sessionId}`, { token: msm, body });
		expect((await modify({ productActions: [{ productId: 'nope', type: 'PUT' }] })).body.name).toBe('PRODUCT_NOT_FOUND');
		expect((await modify({ productActions: [{ productId: 'TreeNode_9876543_4', type: 'PUT', amount: 1 }] })).status).toBe(200);
		expect((await get(`/contracting/basket?sessionId=${sessionId}`)).body.totalPrice.recurring.monthlyFeeInCents).toBe(2500);

		const order = (body: unknown) => call('POST', `${MSM}/contracting/basket/order?sessionId=${sessionId}`, { token: msm, body });
		expect((await order({ referenceNumber: 'R1', wishDate: '2001-01-01T00:00:00Z' })).body.name).toBe('INVALID_WISH_DATE');
		const ordered = await order({ referenceNumber: 'R1', wishDate: new Date(Date.now() + 86_400_000).toISOString() });
		expect(ordered.status).toBe(200);
		expect(typeof ordered.body.orderId).toBe('number');
		expect((await get(`/contracting/basket?sessionId=${sessionId}`)).status).toBe(404);
	});

	it('needs a delivery address when the basket ships hardware', async () => {
		const init = await call('POST', `${MSM}/contracting/basket`, { token: msm, body: { accountGroupId: 1234567 } });
		const sessionId = init.body.sessionId as string;
		const put = await call('POST', `${MSM}/contracting/basket?sessionId=${sessionId}`, {
			token: msm,
			body: { productActions: [{ productId: '3098', type: 'PUT' }, { productId: '5001', type: 'PUT', amount: 2 }] },
		});
		expect(put.status).toBe(200);
		const basket = await get(`/contracting/basket?sessionId=${sessionId}`);
		expect(Object.keys(basket.body.characteristics)).toEqual(expect.arrayContaining(['firstName', 'porting']));
		const order = (body: unknown) => call('POST', `${MSM}/contracting/basket/order?sessionId=${sessionId}`, { token: msm, body });
		expect((await order({ referenceNumber: 'R2' })).body.name).toBe('ADDRESS_REQUIRED');
		const address = { street: 'Wilhelminakade', houseNumber: '123', postalCode: '3072AP', city: 'Rotterdam', companyName: 'Sandbox BV', country: 'NL' };
		expect((await order({ address: { ...address, postalCode: '12AB' } })).status).toBe(400);
		expect((await order({ address, referenceNumber: 'R2' })).status).toBe(200);
	});
});

describe('admin API', () => {
	it('reports health, serves and clears the log, and is not logged itself', async () => {
		const health = await call('GET', '/__sandbox/health');
		expect(health.body).toEqual(expect.objectContaining({ status: 'ok', url: sandbox.url }));
		const kpn = await token();
		await call('GET', `${DISTURBANCES}?state=open`, { token: kpn });
		const log = await call('GET', '/__sandbox/log');
		expect(log.body.map((entry: { path: string }) => entry.path)).toEqual([KPN_GRANT_PATH, '/network/kpn/disturbance-detector/failures']);
		expect(log.body[1]).toEqual(
			expect.objectContaining({ method: 'GET', query: { state: 'open' }, status: 200, at: expect.any(Number), bodyBytes: 0 }),
		);
		expect(log.body[1].headers.authorization).toBe('Bearer ***');
		expect(JSON.stringify(log.body)).not.toContain(kpn);
		expect((await call('DELETE', '/__sandbox/log')).body).toEqual({ cleared: 2 });
		expect(sandbox.log).toHaveLength(0);
		expect((await call('GET', '/__sandbox/nothing')).status).toBe(404);
	});

	it('resets stored state over HTTP', async () => {
		const kpn = await token();
		await call('POST', `${INCIDENT}/NewIncident`, { token: kpn, body: { reference_number: 'R', short_description: 'S', ci: 'C' } });
		await call('POST', '/__sandbox/latency', { body: { ms: 50 } });
		expect((await call('POST', '/__sandbox/reset')).body).toEqual({ reset: true });
		expect(sandbox.log).toHaveLength(0);
		expect(sandbox.faults.latencyMs).toBe(0);
		const activeIncidents = await call('GET', `${INCIDENT}/GetActiveIncidents`, { token: kpn });
		expect(activeIncidents.body.result).toEqual([]);
	});

	it('lets tests set the state of an incident, as KPN would', async () => {
		const kpn = await token();
		await call('POST', `${INCIDENT}/NewIncident`, { token: kpn, body: { reference_number: 'R', short_description: 'S', ci: 'C' } });
		const patched = await call('PATCH', '/__sandbox/incidents/INC0010001', { body: { state: 'Resolved', solution: 'Replaced modem' } });
		expect(patched.body).toEqual(expect.objectContaining({ state: 'Resolved', solution: 'Replaced modem' }));
		const reopen = await call('PATCH', `${INCIDENT}/UpdateIncident`, { token: kpn, body: { action: 'Reopen', ticket_number: 'INC0010001' } });
		expect(reopen.status).toBe(200);
	});
});
