import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	DEFAULT_DELIVERY_REPORT_SETTINGS,
	SANDBOX_CLIENT_ID,
	SANDBOX_CLIENT_SECRET,
	startSandbox,
	type DeliveryReport,
	type Sandbox,
} from '../sandbox/server';

// SMS delivery reports: the sandbox posts them to the /send's webhook_url; a small receiver here records them.

interface Received {
	path: string;
	body: unknown;
	at: number;
}

let sandbox: Sandbox;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** HTTP status the receiver answers to its n-th request (0-based); 200 unless a test changes it. */
let answer: (index: number) => number = () => 200;

async function json(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

let accessToken = '';
async function sendSms(body: Record<string, unknown>): Promise<string> {
	if (accessToken === '') {
		const response = await fetch(`${sandbox.url}/oauth/client_credential/accesstoken?grant_type=client_credentials`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET }).toString(),
		});
		accessToken = ((await response.json()) as { access_token: string }).access_token;
	}
	const response = await fetch(`${sandbox.url}/communication/kpn/sms/send`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
		body: JSON.stringify(body),
	});
	const reply = (await response.json()) as { document_id: string };
	expect(response.status).toBe(200);
	return reply.document_id;
}

const reports = (): DeliveryReport[] => received.flatMap((entry) => (Array.isArray(entry.body) ? entry.body : [entry.body]) as DeliveryReport[]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const index = received.length;
			received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: Date.now() });
			res.writeHead(answer(index)).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await sandbox.close();
	await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
	sandbox.reset();
	received.length = 0;
	answer = () => 200;
});

test('one report per recipient after delayMs: document_id, trimmed number, status 1, epoch StatusDateTime, error_code null', async () => {
	const before = Math.floor(Date.now() / 1000);
	const sentAt = Date.now();
	const documentId = await sendSms({
		sender: 'KPN',
		webhook_url: `${receiverUrl}/dlr?customer=42`,
		messages: [
			{ content: 'Hello', mobile_number: '0612345678, +31612345679' },
			{ content: 'Bye', mobile_number: '0031612345670' },
		],
	});
	expect(sandbox.deliveryReports.isIdle()).toBe(false);
	await sandbox.deliveryReports.idle();
	const after = Math.ceil(Date.now() / 1000);
	expect(received).toHaveLength(3);
	expect(received.every((entry) => entry.path === '/dlr?customer=42')).toBe(true);
	// Default delayMs 200: nothing arrives right after /send.
	expect(Math.min(...received.map((entry) => entry.at)) - sentAt).toBeGreaterThanOrEqual(150);
	const byNumber = [...reports()].sort((a, b) => a.mobile_number.localeCompare(b.mobile_number));
	expect(byNumber.map((report) => report.mobile_number)).toEqual(['+31612345679', '0031612345670', '0612345678']);
	for (const report of byNumber) {
		expect(Object.keys(report).sort()).toEqual(['StatusDateTime', 'document_id', 'error_code', 'mobile_number', 'status']);
		expect(report).toMatchObject({ document_id: documentId, status: 1, error_code: null });
		expect(Number.isInteger(report.StatusDateTime)).toBe(true);
		expect(report.StatusDateTime).toBeGreaterThanOrEqual(before);
		expect(report.StatusDateTime).toBeLessThanOrEqual(after);
	}
	const attempts = sandbox.deliveryReports.attempts;
	expect(attempts).toHaveLength(3);
	expect(attempts.every((attempt) => attempt.url === `${receiverUrl}/dlr?customer=42` && attempt.attempt === 1 && attempt.status === 200 && attempt.reports === 1)).toBe(true);
	expect(sandbox.deliveryReports.counters()).toMatchObject({ reports: 3, posts: 3, attempts: 3, delivered: 3, retries: 0, givenUp: 0, refused: 0 });
});

