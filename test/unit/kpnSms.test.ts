import nock from 'nock';

import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';
import { kpnCredentialStore, KPN_CLIENT_SECRET, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { everyText, mockKpnTokens } from '../harness/kpnNock';
import { runNode } from '../harness/runNode';

const SEND_PATH = '/communication/kpn/sms/send';
const node = new KpnSms();

interface SendBody {
	messages: Array<{ content: string; mobile_number: string }>;
	sender: string;
	webhook_url?: string;
	expirein?: string;
}

/** Accepts /send calls, records their bodies and answers doc-1, doc-2, … */
function mockSend(path = SEND_PATH) {
	const bodies: SendBody[] = [];
	const headers: Array<Record<string, string | string[]>> = [];
	const scope = nock(KPN_TEST_HOST)
		.post(path)
		.times(1000)
		.reply(function (_uri, body) {
			bodies.push(body as SendBody);
			headers.push(this.req.headers);
			return [200, { document_id: `doc-${bodies.length}`, status: 'OK' }, { 'quota-used': String(bodies.length) }];
		});
	return { bodies, headers, scope };
}

/** A catch-all that must stay unused: proves no request left the node. */
function forbidAnyRequest() {
	return nock(KPN_TEST_HOST).persist().post(/.*/).reply(500, {}).get(/.*/).reply(500, {});
}

const baseParameters = {
	resource: 'message',
	operation: 'send',
	sender: 'KPN',
	recipients: '={{ $json.to }}',
	message: '={{ $json.text }}',
};

const items = (count: number, to = '0612345678') =>
	Array.from({ length: count }, (_, i) => ({ to, text: `Hello ${i}` }));

async function send(inputItems: object[], parameters: Record<string, unknown> = {}, continueOnFail = false) {
	return await runNode({
		nodeType: node,
		parameters: { ...baseParameters, ...parameters } as never,
		items: inputItems as never,
		credentials: kpnCredentialStore(),
		continueOnFail,
	});
}

describe('KPN SMS: send', () => {
	test.each([
		[1, 1],
		[199, 1],
		[200, 1],
		[201, 2],
		[1000, 5],
	])('%i items go out in %i call(s) with one token', async (count, calls) => {
		const tokens = mockKpnTokens();
		const sent = mockSend();
		const result = await send(items(count));
		expect(result.error).toBeUndefined();
		expect(tokens.calls()).toBe(1);
		expect(sent.bodies).toHaveLength(calls);
		expect(sent.bodies.flatMap((body) => body.messages)).toHaveLength(count);
		expect(sent.bodies.every((body) => body.messages.length <= 200)).toBe(true);
		expect(result.items).toHaveLength(count);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.document_id).toBe(`doc-${Math.floor(index / 200) + 1}`);
			expect(item.json.status).toBe('OK');
			expect(item.json.recipients).toEqual(['+31612345678']);
		});
		expect(sent.bodies[0].messages[0]).toEqual({ content: 'Hello 0', mobile_number: '+31612345678' });
		expect(sent.bodies[0].sender).toBe('KPN');
	});

	test('multi-recipient items are counted as message×recipient pairs', async () => {
		mockKpnTokens();
		const sent = mockSend();
		const input = Array.from({ length: 10 }, (_, i) => ({
			to: Array.from({ length: 50 }, (_, n) => `06${String(10000000 + i * 100 + n)}`).join(', '),
			text: `Hi ${i}`,
		}));
		const result = await send(input);
		expect(result.error).toBeUndefined();
		expect(sent.bodies.map((body) => body.messages.length)).toEqual([4, 4, 2]);
		expect(result.items[0].json.recipients).toHaveLength(50);
		expect(sent.bodies[0].messages[0].mobile_number.split(',')).toHaveLength(50);
		expect(sent.bodies[0].messages[0].mobile_number.startsWith('+31610000000,+31610000001')).toBe(true);
	});

	test('options reach KPN: legacy path, webhook, expiry and SubAccount header', async () => {
		mockKpnTokens();
		const sent = mockSend('/messaging/sms-kpn/v1/send');
		const result = await send(items(2), {
			sender: 'Alerts',
			options: {
				apiPath: '/messaging/sms-kpn/v1',
				webhookUrl: 'https://example.com/hook',
				expireIn: 600,
				subAccount: 'team-a',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent.bodies).toEqual([
			{
				messages: [
					{ content: 'Hello 0', mobile_number: '+31612345678' },
					{ content: 'Hello 1', mobile_number: '+31612345678' },
				],
				sender: 'Alerts',
				webhook_url: 'https://example.com/hook',
				expirein: '600',
			},
		]);
		expect(sent.headers[0].subaccount).toBe('team-a');
		expect(result.items[0].json).toMatchObject({ sender: 'Alerts', smsParts: 1, batch: 1, itemsInBatch: 2, quota: { used: '1' } });
	});

	test('"Send Each Item Separately" makes one call per item', async () => {
		mockKpnTokens();
		const sent = mockSend();
		const result = await send(items(3), { options: { sendEachItemSeparately: true } });
		expect(result.error).toBeUndefined();
		expect(sent.bodies.map((body) => body.messages.length)).toEqual([1, 1, 1]);
		expect(result.items.map((item) => item.json.document_id)).toEqual(['doc-1', 'doc-2', 'doc-3']);
	});

	test.each([
		[{ text: '' }, {}, 'Item 0: Message is empty'],
		[{ text: 'x'.repeat(1001) }, {}, 'Item 0: Message has 1001 characters; KPN allows at most 1000'],
		[{}, { sender: 'TwelveChars!' }, 'Item 0: Sender "TwelveChars!" has 12 characters; KPN allows at most 11'],
		[{ to: '' }, {}, 'Item 0: Recipients is empty'],
		[{ to: '0601234567' }, {}, 'Item 0: Recipients: "0601234567" is in the 060 range, which KPN does not accept for SMS'],
		[{ to: '0671234567' }, {}, 'Item 0: Recipients: "0671234567" is in the 067 range'],
		[{ to: '0691234567' }, {}, 'Item 0: Recipients: "0691234567" is in the 069 range'],
		[{ to: '0612345678, 0201234567' }, {}, 'Item 0: Recipients: "0201234567" is a Dutch number but not a mobile number'],
		[{ to: 'call me' }, {}, 'Item 0: Recipients: "call me" needs a leading 0'],
		[{ to: '+12' }, {}, 'Item 0: Recipients: "+12" is not a valid phone number'],
		[{}, { options: { webhookUrl: 'not a url' } }, 'Item 0: Delivery Report Webhook URL "not a url" is not an http(s) URL'],
		[{}, { options: { expireIn: 1.5 } }, 'Item 0: Expire In must be a whole number of seconds'],
	])('bad input %j %j is refused before any request', async (itemOverrides, parameters, message) => {
		const any = forbidAnyRequest();
		const result = await send([{ to: '0612345678', text: 'ok', ...itemOverrides }], parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(any.isDone()).toBe(false);
		expect(nock.pendingMocks()).toHaveLength(2);
	});

	test('more than 200 recipients in one item is refused', async () => {
		const any = forbidAnyRequest();
		const to = Array.from({ length: 201 }, (_, n) => `06${String(20000000 + n)}`).join(',');
		const result = await send([{ to, text: 'hi' }]);
		expect(result.error?.message).toBe('Item 0: Recipients has more than 200 different numbers (201 given); one item may have at most 200');
		expect(any.isDone()).toBe(false);
	});

	test('duplicate numbers in one item are sent once', async () => {
		mockKpnTokens();
		const sent = mockSend();
		const result = await send([{ to: '0612345678, +31612345678, 0031612345678', text: 'hi' }]);
		expect(result.items[0].json.recipients).toEqual(['+31612345678']);
		expect(sent.bodies[0].messages[0].mobile_number).toBe('+31612345678');
	});

	test.each([
		[400, { errorResponse: { code: '400', message: 'Sender is not allowed', info: 'Use max. 11 characters' } }, 'KPN: Sender is not allowed — Use max. 11 characters'],
		[403, { errorResponse: { code: '403', message: 'Developer app is not subscribed to SMS' } }, 'KPN: Developer app is not subscribed to SMS'],
		[500, { errorResponse: { code: '500', message: 'internal server error' } }, 'KPN: internal server error'],
		[401, { fault: { faultstring: 'Invalid Access Token', detail: { errorcode: 'keymanagement.service.invalid_access_token' } } }, 'KPN: Invalid Access Token (keymanagement.service.invalid_access_token)'],
	])('HTTP %i is a clear error and the SMS is not re-sent', async (status, body, message) => {
		const tokens = mockKpnTokens();
		const api = nock(KPN_TEST_HOST).post(SEND_PATH).times(status === 401 ? 2 : 1).reply(status, body);
		const again = nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, { document_id: 'dup', status: 'OK' });
		const result = await send(items(3));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.description).toContain(
			status < 500
				? 'KPN refused call 1 of 1 (items 0–2), so it was not sent. Nothing was sent.'
				: 'Call 1 of 1 (items 0–2) was not retried: KPN did not confirm it, so it may have been sent. Check the delivery reports before sending these items again. No other item was sent.',
		);
		expect(api.isDone()).toBe(true);
		expect(again.isDone()).toBe(false);
		expect(tokens.calls()).toBe(status === 401 ? 2 : 1);
	});

	test('429 with Retry-After waits and then sends once', async () => {
		mockKpnTokens();
		const throttled = nock(KPN_TEST_HOST)
			.post(SEND_PATH)
			.reply(429, { errorResponse: { code: '429', message: 'Too many requests' } }, { 'Retry-After': '1' });
		const sent = mockSend();
		const started = Date.now();
		const result = await send(items(2));
		expect(result.error).toBeUndefined();
		expect(throttled.isDone()).toBe(true);
		expect(sent.bodies).toHaveLength(1);
		expect(result.items.map((item) => item.json.document_id)).toEqual(['doc-1', 'doc-1']);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('a failed later call says which items were already sent', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, { document_id: 'first', status: 'OK' });
		nock(KPN_TEST_HOST).post(SEND_PATH).reply(502, { fault: { faultstring: 'Bad Gateway' } });
		const result = await send(items(250));
		expect(result.error?.message).toBe('KPN: Bad Gateway');
		expect(result.error?.description).toContain('Call 2 of 2 (items 200–249) was not retried: KPN did not confirm it, so it may have been sent.');
		expect(result.error?.description).toContain('Earlier items WERE sent (items 0–199: document first); do not send them again.');
	});

	test('Continue On Fail: bad items become error items, the rest is sent', async () => {
		mockKpnTokens();
		const sent = mockSend();
		const result = await send(
			[
				{ to: '0612345678', text: 'a' },
				{ to: '0691234567', text: 'b' },
				{ to: '0612345679', text: '' },
				{ to: '0612345670', text: 'd' },
			],
			{},
			true,
		);
		expect(result.error).toBeUndefined();
		expect(sent.bodies).toHaveLength(1);
		expect(sent.bodies[0].messages.map((m) => m.content)).toEqual(['a', 'd']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.document_id).toBe('doc-1');
		expect(result.items[1].json.error).toContain('Item 1: Recipients: "0691234567" is in the 069 range');
		expect(result.items[2].json.error).toBe('Item 2: Message is empty');
		expect(result.items[3].json.document_id).toBe('doc-1');
	});

	test('Continue On Fail: a failed call turns its items into errors, other calls still go out', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).post(SEND_PATH).reply(500, { errorResponse: { code: '500', message: 'internal server error' } });
		nock(KPN_TEST_HOST).post(SEND_PATH).reply(200, { document_id: 'second', status: 'OK' });
		const result = await send(items(250), {}, true);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(result.items[0].json).toEqual({
			error: 'KPN: internal server error',
			description:
				'POST /communication/kpn/sms/send failed (HTTP 500, KPN code 500). Call 1 of 2 (items 0–199) was not retried: KPN did not confirm it, so it may have been sent. Check the delivery reports before sending these items again.',
		});
		expect(result.items[199].json.error).toBe('KPN: internal server error');
		expect(result.items[200].json.document_id).toBe('second');
		expect(result.items[249].pairedItem).toEqual({ item: 249 });
	});

	test('no secret or token appears in outputs or errors', async () => {
		mockKpnTokens();
		mockSend();
		const ok = await send(items(3));
		nock.cleanAll();
		mockKpnTokens();
		nock(KPN_TEST_HOST).post(SEND_PATH).times(2).reply(401, { fault: { faultstring: 'Invalid Access Token' } });
		const failed = await send(items(3));
		nock.cleanAll();
		nock(KPN_TEST_HOST).post('/oauth/client_credential/accesstoken').query(true).reply(401, { Error: `bad ${KPN_CLIENT_SECRET}` });
		const tokenFailed = await send(items(1), {}, true);
		for (const run of [ok, failed, tokenFailed]) {
			const text = everyText({ items: run.items, error: run.error, run: run.run.data.resultData });
			expect(text).not.toContain(KPN_CLIENT_SECRET);
			expect(text).not.toMatch(/tok-\d/);
		}
		expect(tokenFailed.items[0].json.error).toContain('KPN refused the Client ID / Client Secret');
	});
});
