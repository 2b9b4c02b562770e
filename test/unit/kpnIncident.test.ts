import nock from 'nock';
import type { INodeType } from 'n8n-workflow';

import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { FakeBinaryStore, memoryFile, withBinaryInput } from '../harness/binaryItems';
import { kpnCredentialStore, KPN_CLIENT_SECRET, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { everyText, mockKpnTokens } from '../harness/kpnNock';
import { runListSearch } from '../harness/runPoll';
import { runNode } from '../harness/runNode';

const BASE = '/network/kpn/incident';
const node = new KpnIncident();
const MB = 1024 * 1024;

const created = (ticket: string, reference: string) => ({
	result: {
		state: 'inserted',
		ticket_number: ticket,
		reference_number: reference,
		sys_id: 'e61ba982db43db807f1f14794b961943',
		note: `${ticket} Incident is created successfully.`,
	},
});
const updated = (ticket: string, reference: string) => ({
	result: { state: 'updated', ticket_number: ticket, reference_number: reference, note: `${ticket} Incident is updated successfully.` },
});

/** Records the bodies sent to one write endpoint and answers with INC0000001, INC0000002, … */
function mockWrite(method: 'post' | 'patch', path: string, answer: (ticket: string, reference: string) => object = created) {
	const bodies: Array<Record<string, unknown>> = [];
	const interceptor = method === 'post' ? nock(KPN_TEST_HOST).post(path) : nock(KPN_TEST_HOST).patch(path);
	const scope = interceptor
		.times(100)
		.reply((_uri, body) => {
			bodies.push(body as Record<string, unknown>);
			const record = body as { reference_number?: string; ticket_number?: string };
			return [200, answer(record.ticket_number ?? `INC000000${bodies.length}`, record.reference_number ?? '')];
		});
	return { bodies, scope };
}

/** A catch-all that must stay unused: proves no request left the node. */
function forbidAnyRequest() {
	return nock(KPN_TEST_HOST).persist().post(/.*/).reply(500, {}).patch(/.*/).reply(500, {}).get(/.*/).reply(500, {});
}

const createParameters = {
	resource: 'incident',
	operation: 'create',
	referenceNumber: '={{ $json.ref }}',
	shortDescription: '={{ $json.short }}',
	ci: { __rl: true, mode: 'list', value: 'ESB BIZTALK KPN' },
	description: '={{ $json.details }}',
};
const createItem = (n = 1) => ({ ref: `ABC${1233 + n}`, short: `Line ${n} down`, details: `No sync on line ${n}` });

async function run(
	parameters: Record<string, unknown>,
	items: object[] = [{}],
	options: { continueOnFail?: boolean; nodeType?: INodeType } = {},
) {
	return await runNode({
		nodeType: options.nodeType ?? node,
		parameters: parameters as never,
		items: items as never,
		credentials: kpnCredentialStore(),
		continueOnFail: options.continueOnFail,
	});
}

describe('KPN Incident: create', () => {
	test('POST /NewIncident with the documented body; the output is KPN\'s result', async () => {
		const tokens = mockKpnTokens();
		const api = mockWrite('post', `${BASE}/NewIncident`);
		const result = await run(
			{ ...createParameters, additionalFields: { service: 'Zakelijk Internet' } },
			[createItem(1), createItem(2)],
		);
		expect(result.error).toBeUndefined();
		expect(tokens.calls()).toBe(1);
		expect(api.bodies).toEqual([
			{ reference_number: 'ABC1234', short_description: 'Line 1 down', description: 'No sync on line 1', ci: 'ESB BIZTALK KPN', service: 'Zakelijk Internet' },
			{ reference_number: 'ABC1235', short_description: 'Line 2 down', description: 'No sync on line 2', ci: 'ESB BIZTALK KPN', service: 'Zakelijk Internet' },
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			created('INC0000001', 'ABC1234').result,
			created('INC0000002', 'ABC1235').result,
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('the default reference number is built from workflow, execution and item', async () => {
		mockKpnTokens();
		const api = mockWrite('post', `${BASE}/NewIncident`);
		const rest: Record<string, unknown> = { ...createParameters };
		delete rest.referenceNumber;
		const result = await run({ ...rest, ci: { __rl: true, mode: 'name', value: 'XYZ_001P' } }, [createItem(1), createItem(2)]);
		expect(result.error).toBeUndefined();
		expect(api.bodies.map((body) => body.reference_number)).toEqual([
			'n8n-test-workflow-test-execution-0',
			'n8n-test-workflow-test-execution-1',
		]);
		expect(api.bodies[0].ci).toBe('XYZ_001P');
	});

	test('CI given as plain text (expression or AI tool) is accepted; empty optional fields are not sent', async () => {
		mockKpnTokens();
		const api = mockWrite('post', `${BASE}/NewIncident`);
		const result = await run({ ...createParameters, ci: '={{ "XYZ_" + "001P" }}', description: '' }, [createItem(1)]);
		expect(result.error).toBeUndefined();
		expect(api.bodies[0]).toEqual({ reference_number: 'ABC1234', short_description: 'Line 1 down', description: '', ci: 'XYZ_001P' });
	});

	test('attachments from binary properties are sent Base64-encoded, named after their files', async () => {
		mockKpnTokens();
		const api = mockWrite('post', `${BASE}/NewIncident`);
		const log = Buffer.from('!\r\nenable secret cisco\r\n!\r\nend\r\n');
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
		const nodeType = withBinaryInput(node, [{ data: memoryFile(log, 'router.log', 'text/plain'), screenshot: memoryFile(png) }]);
		const result = await run(
			{ ...createParameters, additionalFields: { attachments: 'data, screenshot' } },
			[createItem(1)],
			{ nodeType },
		);
		expect(result.error).toBeUndefined();
		expect(api.bodies[0].attachments).toEqual([
			{ name: 'router.log', content: log.toString('base64') },
			{ name: 'screenshot', content: png.toString('base64') },
		]);
		expect(Buffer.from((api.bodies[0].attachments as Array<{ content: string }>)[1].content, 'base64')).toEqual(png);
	});

	test('files in n8n\'s binary store (filesystem/S3 mode) are read once and encoded', async () => {
		mockKpnTokens();
		const api = mockWrite('post', `${BASE}/NewIncident`);
		const store = new FakeBinaryStore();
		const pdf = Buffer.alloc(3 * MB + 1, 7);
		const nodeType = withBinaryInput(node, [{ data: store.put(pdf, 'report.pdf') }]);
		const result = await run({ ...createParameters, additionalFields: { attachments: 'data' } }, [createItem(1)], { nodeType });
		expect(result.error).toBeUndefined();
		expect(store.reads).toBe(1);
		expect(api.bodies[0].attachments).toEqual([{ name: 'report.pdf', content: pdf.toString('base64') }]);
	});

	test('the body with attachments is one JSON document: names with quotes and accents, files from memory and the store', async () => {
		mockKpnTokens();
		const bodies: string[] = [];
		const types: string[] = [];
		nock(KPN_TEST_HOST)
			.post(`${BASE}/NewIncident`)
			.reply(function (_uri, body) {
				bodies.push(typeof body === 'string' ? body : JSON.stringify(body));
				types.push(String(this.req.headers['content-type']));
				return [200, created('INC0000001', 'ABC1234')];
			});
		const store = new FakeBinaryStore();
		const odd = Buffer.from(Array.from({ length: 3 * 64 * 1024 + 2 }, (_, i) => i % 251));
		const nodeType = withBinaryInput(node, [{ a: memoryFile('één "quoted" ✓', 'rapport "Q3" é.txt'), b: store.put(odd, 'dump\\1.bin'), c: memoryFile(Buffer.from([1])) }]);
		const result = await run({ ...createParameters, additionalFields: { attachments: 'a, b, c', service: 'Internet' } }, [createItem(1)], { nodeType });
		expect(result.error).toBeUndefined();
		expect(types).toEqual(['application/json']);
		expect(JSON.parse(bodies[0])).toEqual({
			reference_number: 'ABC1234',
			short_description: 'Line 1 down',
			description: 'No sync on line 1',
			ci: 'ESB BIZTALK KPN',
			service: 'Internet',
			attachments: [
				{ name: 'rapport "Q3" é.txt', content: Buffer.from('één "quoted" ✓').toString('base64') },
				{ name: 'dump\\1.bin', content: odd.toString('base64') },
				{ name: 'c', content: 'AQ==' },
			],
		});
	});

	test('exactly 10 MB of attachments is allowed', async () => {
		mockKpnTokens();
		const api = mockWrite('post', `${BASE}/NewIncident`);
		const nodeType = withBinaryInput(node, [
			{ a: memoryFile(Buffer.alloc(6 * MB), 'a.bin'), b: memoryFile(Buffer.alloc(4 * MB - 1), 'b.bin'), c: memoryFile('x', 'c.txt') },
		]);
		const result = await run({ ...createParameters, additionalFields: { attachments: 'a,b,c' } }, [createItem(1)], { nodeType });
		expect(result.error).toBeUndefined();
		expect(api.bodies).toHaveLength(1);
	});

	test('attachments over 10 MB in total are refused before anything is read or sent, naming each file', async () => {
		const any = forbidAnyRequest();
		const store = new FakeBinaryStore();
		const nodeType = withBinaryInput(node, [
			{ data: memoryFile(Buffer.alloc(6 * MB), 'trace.pcap'), scan: store.put(Buffer.alloc(Math.round(4.5 * MB)), 'scan.pdf') },
		]);
		const result = await run({ ...createParameters, additionalFields: { attachments: 'data, scan' } }, [createItem(1)], { nodeType });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 0: Attachments: the files total 10.5 MB, more than the 10 MB KPN accepts per request: trace.pcap (6.0 MB), scan.pdf (4.5 MB)',
		);
		expect(store.reads).toBe(0);
		expect(store.metadataReads).toBe(1);
		expect(any.isDone()).toBe(false);
	});

	test('a stored file that is gone is refused before any request', async () => {
		const any = forbidAnyRequest();
		const store = new FakeBinaryStore();
		const nodeType = withBinaryInput(node, [{ data: store.missing('lost.pdf') }]);
		const result = await run({ ...createParameters, additionalFields: { attachments: 'data' } }, [createItem(1)], { nodeType });
		expect(result.error?.message).toBe('Item 0: Attachments: could not read the size of binary property "data" (no such file gone)');
		expect(any.isDone()).toBe(false);
	});

	test('a stored file that cannot be read is that item\'s error; earlier tickets are named', async () => {
		mockKpnTokens();
		const api = mockWrite('post', `${BASE}/NewIncident`);
		const store = new FakeBinaryStore();
		const nodeType = withBinaryInput(node, [undefined, { data: store.put(Buffer.from('pdf'), 'report.pdf') }, undefined]);
		store.failReads = true;
		const parameters = { ...createParameters, additionalFields: { attachments: '={{ $json.files }}' } };
		const input = [createItem(1), { ...createItem(2), files: 'data' }, createItem(3)];
		const result = await run(parameters, input, { nodeType });
		expect(result.error?.message).toBe('Item 1: Attachments: could not read the binary data (storage unavailable for file-1)');
		expect(result.error?.description).toBe('Files: data (report.pdf). Nothing was sent for this item. Item 1 was not created. Earlier items WERE created (item 0: INC0000001); do not send them again.');
		expect(api.bodies).toHaveLength(1);

		const soft = await run(parameters, input, { nodeType, continueOnFail: true });
		expect(soft.items.map((item) => item.json.error ?? item.json.ticket_number)).toEqual([
			'INC0000002',
			'Item 1: Attachments: could not read the binary data (storage unavailable for file-1)',
			'INC0000003',
		]);
	});

	test.each([
		['photo', { data: memoryFile('x', 'a.txt') }, {}, 'Item 0: Attachments: binary property "photo" not found on this item (its binary properties are: data)'],
		['data', undefined, {}, 'Item 0: Attachments: binary property "data" not found on this item (it has no binary data)'],
		['short', { data: memoryFile('x', 'a.txt') }, {}, 'Item 0: Attachments: "short" is a JSON field, not a binary property (its binary properties are: data)'],
	])('attachment property "%s" that is not binary data is refused before any request', async (property, binary, _unused, message) => {
		const any = forbidAnyRequest();
		const nodeType = withBinaryInput(node, [binary]);
		const result = await run({ ...createParameters, additionalFields: { attachments: property } }, [createItem(1)], { nodeType });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(any.isDone()).toBe(false);
	});

	test.each([
		[{ ref: '' }, {}, 'Item 0: Reference Number is empty'],
		[{ ref: '   ' }, {}, 'Item 0: Reference Number is empty'],
		[{ short: '' }, {}, 'Item 0: Short Description is empty'],
		[{ ci: ' ' }, { ci: { __rl: true, mode: 'name', value: '={{ $json.ci }}' } }, 'Item 0: CI is empty'],
		[{ ci: '' }, { ci: '={{ $json.ci }}' }, 'Item 0: CI is empty'],
		[{}, { options: { basePath: 'https://api-prd.kpn.com/network/kpn/incident' } }, 'Item 0: API Base Path: "https://api-prd.kpn.com/network/kpn/incident" is a URL'],
	])('bad input %j %j is refused before any request', async (itemOverrides, parameters, message) => {
		const any = forbidAnyRequest();
		const result = await run({ ...createParameters, ...parameters }, [{ ...createItem(1), ...itemOverrides }]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(any.isDone()).toBe(false);
	});

	test('a bad later item stops the node before the first one is created', async () => {
		const any = forbidAnyRequest();
		const result = await run(createParameters, [createItem(1), { ...createItem(2), short: '' }]);
		expect(result.error?.message).toBe('Item 1: Short Description is empty');
		expect(any.isDone()).toBe(false);
	});

	test.each([
		[400, { errorResponse: { code: '400', message: 'ci is required', info: 'Send a non-empty ci' } }, 'KPN: ci is required — Send a non-empty ci'],
		[404, { errorResponse: { code: '404', message: 'Resource not found' } }, 'KPN: Resource not found'],
		[400, { error: { code: '1234', message: 'Description of the error.' } }, 'KPN: Description of the error.'],
		[500, { errorResponse: { code: '500', message: 'internal server error' } }, 'KPN: internal server error'],
		[503, { fault: { faultstring: 'The Service is temporarily unavailable' } }, 'KPN: The Service is temporarily unavailable'],
	])('HTTP %i on create is a clear error and the incident is not sent again', async (status, body, message) => {
		const refused = status < 500;
		mockKpnTokens();
		const api = nock(KPN_TEST_HOST).post(`${BASE}/NewIncident`).reply(status, body, { 'Retry-After': '0' });
		const again = nock(KPN_TEST_HOST).post(`${BASE}/NewIncident`).reply(200, created('INC9', 'dup'));
		const result = await run(createParameters, [createItem(1)]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.description).toContain(`POST /network/kpn/incident/NewIncident failed (HTTP ${status}`);
		expect(result.error?.description).toContain(
			refused
				? 'KPN refused item 0, so it was not created. Nothing was created.'
				: 'Item 0 was not retried: KPN did not confirm it, so it may have been created. Check before sending it again. No other item was created.',
		);
		expect(api.isDone()).toBe(true);
		expect(again.isDone()).toBe(false);
	});

	test('a failure after earlier items says which tickets WERE created', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).post(`${BASE}/NewIncident`).reply(200, created('INC0010001', 'ABC1234'));
		nock(KPN_TEST_HOST).post(`${BASE}/NewIncident`).reply(200, created('INC0010002', 'ABC1235'));
		nock(KPN_TEST_HOST).post(`${BASE}/NewIncident`).reply(502, { fault: { faultstring: 'Bad Gateway' } });
		const result = await run(createParameters, [createItem(1), createItem(2), createItem(3)]);
		expect(result.error?.message).toBe('KPN: Bad Gateway');
		expect(result.error?.description).toContain('Earlier items WERE created (item 0: INC0010001, item 1: INC0010002); do not send them again.');
	});

	test('Continue On Fail: bad input and API errors become error items, the other items are created', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).post(`${BASE}/NewIncident`).reply(200, created('INC0010001', 'ABC1234'));
		nock(KPN_TEST_HOST).post(`${BASE}/NewIncident`).reply(400, { errorResponse: { code: '400', message: 'Invalid CI' } });
		nock(KPN_TEST_HOST).post(`${BASE}/NewIncident`).reply(200, created('INC0010003', 'ABC1237'));
		const result = await run(createParameters, [createItem(1), { ...createItem(2), ref: '' }, createItem(3), createItem(4)], {
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.ticket_number).toBe('INC0010001');
		expect(result.items[1].json).toEqual({ error: 'Item 1: Reference Number is empty' });
		expect(result.items[2].json.error).toBe('KPN: Invalid CI');
		expect(result.items[2].json.description).toContain('HTTP 400');
		expect(result.items[3].json.ticket_number).toBe('INC0010003');
	});

	test('the API base path can be changed in the options', async () => {
		mockKpnTokens();
		const api = mockWrite('post', '/network/kpn/incident-v2/NewIncident');
		const result = await run({ ...createParameters, options: { basePath: 'network/kpn/incident-v2/' } }, [createItem(1)]);
		expect(result.error).toBeUndefined();
		expect(api.bodies).toHaveLength(1);
	});
});

describe('KPN Incident: comment, close, reopen', () => {
	const updateParameters = (operation: string, extra: Record<string, unknown> = {}) => ({
		resource: 'incident',
		operation,
		ticketNumber: '={{ $json.ticket }}',
		referenceNumber: '={{ $json.ref }}',
		comment: '={{ $json.comment }}',
		...extra,
	});
	const item = { ticket: 'INC1234', ref: 'ABC1234', comment: 'New comment update' };

	test.each([
		['comment', 'Comment'],
		['close', 'Close'],
		['reopen', 'Reopen'],
	])('%s is PATCH /UpdateIncident with action %s', async (operation, action) => {
		mockKpnTokens();
		const api = mockWrite('patch', `${BASE}/UpdateIncident`, updated);
		const result = await run(updateParameters(operation), [item]);
		expect(result.error).toBeUndefined();
		expect(api.bodies).toEqual([{ action, comment: 'New comment update', ticket_number: 'INC1234', reference_number: 'ABC1234' }]);
		expect(result.items).toEqual([{ json: updated('INC1234', 'ABC1234').result, pairedItem: { item: 0 } }]);
	});

	test('close and reopen without a comment send no comment field', async () => {
		mockKpnTokens();
		const api = mockWrite('patch', `${BASE}/UpdateIncident`, updated);
		const result = await run(updateParameters('close'), [{ ...item, comment: '' }]);
		expect(result.error).toBeUndefined();
		expect(api.bodies).toEqual([{ action: 'Close', ticket_number: 'INC1234', reference_number: 'ABC1234' }]);
	});

	test('a comment with attachments only is allowed; the files are Base64-encoded', async () => {
		mockKpnTokens();
		const api = mockWrite('patch', `${BASE}/UpdateIncident`, updated);
		const nodeType = withBinaryInput(node, [{ data: memoryFile('hello', 'test.txt', 'text/plain') }]);
		const result = await run(updateParameters('comment', { additionalFields: { attachments: 'data' } }), [{ ...item, comment: '' }], {
			nodeType,
		});
		expect(result.error).toBeUndefined();
		expect(api.bodies).toEqual([
			{
				action: 'Comment',
				ticket_number: 'INC1234',
				reference_number: 'ABC1234',
				attachments: [{ name: 'test.txt', content: 'aGVsbG8=' }],
			},
		]);
	});

	test.each([
		['comment', { ticket: '' }, {}, 'Item 0: Ticket Number is empty'],
		['close', { ticket: ' ' }, {}, 'Item 0: Ticket Number is empty'],
		['reopen', { ref: '' }, {}, 'Item 0: Reference Number is empty'],
		['comment', { comment: '  ' }, {}, 'Item 0: Comment is empty'],
		['reopen', {}, { additionalFields: { attachments: 'data' } }, 'Item 0: Attachments: binary property "data" not found'],
	])('%s with bad input %j %j is refused before any request', async (operation, overrides, extra, message) => {
		const any = forbidAnyRequest();
		const result = await run(updateParameters(operation, extra), [{ ...item, ...overrides }]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(any.isDone()).toBe(false);
	});

	test('attachments over 10 MB on a comment are refused', async () => {
		const any = forbidAnyRequest();
		const nodeType = withBinaryInput(node, [{ data: memoryFile(Buffer.alloc(11 * MB), 'dump.bin') }]);
		const result = await run(updateParameters('comment', { additionalFields: { attachments: 'data' } }), [item], { nodeType });
		expect(result.error?.message).toBe(
			'Item 0: Attachments: the files total 11.0 MB, more than the 10 MB KPN accepts per request: dump.bin (11.0 MB)',
		);
		expect(any.isDone()).toBe(false);
	});

	test.each([
		[404, { errorResponse: { code: '404', message: 'Incident INC1234 not found', info: 'Check the ticket_number returned by NewIncident' } }, 'KPN: Incident INC1234 not found — Check the ticket_number returned by NewIncident'],
		[400, { errorResponse: { code: '400', message: 'Incident INC1234 is already closed' } }, 'KPN: Incident INC1234 is already closed'],
		[500, {}, 'KPN: KPN had an internal server error'],
	])('HTTP %i on an update is a clear error', async (status, body, message) => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).patch(`${BASE}/UpdateIncident`).reply(status, body);
		const result = await run(updateParameters('close'), [item]);
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.description).toContain(
			status < 500 ? 'KPN refused item 0, so it was not updated.' : 'KPN did not confirm it, so it may have been updated.',
		);
		expect(result.error?.description).toContain(status < 500 ? 'Nothing was updated.' : 'No other item was updated.');
	});

	test('a 503 on an update is not retried (one request); a 429 is, as the gateway refused it', async () => {
		mockKpnTokens();
		const api = nock(KPN_TEST_HOST).patch(`${BASE}/UpdateIncident`).reply(503, {}, { 'Retry-After': '0' });
		const again = nock(KPN_TEST_HOST).patch(`${BASE}/UpdateIncident`).reply(200, updated('INC1234', 'ABC1234'));
		const result = await run(updateParameters('comment'), [item]);
		expect(result.error?.httpCode).toBe('503');
		expect(api.isDone()).toBe(true);
		expect(again.isDone()).toBe(false);
		nock.cleanAll();
		mockKpnTokens();
		nock(KPN_TEST_HOST).patch(`${BASE}/UpdateIncident`).reply(429, {}, { 'Retry-After': '0' });
		const again429 = nock(KPN_TEST_HOST).patch(`${BASE}/UpdateIncident`).reply(200, updated('INC1234', 'ABC1234'));
		const throttled = await run(updateParameters('comment'), [item]);
		expect(throttled.error).toBeUndefined();
		expect(again429.isDone()).toBe(true);
	});

	test('an expired token (401) is refreshed once and the update is sent once more', async () => {
		const tokens = mockKpnTokens();
		nock(KPN_TEST_HOST).patch(`${BASE}/UpdateIncident`).reply(401, { fault: { faultstring: 'Invalid Access Token' } });
		const api = mockWrite('patch', `${BASE}/UpdateIncident`, updated);
		const result = await run(updateParameters('comment'), [item]);
		expect(result.error).toBeUndefined();
		expect(tokens.calls()).toBe(2);
		expect(api.bodies).toHaveLength(1);
	});
});