test('statuses and error codes are handed out round-robin in acceptance order', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0, statuses: [1, 1, 1, 4], errorCodes: ['002', '024'], concurrency: 1 });
	const numbers = Array.from({ length: 8 }, (_, i) => `061234567${i}`);
	await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: numbers.join(',') }] });
	await sandbox.deliveryReports.idle();
	expect(reports().map((report) => [report.mobile_number, report.status, report.error_code])).toEqual([
		['0612345670', 1, null],
		['0612345671', 1, null],
		['0612345672', 1, null],
		['0612345673', 4, '002'],
		['0612345674', 1, null],
		['0612345675', 1, null],
		['0612345676', 1, null],
		['0612345677', 4, '024'],
	]);
	// The round-robin carries on over the next /send; statuses 5 and 6 carry error codes too, 2 and 3 do not.
	received.length = 0;
	sandbox.deliveryReports.configure({ statuses: [2, 5, 6, 3] });
	await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: numbers.slice(0, 4).join(',') }] });
	await sandbox.deliveryReports.idle();
	expect(reports().map((report) => [report.status, report.error_code])).toEqual([
		[2, null],
		[5, '002'],
		[6, '024'],
		[3, null],
	]);
});

test('intermediate: each recipient gets Accepted (3) first, then the final report', async () => {
	sandbox.deliveryReports.configure({ delayMs: 20, intermediate: true, statuses: [1, 6], errorCodes: ['024'] });
	const documentId = await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678,0612345679' }] });
	await sandbox.deliveryReports.idle();
	expect(received).toHaveLength(4);
	for (const number of ['0612345678', '0612345679']) {
		const mine = reports().filter((report) => report.mobile_number === number);
		expect(mine.map((report) => report.status)).toEqual([3, number === '0612345678' ? 1 : 6]);
		expect(mine[0]).toMatchObject({ document_id: documentId, error_code: null });
		expect(mine[1].error_code).toBe(number === '0612345678' ? null : '024');
	}
	expect(sandbox.deliveryReports.counters().reports).toBe(4);
});

test('batchSize > 1 posts JSON arrays of up to batchSize reports, in acceptance order', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0, batchSize: 3, concurrency: 1 });
	const numbers = Array.from({ length: 7 }, (_, i) => `061234567${i}`);
	await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'a', mobile_number: numbers.slice(0, 4).join(',') }, { content: 'b', mobile_number: numbers.slice(4).join(',') }] });
	await sandbox.deliveryReports.idle();
	expect(received.every((entry) => Array.isArray(entry.body))).toBe(true);
	expect(received.map((entry) => (entry.body as DeliveryReport[]).map((report) => report.mobile_number))).toEqual([
		numbers.slice(0, 3),
		numbers.slice(3, 6),
		numbers.slice(6),
	]);
	expect(sandbox.deliveryReports.attempts.map((attempt) => attempt.reports)).toEqual([3, 3, 1]);
});

test('duplicates: every POST is sent that many extra times', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0, duplicates: 2 });
	await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678,0612345679' }] });
	await sandbox.deliveryReports.idle();
	expect(received).toHaveLength(6);
	const bodies = received.map((entry) => JSON.stringify(entry.body));
	expect(new Set(bodies).size).toBe(2);
	for (const body of new Set(bodies)) expect(bodies.filter((other) => other === body)).toHaveLength(3);
	expect(sandbox.deliveryReports.counters()).toMatchObject({ reports: 2, posts: 6, delivered: 6 });
	expect(new Set(sandbox.deliveryReports.attempts.map((attempt) => attempt.post)).size).toBe(6);
});

