import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import nock from 'nock';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { SPEC_OPERATIONS, SPEC_RESOURCES, specOperationProperties } from '../../nodes/KpnMobileServices/spec';
import { OPERATIONS } from '../../nodes/KpnMobileServices/spec/operations.generated';
import { memoryFile, withBinaryInput } from '../harness/binaryItems';
import { kpnCredentialStore, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { mockKpnTokens, MSM_TOKEN_PATH } from '../harness/kpnNock';
import { runNode } from '../harness/runNode';
import { KpnMsmSpecProbe } from '../harness/specProbeNode';
import { lintAsProjectFile, REPO_ROOT as ROOT, runNodeScript } from '../harness/workerScripts';
const SPEC_FILE = join(ROOT, 'nodes', 'KpnMobileServices', 'spec', 'kpn-mobile-services-management-openapi.yml');
const BASE = '/mobile/kpn/mobileservices';

/** The operations the node covers by hand (its subscriber/contract/hierarchy/basket). */
const HAND_WRITTEN = [
	'GET /hierarchy/subscribers',
	'GET /hierarchy/subscribers/{id}',
	'PUT /hierarchy/subscribers/{id}',
	'GET /contract/all',
	'GET /contract/id/{id}/items',
	'GET /hierarchy/children',
	'GET /contracting/basket',
	'POST /contracting/basket',
	'GET /contracting/basket/main-products',
	'POST /contracting/basket/order',
];

/** `METHOD path` of every operation in the Swagger file, read with plain line matching (no YAML parser). */
function specOperations(): Array<{ key: string; operationId?: string }> {
	const lines = readFileSync(SPEC_FILE, 'utf8').split(/\r?\n/);
	const found: Array<{ key: string; operationId?: string }> = [];
	let path: string | undefined;
	let inPaths = false;
	for (const line of lines) {
		if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
		if (!inPaths) continue;
		const pathMatch = /^ {2}(\/\S*):\s*$/.exec(line);
		if (pathMatch) path = pathMatch[1];
		const methodMatch = /^ {4}(get|put|post|delete|patch):\s*$/.exec(line);
		if (methodMatch && path) found.push({ key: `${methodMatch[1].toUpperCase()} ${path}` });
		const idMatch = /^ {6}operationId:\s*(\S+)\s*$/.exec(line);
		if (idMatch) found[found.length - 1].operationId = idMatch[1];
	}
	return found;
}

const keyOf = (op: { method: string; path: string }) => `${op.method} ${op.path}`;

function operationOptions(properties: INodeProperties[], resource: string): INodePropertyOptions[] {
	return properties
		.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
		.flatMap((p) => (p.options ?? []) as INodePropertyOptions[]);
}

describe('KPN Mobile Service Management spec operations: coverage', () => {
	const inSpec = specOperations();

	test('every operation of the spec is generated or hand-written, none twice', () => {
		expect(inSpec).toHaveLength(99);
		expect(inSpec.filter((op) => op.operationId)).toHaveLength(96);
		const generated = SPEC_OPERATIONS.map(keyOf);
		expect(new Set(generated).size).toBe(generated.length);
		for (const { key } of inSpec) {
			const places = [generated.includes(key), HAND_WRITTEN.includes(key)].filter(Boolean);
			expect({ key, places: places.length }).toEqual({ key, places: 1 });
		}
		expect(generated.filter((key) => !inSpec.some((op) => op.key === key))).toEqual([]);
		expect(generated).toHaveLength(99 - HAND_WRITTEN.length);
	});

	test('the catalogue names the spec operationIds of its paths', () => {
		for (const op of OPERATIONS) {
			expect(op.operationId).toBe(inSpec.find((entry) => entry.key === keyOf(op))?.operationId);
		}
	});

	test('resource/operation pairs are unique and resources do not clash with the hand-written ones', () => {
		const pairs = SPEC_OPERATIONS.map((op) => `${op.resource}/${op.operation}`);
		expect(new Set(pairs).size).toBe(pairs.length);
		const resources = SPEC_RESOURCES.map((option) => option.value);
		for (const taken of ['subscriber', 'contract', 'hierarchy', 'basket']) expect(resources).not.toContain(taken);
		for (const op of SPEC_OPERATIONS) expect(op.operation).toMatch(/^[a-z][A-Za-z]*$/);
	});

	test('the committed catalogue is what the generator makes from the spec', async () => {
		const check = await runNodeScript(join(ROOT, 'scripts', 'generate-msm-spec.mjs'), ['--check']);
		expect(check.stderr).toBe('');
		expect(check.stdout).toContain('is up to date (89 operations)');
		expect(check.code).toBe(0);
	});
});

describe('KPN Mobile Service Management spec operations: node UI', () => {
	test('every operation is reachable: its resource is offered and has an option with its value', () => {
		const resources = SPEC_RESOURCES.map((option) => option.value);
		for (const op of SPEC_OPERATIONS) {
			expect(resources).toContain(op.resource);
			const values = operationOptions(specOperationProperties, op.resource).map((option) => option.value);
			expect({ op: `${op.resource}/${op.operation}`, found: values.includes(op.operation) }).toEqual({
				op: `${op.resource}/${op.operation}`,
				found: true,
			});
		}
		for (const resource of resources) {
			const dropdowns = specOperationProperties.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(String(resource)));
			expect(dropdowns).toHaveLength(1);
		}
	});

	test('the real node offers every generated resource and operation', async () => {
		const { KpnMobileServices } = await import('../../nodes/KpnMobileServices/KpnMobileServices.node');
		const { properties } = new KpnMobileServices().description;
		const resourceValues = properties
			.filter((p) => p.name === 'resource')
			.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])
			.map((option) => option.value);
		for (const op of SPEC_OPERATIONS) {
			expect(resourceValues).toContain(op.resource);
			expect(operationOptions(properties, op.resource).map((option) => option.value)).toContain(op.operation);
		}
	});

	test('destructive operations say so first in their description', () => {
		const destructive = OPERATIONS.filter((op) => op.destructive).map((op) => `${op.resource}/${op.operation}`);
		expect(destructive.sort()).toEqual(
			[
				'address/delete',
				'basketAdvanced/reset',
				'hierarchyItem/remove',
				'order/cancel',
				'orderAction/blockSim',
				'orderAction/portOut',
				'orderAction/replaceSim',
				'orderAction/separateFixedMobile',
				'orderAction/terminate',
				'serviceRequest/cancel',
				'subscriberAdmin/delete',
				'template/delete',
				'threshold/remove',
			].sort(),
		);
		for (const op of OPERATIONS) {
			const option = operationOptions(specOperationProperties, op.resource).find((o) => o.value === op.operation);
			expect(option?.description?.startsWith('Destructive: ')).toBe(op.destructive);
		}
	});

	test('only GET is retried; paged lists have Return All and Limit', () => {
		for (const op of OPERATIONS) {
			expect(op.safeToRetry).toBe(op.method === 'GET');
			const shown = specOperationProperties.filter(
				(p) => p.displayOptions?.show?.resource?.includes(op.resource) && p.displayOptions?.show?.operation?.includes(op.operation),
			);
			expect(shown.some((p) => p.name === 'returnAll')).toBe(op.paged);
			expect(shown.some((p) => ['from', 'to'].includes(p.name))).toBe(false);
		}
	});

	test("the generated fields pass n8n's lint rules as if they were written out by hand", async () => {
		// The fields are built at load time, so eslint never sees them in the source; write them out
		// as a literal and lint that text with the project's config (the rules for nodes/**).
		const resource = { displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, options: SPEC_RESOURCES, default: 'address' };
		const literal = JSON.stringify([resource, ...specOperationProperties], null, '\t').replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, '$1$2:');
		const source = `import type { INodeProperties } from 'n8n-workflow';\n\nexport const properties: INodeProperties[] = ${literal};\n`;
		const messages = await lintAsProjectFile(source, 'nodes/KpnMobileServices/spec/fieldsAsWritten.ts');
		const lines = source.split('\n');
		expect(messages.map((m) => `${m.ruleId}: ${m.message} @ ${lines[m.line - 1]?.trim()}`)).toEqual([]);
	}, 60_000);
});