describe('KPN Incident: get', () => {
	const details = {
		ticket_number: 'INC1234',
		reference_number: 'ABC1234',
		short_description: 'short note',
		state: 'Finished',
		company: 'KPN B.V.',
		ci: 'XYZ_001P',
		priority: 'Incident Ticket Priority 1,2,3',
		sla_due: {},
	};

	test('GET /GetIncident/{ticket}; the output is the incident', async () => {
		mockKpnTokens();
		const api = nock(KPN_TEST_HOST).get(`${BASE}/GetIncident/INC1234`).reply(200, { result: details });
		const result = await run({ resource: 'incident', operation: 'get', ticketNumber: '={{ $json.ticket }}' }, [{ ticket: ' INC1234 ' }]);
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.items).toEqual([{ json: details, pairedItem: { item: 0 } }]);
	});

	test('the ticket number is URL-encoded in the path', async () => {
		mockKpnTokens();
		const api = nock(KPN_TEST_HOST).get(`${BASE}/GetIncident/INC%2334567890`).reply(200, { result: [details] });
		const result = await run({ resource: 'incident', operation: 'get', ticketNumber: 'INC#34567890' });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
	});

	test('a missing ticket number is refused before any request', async () => {
		const any = forbidAnyRequest();
		const result = await run({ resource: 'incident', operation: 'get', ticketNumber: '={{ $json.ticket }}' }, [{ ticket: '' }]);
		expect(result.error?.message).toBe('Item 0: Ticket Number is empty');
		expect(any.isDone()).toBe(false);
	});

	test('404 is a clear error; with Continue On Fail it is an error item', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).get(`${BASE}/GetIncident/INC9`).times(2).reply(404, { errorResponse: { code: '404', message: 'Incident INC9 not found', info: 'Check the ticket number' } });
		const result = await run({ resource: 'incident', operation: 'get', ticketNumber: 'INC9' });
		expect(result.error?.message).toBe('KPN: Incident INC9 not found — Check the ticket number');
		expect(result.error?.httpCode).toBe('404');
		const soft = await run({ resource: 'incident', operation: 'get', ticketNumber: 'INC9' }, [{}], { continueOnFail: true });
		expect(soft.items[0].json.error).toBe('KPN: Incident INC9 not found — Check the ticket number');
		expect(soft.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('a read is retried on 503 and 429', async () => {
		mockKpnTokens();
		const api = nock(KPN_TEST_HOST)
			.get(`${BASE}/GetIncident/INC1234`)
			.reply(503, {}, { 'Retry-After': '0' })
			.get(`${BASE}/GetIncident/INC1234`)
			.reply(429, {}, { 'Retry-After': '0' })
			.get(`${BASE}/GetIncident/INC1234`)
			.reply(200, { result: details });
		const result = await run({ resource: 'incident', operation: 'get', ticketNumber: 'INC1234' });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.items[0].json.ticket_number).toBe('INC1234');
	});
});