test('500 twice then 200: exactly 3 attempts, about 60 ms and 120 ms apart (compressed KPN schedule)', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0 });
	answer = (index) => (index < 2 ? 500 : 200);
	await sendSms({ webhook_url: `${receiverUrl}/dlr`, messages: [{ content: 'x', mobile_number: '0612345678' }] });
	await sandbox.deliveryReports.idle();
	const attempts = sandbox.deliveryReports.attempts;
	expect(attempts.map((attempt) => [attempt.post, attempt.attempt, attempt.status])).toEqual([
		[1, 1, 500],
		[1, 2, 500],
		[1, 3, 200],
	]);
	expect(received).toHaveLength(3);
	expect(new Set(received.map((entry) => JSON.stringify(entry.body))).size).toBe(1);
	const firstGap = attempts[1].at - attempts[0].at;
	const secondGap = attempts[2].at - attempts[1].at;
	expect(firstGap).toBeGreaterThanOrEqual(55);
	expect(secondGap).toBeGreaterThanOrEqual(110);
	expect(secondGap).toBeGreaterThan(firstGap);
	expect(sandbox.deliveryReports.counters()).toMatchObject({ posts: 1, attempts: 3, retries: 2, delivered: 1, givenUp: 0 });
});

test('a receiver that always answers 500 gets exactly 4 attempts, then the report is given up', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0 });
	answer = () => 500;
	await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678' }] });
	await sandbox.deliveryReports.idle();
	expect(received).toHaveLength(4);
	expect(sandbox.deliveryReports.attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3, 4]);
	expect(sandbox.deliveryReports.attempts.every((attempt) => attempt.status === 500)).toBe(true);
	expect(sandbox.deliveryReports.counters()).toMatchObject({ attempts: 4, retries: 3, delivered: 0, givenUp: 1 });
	await sleep(300);
	expect(received).toHaveLength(4);
});

test('a connection error counts as a failed attempt (status 0) and is retried', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0 });
	const closed = createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	const port = (closed.address() as AddressInfo).port;
	await new Promise((resolve) => closed.close(resolve));
	await sendSms({ webhook_url: `http://127.0.0.1:${port}/gone`, messages: [{ content: 'x', mobile_number: '0612345678' }] });
	await sandbox.deliveryReports.idle();
	const attempts = sandbox.deliveryReports.attempts;
	expect(attempts).toHaveLength(4);
	expect(attempts.every((attempt) => attempt.status === 0 && /ECONNREFUSED/.test(attempt.error ?? ''))).toBe(true);
	expect(sandbox.deliveryReports.counters().givenUp).toBe(1);
});

test('a URL that is not http on a loopback host is never contacted and is logged refused', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0 });
	const port = (receiver.address() as AddressInfo).port;
	// [::ffff:127.0.0.1] would reach the receiver if the sandbox posted to it.
	for (const url of [`http://[::ffff:127.0.0.1]:${port}/dlr`, 'http://example.invalid/dlr', `https://127.0.0.1:${port}/dlr`]) {
		await sendSms({ webhook_url: url, messages: [{ content: 'x', mobile_number: '0612345678' }] });
	}
	await sandbox.deliveryReports.idle();
	await sleep(50);
	expect(received).toHaveLength(0);
	const attempts = sandbox.deliveryReports.attempts;
	expect(attempts).toHaveLength(3);
	expect(attempts.every((attempt) => attempt.attempt === 1 && attempt.status === 0 && attempt.error?.startsWith('refused'))).toBe(true);
	expect(attempts[0].url).toBe(`http://[::ffff:127.0.0.1]:${port}/dlr`);
	expect(sandbox.deliveryReports.counters()).toMatchObject({ posts: 3, refused: 3, attempts: 3, givenUp: 0 });
});

test('/send without webhook_url posts nothing', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0 });
	await sendSms({ messages: [{ content: 'x', mobile_number: '0612345678' }] });
	expect(sandbox.deliveryReports.isIdle()).toBe(true);
	await sleep(100);
	expect(received).toHaveLength(0);
	expect(sandbox.deliveryReports.attempts).toHaveLength(0);
	expect(sandbox.smsDeliveries()).toHaveLength(1);
});

test('a /send carried out under an appliedThen fault still gets its reports', async () => {
	sandbox.deliveryReports.configure({ delayMs: 0 });
	sandbox.faults.failNext(1, { kind: 'appliedThen', status: 502 }, { pathIncludes: '/send' });
	const token = await fetch(`${sandbox.url}/oauth/client_credential/accesstoken?grant_type=client_credentials`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET }).toString(),
	}).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
	const response = await fetch(`${sandbox.url}/communication/kpn/sms/send`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
		body: JSON.stringify({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678' }] }),
	});
	expect(response.status).toBe(502);
	await sandbox.deliveryReports.idle();
	expect(reports()).toEqual([expect.objectContaining({ document_id: sandbox.smsDeliveries()[0].documentId, mobile_number: '0612345678', status: 1 })]);
});

