// The shared item runner under n8n's node setting Retry On Fail: n8n calls execute() again with all
// items in the same execution, and the write ledger makes sure no write is sent twice and none is
// lost. Reads are retried as usual. After a request times out, the remaining items fail at once.
import type { IncomingMessage } from 'node:http';

import nock from 'nock';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';
import { WriteLedger } from '../../nodes/shared/runner/writeLedger';
import { kpnCredentialStore, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { mockKpnTokens } from '../harness/kpnNock';
import { startLocalServer, type LocalServer } from '../harness/localServer';
import { runNode } from '../harness/runNode';

const SEND_PATH = '/communication/kpn/sms/send';
const INCIDENT = '/network/kpn/incident';
const RETRY = { maxTries: 3, waitBetweenTries: 0 };

const sms = new KpnSms();
const incident = new KpnIncident();

interface SmsBody {
	messages: Array<{ content: string; mobile_number: string }>;
}

/**
 * Wraps a node so each time n8n runs it (each try) is recorded: how many requests had been made
 * when the try started, and what the try returned.
 */
function countingTries(nodeType: INodeType, requestsSoFar: () => number) {
	const starts: number[] = [];
	const outputs: INodeExecutionData[][] = [];
	const wrapped = Object.create(nodeType) as INodeType;
	wrapped.execute = async function (this: IExecuteFunctions) {
		starts.push(requestsSoFar());
		const result = await nodeType.execute!.call(this);
		outputs.push((result as INodeExecutionData[][])[0] ?? []);
		return result;
	};
	return { nodeType: wrapped, starts, outputs };
}

/** /send: call N (1-based) answers 500 when N is in `failing`, else doc-N. Records every body. */
function mockSend(failing: number[] = []) {
	const bodies: SmsBody[] = [];
	nock(KPN_TEST_HOST)
		.post(SEND_PATH)
		.times(100)
		.reply((_uri, body) => {
			bodies.push(body as SmsBody);
			const call = bodies.length;
			if (failing.includes(call)) return [500, { errorResponse: { code: '500', message: 'internal server error' } }];
			return [200, { document_id: `doc-${call}`, status: 'OK' }];
		});
	return { bodies };
}

const smsParameters = {
	resource: 'message',
	operation: 'send',
	sender: 'KPN',
	recipients: '={{ $json.to }}',
	message: '={{ $json.text }}',
};
const smsItems = (count: number) => Array.from({ length: count }, (_, i) => ({ to: '0612345678', text: `Hello ${i}` }));
/** The item index a message text belongs to ("Hello 17" → 17). */
const itemOf = (content: string) => Number(content.replace('Hello ', ''));
const sentItems = (bodies: SmsBody[]) => bodies.flatMap((body) => body.messages.map((message) => itemOf(message.content)));

const createParameters = {
	resource: 'incident',
	operation: 'create',
	referenceNumber: '={{ $json.ref }}',
	shortDescription: '={{ $json.short }}',
	ci: { __rl: true, mode: 'name', value: 'ESB BIZTALK KPN' },
};
const createItems = (count: number) => Array.from({ length: count }, (_, i) => ({ ref: `REF-${i}`, short: `Line ${i} down` }));

/** /NewIncident: request N (1-based) answers `statuses[N]` when given, else creates INC000000N. */
function mockCreate(statuses: Record<number, number> = {}) {
	const references: string[] = [];
	nock(KPN_TEST_HOST)
		.post(`${INCIDENT}/NewIncident`)
		.times(100)
		.reply((_uri, body) => {
			const reference = String((body as { reference_number?: unknown }).reference_number);
			references.push(reference);
			const request = references.length;
			const status = statuses[request];
			if (status !== undefined) {
				return [status, { errorResponse: { code: String(status), message: `answered ${status}` } }, { 'Retry-After': '0' }];
			}
			const ticket = `INC000000${request}`;
			return [200, { result: { state: 'inserted', ticket_number: ticket, reference_number: reference } }];
		});
	return { references };
}

const ticketOf = (item: INodeExecutionData) => item.json.ticket_number;

describe('Item runner: writes under Retry On Fail are never sent twice and never lost', () => {
	test('SMS, 1000 items in 5 calls, call 3 answers 500: 5 calls in all; items 400–599 are reported, never sent again', async () => {
		const tokens = mockKpnTokens();
		const sent = mockSend([3]);
		const tries = countingTries(sms, () => sent.bodies.length);
		const result = await runNode({
			nodeType: tries.nodeType,
			parameters: smsParameters,
			items: smsItems(1000),
			credentials: kpnCredentialStore(),
			retryOnFail: RETRY,
		});

		// Try 1: calls 1, 2 and 3 (which fails). Try 2: the calls for items 600–999. Try 3: nothing.
		expect(tries.starts).toEqual([0, 3, 5]);
		expect(sent.bodies).toHaveLength(5);
		expect(sent.bodies.map((body) => body.messages.length)).toEqual([200, 200, 200, 200, 200]);
		expect(sent.bodies.map((body) => itemOf(body.messages[0].content))).toEqual([0, 200, 400, 600, 800]);
		expect(sentItems(sent.bodies.slice(3))).toEqual(Array.from({ length: 400 }, (_, i) => 600 + i));
		// Each of the 1000 messages reached KPN exactly once.
		expect(sentItems(sent.bodies).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
		expect(tokens.calls()).toBe(1);

		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('KPN: internal server error');
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.description).toContain(
			'Items 400–599 may have been sent in an earlier try of this node (Retry On Fail); KPN did not confirm it, so it was not sent again. Check the delivery reports before sending these items again.',
		);
		expect(result.error?.description).toContain(
			'Other items WERE sent (items 0–199: document doc-1, items 200–399: document doc-2, items 600–799: document doc-4, items 800–999: document doc-5); do not send them again.',
		);
		expect(result.error?.description).not.toMatch(/Nothing was sent|No other item was sent/);
	});

	test('SMS with Continue On Fail, call 3 answers 500: items 400–599 are error items, every other item is sent once with its document id', async () => {
		mockKpnTokens();
		const sent = mockSend([3]);
		const tries = countingTries(sms, () => sent.bodies.length);
		const result = await runNode({
			nodeType: tries.nodeType,
			parameters: smsParameters,
			items: smsItems(1000),
			credentials: kpnCredentialStore(),
			continueOnFail: true,
			retryOnFail: RETRY,
		});

		expect(result.error).toBeUndefined();
		// The first output item is not an error, so n8n does not run the node again.
		expect(tries.starts).toEqual([0]);
		expect(sent.bodies).toHaveLength(5);
		expect(sentItems(sent.bodies).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));

		expect(result.items).toHaveLength(1000);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index >= 400 && index < 600) {
				expect(item.json.error).toBe('KPN: internal server error');
				expect(item.json.document_id).toBeUndefined();
			} else {
				expect(item.json.error).toBeUndefined();
				expect(item.json.document_id).toBe(`doc-${Math.floor(index / 200) + 1}`);
			}
		});
		expect(result.items[400].json.description).toBe(
			'POST /communication/kpn/sms/send failed (HTTP 500, KPN code 500). Call 3 of 5 (items 400–599) was not retried: KPN did not confirm it, so it may have been sent. Check the delivery reports before sending these items again.',
		);
	});

	test('SMS with Continue On Fail, call 1 answers 500: n8n runs the node again, yet nothing is sent a second time', async () => {
		mockKpnTokens();
		const sent = mockSend([1]);
		const tries = countingTries(sms, () => sent.bodies.length);
		const result = await runNode({
			nodeType: tries.nodeType,
			parameters: smsParameters,
			items: smsItems(1000),
			credentials: kpnCredentialStore(),
			continueOnFail: true,
			retryOnFail: RETRY,
		});

		expect(result.error).toBeUndefined();
		// Item 0 is an error item, so n8n tries three times; only the first try sends.
		expect(tries.starts).toEqual([0, 5, 5]);
		expect(sent.bodies).toHaveLength(5);
		expect(sentItems(sent.bodies).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));

		// Every try returns the same items: the confirmed ones from the ledger, the unconfirmed ones as errors.
		for (const output of tries.outputs) {
			expect(output.map((item) => item.json.document_id ?? item.json.error)).toEqual(result.items.map((item) => item.json.document_id ?? item.json.error));
		}
		expect(result.items).toHaveLength(1000);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index < 200) expect(item.json.error).toBe('KPN: internal server error');
			else expect(item.json.document_id).toBe(`doc-${Math.floor(index / 200) + 1}`);
		});
		expect(result.items[0].json.description).toBe(
			'POST /communication/kpn/sms/send failed (HTTP 500, KPN code 500). Item 0 may have been sent in an earlier try of this node (Retry On Fail); KPN did not confirm it, so it was not sent again. Check the delivery reports before sending these items again.',
		);
		expect(result.items[199].json.description).toContain('Item 199 may have been sent in an earlier try of this node');
	});

	test('Incident create × 3, the 2nd answers 503: 3 requests in all; item 0 is created once, item 2 on the next try', async () => {
		mockKpnTokens();
		const api = mockCreate({ 2: 503 });
		const tries = countingTries(incident, () => api.references.length);
		const result = await runNode({
			nodeType: tries.nodeType,
			parameters: createParameters,
			items: createItems(3),
			credentials: kpnCredentialStore(),
			retryOnFail: RETRY,
		});

		expect(tries.starts).toEqual([0, 2, 3]);
		expect(api.references).toEqual(['REF-0', 'REF-1', 'REF-2']);
		expect(api.references.filter((reference) => reference === 'REF-0')).toHaveLength(1);
		expect(result.items).toEqual([]);
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.description).toContain(
			'Item 1 may have been created in an earlier try of this node (Retry On Fail); KPN did not confirm it, so it was not sent again. Check before sending it again.',
		);
		expect(result.error?.description).toContain('Other items WERE created (item 0: INC0000001, item 2: INC0000003); do not send them again.');
		// Every try ended with the error: none returned items.
		expect(tries.outputs).toEqual([]);
	});

	test('Continue On Fail: an item KPN refused (400) is not recorded as done, so the next try sends it; the created ones are not sent again', async () => {
		mockKpnTokens();
		const api = mockCreate({ 1: 400 });
		const tries = countingTries(incident, () => api.references.length);
		const result = await runNode({
			nodeType: tries.nodeType,
			parameters: createParameters,
			items: createItems(3),
			credentials: kpnCredentialStore(),
			continueOnFail: true,
			retryOnFail: RETRY,
		});

		expect(result.error).toBeUndefined();
		expect(tries.starts).toEqual([0, 3]);
		expect(api.references).toEqual(['REF-0', 'REF-1', 'REF-2', 'REF-0']);
		expect(tries.outputs[0][0].json).toEqual({
			error: 'KPN: answered 400',
			description: 'POST /network/kpn/incident/NewIncident failed (HTTP 400, KPN code 400). KPN refused item 0, so it was not created.',
		});
		expect(result.items.map(ticketOf)).toEqual(['INC0000004', 'INC0000002', 'INC0000003']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// Items 1 and 2 come back from the ledger exactly as the first try output them.
		expect(result.items.slice(1)).toEqual(tries.outputs[0].slice(1));
	});

	test('without Continue On Fail a refused write is not recorded either: the next try sends it', async () => {
		mockKpnTokens();
		const api = mockCreate({ 2: 400 });
		const result = await runNode({
			nodeType: incident,
			parameters: createParameters,
			items: createItems(2),
			credentials: kpnCredentialStore(),
			retryOnFail: RETRY,
		});
		expect(result.error).toBeUndefined();
		expect(api.references).toEqual(['REF-0', 'REF-1', 'REF-1']);
		expect(result.items.map(ticketOf)).toEqual(['INC0000001', 'INC0000003']);
	});
});