describe('KPN Incident: get many (active)', () => {
	const active = Array.from({ length: 7 }, (_, i) => ({
		reference_number: `REF${i}`,
		short_description: `Problem ${i}`,
		state: ['New', 'In Progress', 'On Hold', 'Resolved'][i % 4],
		ticket_number: `INC001000${i}`,
	}));
	const mockActive = (times = 1, body: unknown = { result: active }) =>
		nock(KPN_TEST_HOST).get(`${BASE}/GetActiveIncidents`).times(times).reply(200, body as never);
	const getAll = (extra: Record<string, unknown> = {}) => ({ resource: 'incident', operation: 'getAll', ...extra });

	test('Return All gives every active incident, one item each', async () => {
		mockKpnTokens();
		mockActive();
		const result = await run(getAll({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual(active);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit caps the output (default 50)', async () => {
		mockKpnTokens();
		mockActive(2);
		expect((await run(getAll({ limit: 3 }))).items.map((item) => item.json.ticket_number)).toEqual(['INC0010000', 'INC0010001', 'INC0010002']);
		expect((await run(getAll())).items).toHaveLength(7);
	});

	test('the state and reference filters are applied by the node, not case-sensitive', async () => {
		mockKpnTokens();
		mockActive(3);
		const byState = await run(getAll({ returnAll: true, filters: { state: 'new, in progress' } }));
		expect(byState.items.map((item) => item.json.state)).toEqual(['New', 'In Progress', 'New', 'In Progress']);
		const limited = await run(getAll({ limit: 1, filters: { state: 'Resolved' } }));
		expect(limited.items.map((item) => item.json.ticket_number)).toEqual(['INC0010003']);
		const byReference = await run(getAll({ returnAll: true, filters: { referenceNumber: 'REF5' } }));
		expect(byReference.items.map((item) => item.json.ticket_number)).toEqual(['INC0010005']);
	});

	test('no active incidents gives no items', async () => {
		mockKpnTokens();
		mockActive(1, { result: [] });
		const result = await run(getAll({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	test('each input item makes its own request', async () => {
		mockKpnTokens();
		const api = mockActive(2);
		const result = await run(getAll({ limit: 1 }), [{}, {}]);
		expect(api.isDone()).toBe(true);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a 500 is reported after 3 tries; a 503 is retried', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST)
			.get(`${BASE}/GetActiveIncidents`)
			.times(3)
			.reply(500, { errorResponse: { code: '500', message: 'internal server error' } }, { 'Retry-After': '0' });
		const failed = await run(getAll());
		expect(failed.error?.message).toBe('KPN: internal server error');
		expect(failed.error?.httpCode).toBe('500');
		nock(KPN_TEST_HOST).get(`${BASE}/GetActiveIncidents`).reply(503, {}, { 'Retry-After': '0' });
		mockActive();
		const retried = await run(getAll({ returnAll: true }));
		expect(retried.error).toBeUndefined();
		expect(retried.items).toHaveLength(7);
	});

	test.each([[0], [2.5]])('Limit %p is refused before any request', async (limit) => {
		const any = forbidAnyRequest();
		const result = await run(getAll({ limit }));
		expect(result.error?.message).toBe(`Item 0: Limit must be a whole number of at least 1 (got ${limit})`);
		expect(any.isDone()).toBe(false);
	});
});

describe('KPN Incident: routing, CI list and secrets', () => {
	test('an unknown operation is refused before any request', async () => {
		const any = forbidAnyRequest();
		const result = await run({ resource: 'incident', operation: 'delete' });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Unknown operation "incident/delete"');
		expect(any.isDone()).toBe(false);
		const other = await run({ resource: 'ticket', operation: 'get' });
		expect(other.error?.message).toBe('Unknown operation "ticket/"');
	});

	test('the CI list offers the CIs of the newest active incidents, sorted, without duplicates', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST)
			.get(`${BASE}/GetActiveIncidents`)
			.times(2)
			.reply(200, { result: ['INC0010001', 'INC0010003', 'INC0010002', 'INC0010004'].map((ticket_number) => ({ ticket_number, state: 'New' })) });
		const cis: Record<string, string> = { INC0010001: 'XYZ_001P', INC0010002: 'ESB BIZTALK KPN', INC0010003: 'XYZ_001P' };
		nock(KPN_TEST_HOST)
			.get(/\/network\/kpn\/incident\/GetIncident\/INC\d+/)
			.times(8)
			.reply((uri) => {
				const ticket = uri.split('/').pop()!;
				return cis[ticket] ? [200, { result: { ticket_number: ticket, ci: cis[ticket] } }] : [404, { errorResponse: { message: 'gone' } }];
			});
		const list = await runListSearch({ nodeType: node, method: 'searchCis', parameters: { resource: 'incident', operation: 'create' }, credentials: kpnCredentialStore() });
		expect(list.results).toEqual([
			{ name: 'ESB BIZTALK KPN', value: 'ESB BIZTALK KPN' },
			{ name: 'XYZ_001P', value: 'XYZ_001P' },
		]);
		const filtered = await runListSearch({ nodeType: node, method: 'searchCis', filter: 'xyz', parameters: { resource: 'incident', operation: 'create' }, credentials: kpnCredentialStore() });
		expect(filtered.results).toEqual([{ name: 'XYZ_001P', value: 'XYZ_001P' }]);
	});

	test('no secret or token appears in outputs or errors', async () => {
		mockKpnTokens();
		mockWrite('post', `${BASE}/NewIncident`);
		const ok = await run(createParameters, [createItem(1)]);
		nock.cleanAll();
		mockKpnTokens();
		nock(KPN_TEST_HOST).patch(`${BASE}/UpdateIncident`).times(2).reply(401, { fault: { faultstring: 'Invalid Access Token' } });
		const failed = await run({ resource: 'incident', operation: 'close', ticketNumber: 'INC1', referenceNumber: 'R1' });
		nock.cleanAll();
		nock(KPN_TEST_HOST).post('/oauth/client_credential/accesstoken').query(true).reply(401, { Error: `bad ${KPN_CLIENT_SECRET}` });
		const tokenFailed = await run({ resource: 'incident', operation: 'get', ticketNumber: 'INC1' }, [{}], { continueOnFail: true });
		for (const result of [ok, failed, tokenFailed]) {
			const text = everyText({ items: result.items, error: result.error, run: result.run.data.resultData });
			expect(text).not.toContain(KPN_CLIENT_SECRET);
			expect(text).not.toMatch(/tok-\d/);
		}
		expect(failed.error?.httpCode).toBe('401');
	});
});