test('reset() cancels scheduled reports and pending retries, clears the log and restores the defaults', async () => {
	sandbox.deliveryReports.configure({ delayMs: 150, statuses: [4] });
	await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678' }] });
	expect(sandbox.deliveryReports.isIdle()).toBe(false);
	sandbox.reset();
	await sandbox.deliveryReports.idle();
	expect(sandbox.deliveryReports.settings()).toEqual(DEFAULT_DELIVERY_REPORT_SETTINGS);
	await sleep(250);
	expect(received).toHaveLength(0);
	expect(sandbox.deliveryReports.attempts).toHaveLength(0);

	// A retry waiting on the schedule (60 s × 0.1 = 6 s) is cancelled too.
	sandbox.deliveryReports.configure({ delayMs: 0, retryScale: 0.1 });
	answer = () => 503;
	await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678' }] });
	while (sandbox.deliveryReports.attempts.length === 0) await sleep(10);
	expect(sandbox.deliveryReports.isIdle()).toBe(false);
	const started = Date.now();
	sandbox.reset();
	await sandbox.deliveryReports.idle();
	expect(Date.now() - started).toBeLessThan(1000);
	expect(received).toHaveLength(1);
	expect(sandbox.deliveryReports.counters()).toMatchObject({ attempts: 0, givenUp: 0 });
});