describe('Item runner: reads under Retry On Fail', () => {
	const getParameters = { resource: 'incident', operation: 'get', ticketNumber: '={{ $json.ticket }}' };
	const details = { ticket_number: 'INC1234', state: 'New' };

	test('a plain 500 on a read is tried again and the answer that follows is the output', async () => {
		mockKpnTokens();
		const calls: string[] = [];
		nock(KPN_TEST_HOST)
			.get(`${INCIDENT}/GetIncident/INC1234`)
			.reply(() => {
				calls.push('500');
				return [500, { errorResponse: { code: '500', message: 'internal server error' } }];
			})
			.get(`${INCIDENT}/GetIncident/INC1234`)
			.reply(() => {
				calls.push('200');
				return [200, { result: details }];
			});
		const result = await runNode({
			nodeType: incident,
			parameters: getParameters,
			items: [{ ticket: 'INC1234' }],
			credentials: kpnCredentialStore(),
			retryOnFail: RETRY,
		});
		expect(result.error).toBeUndefined();
		expect(calls).toEqual(['500', '200']);
		expect(result.items).toEqual([{ json: details, pairedItem: { item: 0 } }]);
	});

	test('a read that failed a whole try is sent again on the next try (no ledger for reads)', async () => {
		mockKpnTokens();
		let requests = 0;
		nock(KPN_TEST_HOST)
			.get(`${INCIDENT}/GetIncident/INC1234`)
			.times(3)
			.reply(() => {
				requests++;
				return [500, { errorResponse: { code: '500', message: 'internal server error' } }, { 'Retry-After': '0' }];
			})
			.get(`${INCIDENT}/GetIncident/INC1234`)
			.reply(() => {
				requests++;
				return [200, { result: details }];
			});
		const tries = countingTries(incident, () => requests);
		const result = await runNode({
			nodeType: tries.nodeType,
			parameters: getParameters,
			items: [{ ticket: 'INC1234' }],
			credentials: kpnCredentialStore(),
			retryOnFail: RETRY,
		});
		expect(result.error).toBeUndefined();
		// Try 1: the transport's 3 tries, all 500. Try 2: one request, answered.
		expect(tries.starts).toEqual([0, 3]);
		expect(requests).toBe(4);
		expect(result.items).toEqual([{ json: details, pairedItem: { item: 0 } }]);
	});
});