describe('KPN Mobile Service Management spec operations: runs', () => {
	const node = new KpnMsmSpecProbe();
	const run = (parameters: Record<string, unknown>, options: { items?: object[]; continueOnFail?: boolean; nodeType?: INodeType } = {}) =>
		runNode({
			nodeType: options.nodeType ?? node,
			parameters: parameters as never,
			items: (options.items ?? [{}]) as never,
			credentials: kpnCredentialStore(),
			continueOnFail: options.continueOnFail,
		});
	/** A catch-all that must stay unused: proves no request left the node. */
	const forbidAnyRequest = () => nock(KPN_TEST_HOST).persist().get(/.*/).reply(500, {}).post(/.*/).reply(500, {});

	test('a paged list is read over two pages, with repeated array parameters', async () => {
		const tokens = mockKpnTokens(MSM_TOKEN_PATH);
		const seen: string[] = [];
		const orders = nock(KPN_TEST_HOST)
			.get(`${BASE}/track-and-trace/orders`)
			.query(true)
			.times(2)
			.reply((uri) => {
				seen.push(uri);
				const from = Number(new URL(uri, KPN_TEST_HOST).searchParams.get('from'));
				const rows = [{ id: 1 }, { id: 2 }, { id: 3 }].slice(from, from + 2);
				return [200, { result: rows, total: 3 }];
			});
		const result = await run({
			resource: 'order',
			operation: 'getAll',
			status: ['NEW', 'IN_PROGRESS'],
			returnAll: true,
			additionalFields: { sortBy: 'CREATION_DATE', withRequiredActionFirst: false },
			options: { pageSize: 2 },
		});
		expect(result.error).toBeUndefined();
		expect(orders.isDone()).toBe(true);
		expect(tokens.calls()).toBe(1);
		expect(result.items.map((item) => item.json.id)).toEqual([1, 2, 3]);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const queries = seen.map((uri) => new URL(uri, KPN_TEST_HOST).searchParams);
		expect(queries.map((q) => q.getAll('status'))).toEqual([
			['NEW', 'IN_PROGRESS'],
			['NEW', 'IN_PROGRESS'],
		]);
		expect(queries.map((q) => [q.get('from'), q.get('to')])).toEqual([
			['0', '2'],
			['2', '3'],
		]);
		expect(queries[0].get('sortBy')).toBe('CREATION_DATE');
		expect(queries[0].get('withRequiredActionFirst')).toBe('false');
	});

	test('Limit stops paging and a header option is sent', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const languages: unknown[] = [];
		const requests = nock(KPN_TEST_HOST)
			.get(`${BASE}/track-and-trace/service-requests`)
			.query({ status: 'NEW', from: '0', to: '5' })
			.reply(function () {
				languages.push(this.req.headers['content-language']);
				return [200, { result: Array.from({ length: 5 }, (_, i) => ({ id: i })), total: 500 }];
			});
		const result = await run({
			resource: 'serviceRequest',
			operation: 'getAll',
			status: ['NEW'],
			limit: 5,
			options: { contentLanguage: 'nl' },
		});
		expect(result.error).toBeUndefined();
		expect(requests.isDone()).toBe(true);
		expect(result.items).toHaveLength(5);
		expect(languages).toEqual(['nl']);
	});

	test('a GET by ID returns the object, one item per input item, and is retried on 503', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const first = nock(KPN_TEST_HOST).get(`${BASE}/track-and-trace/service-requests/41`).reply(503, {}, { 'Retry-After': '0' });
		const details = nock(KPN_TEST_HOST)
			.get(/\/track-and-trace\/service-requests\/4[12]$/)
			.times(2)
			.reply((uri) => [200, { id: Number(uri.split('/').pop()), type: 'MOVE' }]);
		const result = await run(
			{ resource: 'serviceRequest', operation: 'get', id: '={{ $json.sr }}' },
			{ items: [{ sr: 41 }, { sr: '42' }] },
		);
		expect(result.error).toBeUndefined();
		expect(first.isDone()).toBe(true);
		expect(details.isDone()).toBe(true);
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[41, { item: 0 }],
			[42, { item: 1 }],
		]);
	});

	test('Terminate (destructive) is sent once and not retried on 503', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const bodies: unknown[] = [];
		const terminate = nock(KPN_TEST_HOST)
			.post(`${BASE}/order/terminate`)
			.times(5)
			.reply((_uri, body) => {
				bodies.push(body);
				return [503, { message: 'Service unavailable' }, { 'Retry-After': '0' }];
			});
		const result = await run({
			resource: 'orderAction',
			operation: 'terminate',
			contractId: '123456',
			additionalFields: { wishDate: '2025-03-01T00:00:00Z', referenceNumber: 'REF-1' },
		});
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.description).toContain(
			'Item 0 was not retried: KPN did not confirm it, so it may have been sent. Check before sending it again. No other item was sent.',
		);
		expect(bodies).toEqual([{ contractId: 123456, wishDate: '2025-03-01T00:00:00Z', referenceNumber: 'REF-1' }]);
		expect(terminate.pendingMocks()).toHaveLength(1);
	});

	test('a failed write names the items that did go through', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		nock(KPN_TEST_HOST).post(`${BASE}/order/block-sim`).reply(200, { id: 9001, status: 'InProgress' });
		nock(KPN_TEST_HOST).post(`${BASE}/order/block-sim`).reply(500, { message: 'Internal error' });
		const result = await run(
			{ resource: 'orderAction', operation: 'blockSim', contractId: '={{ $json.contract }}' },
			{ items: [{ contract: 1 }, { contract: 2 }, { contract: 3 }] },
		);
		expect(result.error?.message).toBe('KPN: Internal error');
		expect(result.error?.description).toContain('Earlier items WERE sent (item 0: id 9001); do not send them again.');
		expect(nock.pendingMocks().filter((mock) => mock.includes('block-sim'))).toEqual([]);
	});

	test('a JSON body is sent as given; flat bodies are built from fields', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const bodies: unknown[] = [];
		nock(KPN_TEST_HOST)
			.post(/\/(hierarchy\/subscribers|contract\/thresholds(\/remove)?)$/)
			.times(3)
			.reply((_uri, body) => {
				bodies.push(body);
				return [200, { id: 77 }];
			});
		const subscriber = { groupId: 5, referenceNumber: 'R', subscriber: { surname: 'Jansen', gender: 'FEMALE' } };
		const created = await run({ resource: 'subscriberAdmin', operation: 'create', body: JSON.stringify(subscriber) });
		const threshold = await run({ resource: 'threshold', operation: 'create', name: 'Roaming', type: 'DATA_ROAMING_MB', dailyValue: 250.5 });
		const removed = await run({ resource: 'threshold', operation: 'remove', thresholdIds: '11, 12' });
		expect([created.error, threshold.error, removed.error]).toEqual([undefined, undefined, undefined]);
		expect(bodies).toEqual([subscriber, { name: 'Roaming', type: 'DATA_ROAMING_MB', dailyValue: 250.5 }, { thresholdIds: [11, 12] }]);
		expect(created.items[0].json).toEqual({ id: 77 });
	});

	test('an empty write answer becomes { success: true }', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const cancel = nock(KPN_TEST_HOST).post(`${BASE}/track-and-trace/orders/5/cancel`).query({ note: 'Wrong order' }).reply(200);
		const result = await run({ resource: 'order', operation: 'cancel', id: '5', additionalFields: { note: 'Wrong order' } });
		expect(result.error).toBeUndefined();
		expect(cancel.isDone()).toBe(true);
		expect(result.items.map((item) => item.json)).toEqual([{ success: true }]);
	});

	test('an invoice is output as a PDF file', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 255]), Buffer.from('\n%%EOF')]);
		nock(KPN_TEST_HOST).get(`${BASE}/finances/invoices/7`).reply(200, pdf, { 'Content-Type': 'application/pdf' });
		const result = await run({ resource: 'finance', operation: 'downloadInvoice', id: '7', binaryPropertyName: 'invoice' });
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toEqual({ id: '7', fileName: 'invoice-7.pdf', mimeType: 'application/pdf', fileSize: pdf.length });
		expect(item.binary?.invoice).toMatchObject({ fileName: 'invoice-7.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(item.binary!.invoice.data, 'base64')).toEqual(pdf);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('a bare date answer becomes { value }', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		nock(KPN_TEST_HOST).get(`${BASE}/order/terminate/88/min-date`).reply(200, '"2025-04-01T00:00:00Z"', { 'Content-Type': 'application/json' });
		const result = await run({ resource: 'orderAction', operation: 'getMinTerminationDate', contractId: '88' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ contractId: '88', value: '2025-04-01T00:00:00Z' });
	});

	test('business voicemail is ordered with the CSV file as multipart/form-data', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const csv = 'mobileNumber;name\n0612345678;Jansen\n';
		let contentType = '';
		let sent = '';
		const order = nock(KPN_TEST_HOST)
			.post(`${BASE}/contracting/bvm/order`)
			.query({ companyName: 'Acme', companyNamePronunciation: 'Ak-mee', voiceLanguage: 'NL', voiceMailMessage: 'Welkom' })
			.reply(function (_uri, body) {
				contentType = String(this.req.headers['content-type']);
				sent = typeof body === 'string' ? body : JSON.stringify(body);
				return [200, { id: 31, status: 'InProgress' }];
			});
		const nodeType = withBinaryInput(node, [{ data: memoryFile(csv, 'subscriptions.csv', 'text/csv') }]);
		const result = await run(
			{
				resource: 'businessVoicemail',
				operation: 'order',
				companyName: 'Acme',
				companyNamePronunciation: 'Ak-mee',
				voiceLanguage: 'NL',
				voiceMailMessage: 'Welkom',
			},
			{ nodeType },
		);
		expect(result.error).toBeUndefined();
		expect(order.isDone()).toBe(true);
		const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(contentType)?.[1];
		expect(boundary).toBeDefined();
		expect(sent).toBe(
			`--${boundary}\r\nContent-Disposition: form-data; name="subscriptionsFile"; filename="subscriptions.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
		);
		expect(result.items[0].json).toEqual({ id: 31, status: 'InProgress' });
	});

	test.each([
		// n8n itself refuses a literally empty required field; an expression can still give nothing.
		[{ resource: 'order', operation: 'get', id: '={{ "" }}' }, 'Item 0: Order ID: is required'],
		[{ resource: 'order', operation: 'get', id: 'abc' }, 'Item 0: Order ID: "abc" is not an ID (a whole number)'],
		[{ resource: 'order', operation: 'getAll', status: '={{ [] }}' }, 'Item 0: Status: is required'],
		[{ resource: 'order', operation: 'getAll', status: ['OPEN'] }, 'Item 0: Status: "OPEN" is not allowed (one of IN_PROGRESS'],
		[{ resource: 'threshold', operation: 'create', name: 'x', type: 'SMS', dailyValue: 1 }, 'Item 0: Type: "SMS" is not allowed'],
		[{ resource: 'threshold', operation: 'remove', thresholdIds: '1, two' }, 'Item 0: Threshold IDs: "two" is not a whole number'],
		[{ resource: 'subscriberAdmin', operation: 'create', body: '{ "groupId": ' }, 'Item 0: Body: is not valid JSON'],
		[{ resource: 'subscriberAdmin', operation: 'create', body: '[1]' }, 'Item 0: Body: must be a JSON object'],
		[{ resource: 'subscriberAdmin', operation: 'create', body: '{}' }, 'Item 0: Body: is empty'],
		[{ resource: 'orderAction', operation: 'terminate', contractId: '1', additionalFields: { wishDate: 'soon' } }, 'Item 0: Wish Date: "soon" is not an ISO 8601 date'],
		[{ resource: 'businessVoicemail', operation: 'order', companyName: 'A', companyNamePronunciation: 'A', voiceLanguage: 'EN', voiceMailMessage: 'Hi' }, 'Item 0: Input Binary Field: the item has no binary field "data"'],
		[{ resource: 'address', operation: 'getAll', options: { basePath: 'https://api-prd.kpn.com/x' } }, 'Item 0: API Base Path: "https://api-prd.kpn.com/x" is a URL'],
	])('bad input %j is refused before any request', async (parameters, message) => {
		const tokens = mockKpnTokens(MSM_TOKEN_PATH);
		const any = forbidAnyRequest();
		const result = await run(parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(any.isDone()).toBe(false);
		expect(tokens.calls()).toBe(0);
	});

	test('bad input on a later item stops the node before the first item is sent', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const any = forbidAnyRequest();
		const result = await run({ resource: 'address', operation: 'delete', id: '={{ $json.id }}' }, { items: [{ id: 1 }, { id: '' }] });
		expect(result.error?.message).toBe('Item 1: Address ID: is required');
		expect(any.isDone()).toBe(false);
	});

	test('Continue On Fail: bad input and API errors become error items, the rest goes on', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		nock(KPN_TEST_HOST).get(`${BASE}/contract/id/1`).reply(200, { id: 1 });
		nock(KPN_TEST_HOST).get(`${BASE}/contract/id/3`).reply(404, { status: 'NOT_FOUND', message: 'Contract not found' });
		const result = await run(
			{ resource: 'contractInfo', operation: 'get', id: '={{ $json.id }}' },
			{ items: [{ id: 1 }, { id: 'x' }, { id: 3 }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toEqual({ id: 1 });
		expect(result.items[1].json.error).toBe('Item 1: Contract ID: "x" is not an ID (a whole number)');
		expect(result.items[2].json.error).toBe('KPN: Contract not found');
	});
});