describe('admin routes', () => {
	test('GET /__sandbox/sms-dlr shows settings, counters and attempts; POST changes settings', async () => {
		const initial = await json('GET', '/__sandbox/sms-dlr');
		expect(initial.status).toBe(200);
		expect(initial.body).toMatchObject({ settings: DEFAULT_DELIVERY_REPORT_SETTINGS, idle: true, attempts: [] });
		expect(initial.body.settings).toMatchObject({ delayMs: 200, statuses: [1], errorCodes: ['006'], intermediate: false, batchSize: 1, duplicates: 0, retryScale: 0.001 });

		const changed = await json('POST', '/__sandbox/sms-dlr', { delayMs: 0, statuses: [1, 4], errorCodes: ['002'] });
		expect(changed.status).toBe(200);
		expect(changed.body.settings).toMatchObject({ delayMs: 0, statuses: [1, 4], errorCodes: ['002'], batchSize: 1 });
		await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678,0612345679' }] });
		await sandbox.deliveryReports.idle();
		const state = await json('GET', '/__sandbox/sms-dlr');
		expect(state.body.attempts).toHaveLength(2);
		expect(state.body.counters).toMatchObject({ delivered: 2 });
		expect(reports().map((report) => report.error_code).sort()).toEqual(['002', null]);
	});

	test.each([
		[{ statuses: [7] }, /statuses/],
		[{ statuses: [] }, /statuses/],
		[{ errorCodes: ['31'] }, /errorCodes/],
		[{ errorCodes: ['031'] }, /errorCodes/],
		[{ batchSize: 0 }, /batchSize/],
		[{ delayMs: -1 }, /delayMs/],
		[{ duplicates: 1.5 }, /duplicates/],
		[{ retryScale: 'fast' }, /retryScale/],
		[{ intermediate: 'yes' }, /intermediate/],
		[{ failFirst: 1 }, /unknown setting failFirst/],
		[[1, 2], /object of settings/],
	])('POST /__sandbox/sms-dlr %j → 400', async (body, reason) => {
		const reply = await json('POST', '/__sandbox/sms-dlr', body);
		expect(reply.status).toBe(400);
		expect(reply.body.error).toMatch(reason);
		expect(sandbox.deliveryReports.settings()).toEqual(DEFAULT_DELIVERY_REPORT_SETTINGS);
	});

	test('POST /__sandbox/sms-dlr/send {url, count} posts count distinct generated reports', async () => {
		await json('POST', '/__sandbox/sms-dlr', { batchSize: 10 });
		const reply = await json('POST', '/__sandbox/sms-dlr/send', { url: `${receiverUrl}/flood`, count: 250, documentId: 'flood-1', status: 5 });
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({ reports: 250, documentId: 'flood-1', posts: 25 });
		await sandbox.deliveryReports.idle();
		expect(received).toHaveLength(25);
		const all = reports();
		expect(all).toHaveLength(250);
		expect(new Set(all.map((report) => report.mobile_number)).size).toBe(250);
		expect(all.every((report) => report.document_id === 'flood-1' && report.status === 5 && report.error_code === '006')).toBe(true);
	});

	test('POST /__sandbox/sms-dlr/send {url, reports} posts the given bodies as they are, with retries', async () => {
		answer = (index) => (index === 0 ? 500 : 200);
		const odd = { document_id: 'x', mobile_number: 12, status: 'weird' };
		const reply = await json('POST', '/__sandbox/sms-dlr/send', { url: receiverUrl, reports: [odd] });
		expect(reply.body).toEqual({ reports: 1, posts: 1 });
		await sandbox.deliveryReports.idle();
		expect(received.map((entry) => entry.body)).toEqual([odd, odd]);
		expect(sandbox.deliveryReports.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
	});

	test.each([
		[{ reports: [{}] }, /url is required/],
		[{ url: 'http://127.0.0.1:1/' }, /either reports or count/],
		[{ url: 'http://127.0.0.1:1/', reports: [{}], count: 1 }, /either reports or count/],
		[{ url: 'http://127.0.0.1:1/', reports: [] }, /non-empty/],
		[{ url: 'http://127.0.0.1:1/', count: 0 }, /count/],
		[{ url: 'http://127.0.0.1:1/', count: 1, status: 9 }, /status/],
		[{ url: 'http://127.0.0.1:1/', count: 1, documentId: 5 }, /documentId/],
	])('POST /__sandbox/sms-dlr/send %j → 400', async (body, reason) => {
		const reply = await json('POST', '/__sandbox/sms-dlr/send', body);
		expect(reply.status).toBe(400);
		expect(reply.body.error).toMatch(reason);
		expect(sandbox.deliveryReports.isIdle()).toBe(true);
	});

	test('GET /__sandbox/sms-dlr/idle waits for the reports, or answers {idle:false} after timeoutMs', async () => {
		expect((await json('GET', '/__sandbox/sms-dlr/idle')).body).toMatchObject({ idle: true });
		await json('POST', '/__sandbox/sms-dlr', { delayMs: 300 });
		await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678' }] });
		const early = await json('GET', '/__sandbox/sms-dlr/idle?timeoutMs=50');
		expect(early).toEqual({ status: 200, body: { idle: false, waitedMs: expect.any(Number) } });
		expect(received).toHaveLength(0);
		const later = await json('GET', '/__sandbox/sms-dlr/idle?timeoutMs=5000');
		expect(later.body.idle).toBe(true);
		expect(received).toHaveLength(1);
		expect((await json('GET', '/__sandbox/sms-dlr/idle?timeoutMs=soon')).status).toBe(400);
		expect((await json('POST', '/__sandbox/sms-dlr/idle')).status).toBe(405);
	});

	test('POST /__sandbox/reset cancels pending reports and restores the settings', async () => {
		await json('POST', '/__sandbox/sms-dlr', { delayMs: 150, batchSize: 5 });
		await sendSms({ webhook_url: receiverUrl, messages: [{ content: 'x', mobile_number: '0612345678' }] });
		expect((await json('POST', '/__sandbox/reset')).status).toBe(200);
		expect((await json('GET', '/__sandbox/sms-dlr')).body).toMatchObject({ settings: DEFAULT_DELIVERY_REPORT_SETTINGS, idle: true, attempts: [] });
		await sleep(250);
		expect(received).toHaveLength(0);
	});
});