describe('Item runner: one ledger per node run of one execution', () => {
	test('two executions with the same input both create their incident', async () => {
		mockKpnTokens();
		const api = mockCreate();
		const first = await runNode({ nodeType: incident, parameters: createParameters, items: createItems(1), credentials: kpnCredentialStore(), retryOnFail: RETRY });
		const second = await runNode({ nodeType: incident, parameters: createParameters, items: createItems(1), credentials: kpnCredentialStore(), retryOnFail: RETRY });
		expect(api.references).toEqual(['REF-0', 'REF-0']);
		expect(first.items.map(ticketOf)).toEqual(['INC0000001']);
		expect(second.items.map(ticketOf)).toEqual(['INC0000002']);
	});

	test('an SMS left unconfirmed by one execution is sent by the next execution with the same input', async () => {
		mockKpnTokens();
		const sent = mockSend([1]);
		const failed = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(2), credentials: kpnCredentialStore(), retryOnFail: RETRY });
		expect(failed.error?.description).toContain('may have been sent');
		expect(sent.bodies).toHaveLength(1);
		const next = await runNode({ nodeType: sms, parameters: smsParameters, items: smsItems(2), credentials: kpnCredentialStore(), retryOnFail: RETRY });
		expect(next.error).toBeUndefined();
		expect(sent.bodies).toHaveLength(2);
		expect(sent.bodies[1]).toEqual(sent.bodies[0]);
		expect(next.items.map((item) => item.json.document_id)).toEqual(['doc-2', 'doc-2']);
	});

	test('WriteLedger.key: the same item and input give the same key; a changed input or another item is a new write', () => {
		const prepared = { itemIndex: 0, body: { reference_number: 'REF-0', short_description: 'Line down' } };
		const key = WriteLedger.key(0, prepared);
		expect(WriteLedger.key(0, structuredClone(prepared))).toBe(key);
		expect(WriteLedger.key(0, { ...prepared, body: { ...prepared.body, short_description: 'Line down!' } })).not.toBe(key);
		expect(WriteLedger.key(1, prepared)).not.toBe(key);
		expect(WriteLedger.key(0, { n: BigInt(1) })).not.toBe(WriteLedger.key(0, { n: BigInt(2) }));
		expect(WriteLedger.key(0, undefined)).toMatch(/^0:/);

		const ledger = new WriteLedger();
		ledger.confirm(key, [{ json: { ticket_number: 'INC1' } }], 'INC1');
		expect(ledger.get(key)).toEqual({ state: 'confirmed', outputs: [{ json: { ticket_number: 'INC1' } }], label: 'INC1' });
		expect(ledger.get(WriteLedger.key(0, { ...prepared, body: { ...prepared.body, reference_number: 'REF-9' } }))).toBeUndefined();
		ledger.unconfirmed(WriteLedger.key(1, prepared), { message: 'KPN: internal server error', description: null, httpCode: 500 });
		expect(ledger.get(WriteLedger.key(1, prepared))).toEqual({
			state: 'unconfirmed',
			message: 'KPN: internal server error',
			description: undefined,
			httpCode: '500',
		});
	});

	test('WriteLedger.for: one ledger per execute data object; none is shared without one', () => {
		const executeData = { node: 'a' };
		const context = (data: unknown) => ({ getExecuteData: () => data }) as unknown as IExecuteFunctions;
		const first = WriteLedger.for(context(executeData));
		expect(WriteLedger.for(context(executeData))).toBe(first);
		expect(WriteLedger.for(context({ node: 'a' }))).not.toBe(first);
		expect(WriteLedger.for(context(undefined))).not.toBe(WriteLedger.for(context(undefined)));
		const throwing = { getExecuteData: () => { throw new Error('no data'); } } as unknown as IExecuteFunctions;
		expect(WriteLedger.for(throwing)).toBeInstanceOf(WriteLedger);
	});
});

describe('Item runner: after a request times out, the remaining items fail at once', () => {
	let server: LocalServer;
	let base: string;
	let apiRequests: string[];

	// test/setup/afterEnv.ts lets requests to 127.0.0.1 pass nock; the token comes from nock.
	beforeEach(async () => {
		apiRequests = [];
		// Accepts every request and never answers it.
		server = await startLocalServer((request: IncomingMessage) => {
			apiRequests.push(`${request.method} ${request.url}`);
		});
		base = server.base;
	});

	afterEach(async () => {
		await server.close();
	});

	test('incident get × 5, Timeout 1 s, Continue On Fail: one request reaches the server, all 5 items are error items', async () => {
		mockKpnTokens();
		const result = await runNode({
			nodeType: incident,
			parameters: { resource: 'incident', operation: 'get', ticketNumber: '={{ $json.ticket }}', options: { timeout: 1, parallelRequests: 1 } },
			items: Array.from({ length: 5 }, (_, i) => ({ ticket: `INC${i}` })),
			credentials: kpnCredentialStore({ baseUrl: base }),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(apiRequests).toEqual([`GET ${INCIDENT}/GetIncident/INC0`]);
		expect(result.items).toHaveLength(5);
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(result.items[0].json.error).toBe("KPN did not answer in time: No complete answer within 1 s (the request's timeout)");
		expect(result.items[0].json.description).toBe(`GET /${INCIDENT.slice(1)}/GetIncident/INC0 was not answered.`);
		for (const index of [1, 2, 3, 4]) {
			expect(result.items[index].json.error).toBe(result.items[0].json.error);
			expect(result.items[index].json.description).toContain(
				`Item ${index} was not requested: an earlier request of this run got no answer in time, so the API is taken as not answering and the remaining items fail at once`,
			);
		}
	});

	test('incident create × 3, Timeout 1 s: item 0 may have been created, items 1 and 2 were not sent', async () => {
		mockKpnTokens();
		const result = await runNode({
			nodeType: incident,
			parameters: { ...createParameters, options: { timeout: 1 } },
			items: createItems(3),
			credentials: kpnCredentialStore({ baseUrl: base }),
			continueOnFail: true,
		});
		expect(apiRequests).toEqual([`POST ${INCIDENT}/NewIncident`]);
		expect(result.items.map((item) => item.json.error)).toEqual(Array(3).fill("KPN did not answer in time: No complete answer within 1 s (the request's timeout)"));
		expect(result.items[0].json.description).toContain('Item 0 was not retried: KPN did not confirm it, so it may have been created.');
		expect(result.items[1].json.description).toContain('Item 1 was not sent, so it was not created: an earlier request of this run got no answer in time');
		expect(result.items[2].json.description).toContain('Item 2 was not sent, so it was not created');
	});
});
