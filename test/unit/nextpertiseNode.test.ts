// The Nextpertise node run inside n8n's real engine, against nock: request bodies, outputs,
// paging, zipcode's inline provider errors, upload from binary, Parameters as JSON, validation
// before any request, Continue On Fail, and the dropdowns.
import nock from 'nock';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { MAX_UPLOAD_BYTES } from '../../nodes/Nextpertise/actions/upload';
import { METHODS } from '../../nodes/shared/nextpertise/catalogue';
import { FakeBinaryStore, memoryFile, withBinaryInput } from '../harness/binaryItems';
import { NEXTPERTISE_TEST_HOST, nextpertiseBasicHeader, nextpertiseCredentialStore } from '../harness/nextpertiseCredentials';
import { runLoadOptions } from '../harness/runLoadOptions';
import { runNode } from '../harness/runNode';
import repliesJson from '../sandbox/fixtures/nextpertise-replies.json';

const node = new Nextpertise();
const REPLIES = repliesJson as unknown as Record<string, Array<{ title?: string; params?: IDataObject; result: unknown }>>;

interface RpcRequest {
	path: string;
	method: string;
	params: IDataObject;
	authorization?: string;
}

type Answer = (request: RpcRequest) => unknown;

/** A JSON-RPC error answer for `rpc`. */
const rpcError = (code: number, message: string) => ({ __error: { code, message, data: { cid: 'cid-1' } } });

/**
 * Intercepts every product class endpoint; `answer` gives the `result` (or `rpcError(...)`).
 * Returns the requests in order.
 */
function rpc(answer: Answer): RpcRequest[] {
	const requests: RpcRequest[] = [];
	nock(NEXTPERTISE_TEST_HOST)
		.persist()
		.post(/^\/[a-z/]+\/v1$/)
		.reply(function (uri, body) {
			const envelope = body as { id: number; method: string; params: IDataObject };
			const request: RpcRequest = {
				path: uri,
				method: envelope.method,
				params: envelope.params,
				authorization: this.req.headers.authorization as string | undefined,
			};
			requests.push(request);
			const out = answer(request) as { __error?: unknown } | undefined;
			if (out && typeof out === 'object' && '__error' in out) return [200, { jsonrpc: '2.0', id: envelope.id, error: out.__error }];
			return [200, { jsonrpc: '2.0', id: envelope.id, result: out ?? null }];
		});
	return requests;
}

/** The document's reply for `<product_class>/<method>` (the example with this title, or the first). */
function documented(key: string, title?: string): unknown {
	const examples = REPLIES[key];
	const found = title ? examples.find((example) => example.title === title) : examples[0];
	if (!found) throw new Error(`no documented reply ${key} ${title ?? ''}`);
	return structuredClone(found.result);
}

async function run(
	parameters: Record<string, unknown>,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; nodeType?: INodeType } = {},
) {
	return await runNode({
		nodeType: options.nodeType ?? node,
		parameters: parameters as never,
		items,
		credentials: nextpertiseCredentialStore(),
		continueOnFail: options.continueOnFail,
	});
}

const jsons = (result: Awaited<ReturnType<typeof run>>) => result.items.map((item) => item.json);
const paired = (result: Awaited<ReturnType<typeof run>>) => result.items.map((item) => item.pairedItem);

describe('Nextpertise node: the main methods of each product class, with the document\'s examples', () => {
	test('broadband order_connection: fields become the documented request (postcode normalised, groups, safe names)', async () => {
		const requests = rpc(() => ({ orderid: '2408ZE000090100', transaction_uuid: '7d2c1c9e-0000-4000-8000-000000000001' }));
		const result = await run({
			resource: 'broadband',
			operation: 'order_connection',
			zipcode: '2408 ze',
			housenr: 9,
			carrier: 633,
			circuit: { values: [{ circuit: 272, additionalFields: { vlan: 6 } }] },
			additionalFields: {
				isra: '0/8/MTK/METERKAST',
				sla: 606,
				contract_duration: 12,
				enduser: { values: { uuid: 'abcde900-08e4-4d95-8793-8083660ea700' } },
				contact_phonenumber: '0101234567',
				contact_name: 'Mrs. Your Client',
				confirm: { Terminate_Voice: false },
				serviceid: '',
			},
		});
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ path: '/broadband/v1', method: 'order_connection', authorization: nextpertiseBasicHeader() });
		expect(requests[0].params).toEqual({
			zipcode: '2408ZE',
			housenr: 9,
			carrier: 633,
			circuit: [{ circuit: 272, vlan: 6 }],
			isra: '0/8/MTK/METERKAST',
			sla: 606,
			contract_duration: 12,
			enduser: { uuid: 'abcde900-08e4-4d95-8793-8083660ea700' },
			contact_phonenumber: '0101234567',
			contact_name: 'Mrs. Your Client',
			confirm: { 'Terminate Voice': false },
			// Added under Additional Fields and left empty: sent as given, like the document's example.
			serviceid: '',
		});
		expect(result.items).toEqual([
			{ json: { orderid: '2408ZE000090100', transaction_uuid: '7d2c1c9e-0000-4000-8000-000000000001' }, pairedItem: { item: 0 } },
		]);
	});

	test('every product class: the documented example, given as JSON, is sent as documented and its documented reply is the output', async () => {
		const cases: Array<[string, string]> = [
			['broadband', 'get_transaction'],
			['broadband', 'set_tags'],
			['broadbandBasic', 'zipcode'],
			['diagnostics', 'diagnose'],
			['postcodes', 'get_housenrs'],
			['enduser', 'set_enduser'],
			['email', 'get_mailboxes'],
			['attachments', 'upload'],
			['support', 'create_ticket'],
			['user', 'set_profile'],
		];
		for (const [resource, name] of cases) {
			const spec = METHODS.find((method) => method.resource === resource && method.method === name)!;
			const example = spec.examples[0]?.params ?? {};
			const key = `${spec.productClass}/${spec.method}`;
			const reply = REPLIES[key][0].result;
			const requests = rpc(() => structuredClone(reply));
			const result = await run({ resource, operation: name, jsonParameters: true, parametersJson: JSON.stringify(example) });
			expect({ key, error: result.error?.message }).toEqual({ key, error: undefined });
			expect(requests).toHaveLength(1);
			expect(requests[0].path).toBe(`/${spec.productClass}/v1`);
			// Sent exactly as documented, "" and null included.
			expect({ key, params: requests[0].params }).toEqual({ key, params: example });
			const expected = resource === 'broadbandBasic' ? expect.objectContaining(reply as IDataObject) : reply;
			expect({ key, output: jsons(result) }).toEqual({ key, output: [expected] });
			nock.cleanAll();
		}
	});

	test('set_tags with no tags clears them: the document\'s "tags": [] is sent, from the fields and from JSON', async () => {
		const requests = rpc(() => true);
		const fields = await run({ resource: 'broadband', operation: 'set_tags', nid: '2408ZE000100100', tags: [] });
		const json = await run({ resource: 'broadband', operation: 'set_tags', jsonParameters: true, parametersJson: '{"nid": "2408ZE000100100", "tags": []}' });
		expect([fields.error, json.error]).toEqual([undefined, undefined]);
		expect(requests.map((request) => request.params)).toEqual([
			{ nid: '2408ZE000100100', tags: [] },
			{ nid: '2408ZE000100100', tags: [] },
		]);
	});

	test('diagnostics get_authlog, support update_ticket and email create_forwarder from fields (numbers from expressions, lists)', async () => {
		const requests = rpc(({ method }) => (method === 'get_authlog' ? [{ time: 't1', message: 'login' }, { time: 't2', message: 'logout' }] : {}));
		const authlog = await run(
			{ resource: 'diagnostics', operation: 'get_authlog', nid: '={{ $json.nid }}', additionalFields: { after: '2018-01-29T17:18:00Z' } },
			[{ nid: '2408ZE000100102' }],
		);
		expect(requests[0].params).toEqual({ nid: '2408ZE000100102', after: '2018-01-29T17:18:00Z' });
		// A list of objects gives one item each.
		expect(jsons(authlog)).toEqual([{ time: 't1', message: 'login' }, { time: 't2', message: 'logout' }]);
		expect(paired(authlog)).toEqual([{ item: 0 }, { item: 0 }]);

		await run(
			{
				resource: 'support',
				operation: 'update_ticket',
				id: '={{ $json.ticket }}',
				additionalFields: { comment: { values: { body: 'Ticket update comment!', additionalFields: { attachments: ['9565f326'] } } }, solved: false },
			},
			[{ ticket: '12345' }],
		);
		expect(requests[1]).toMatchObject({ path: '/support/v1', method: 'update_ticket' });
		expect(requests[1].params).toEqual({ id: 12345, comment: { body: 'Ticket update comment!', attachments: ['9565f326'] }, solved: false });

		await run({ resource: 'email', operation: 'create_forwarder', mailbox: 'info@example.com', recipients: ['a@example.com', 'b@example.com'] });
		expect(requests[2].params).toEqual({ mailbox: 'info@example.com', recipients: ['a@example.com', 'b@example.com'] });
	});

	test('a method without params sends {} and a scalar result becomes { result }', async () => {
		const requests = rpc(({ method }) => (method === 'list_roles' ? ['admin', 'user'] : true));
		const roles = await run({ resource: 'user', operation: 'list_roles' });
		expect(requests[0]).toMatchObject({ path: '/user/v1', method: 'list_roles', params: {} });
		expect(jsons(roles)).toEqual([{ result: ['admin', 'user'] }]);
		const deleted = await run({ resource: 'enduser', operation: 'del_enduser', uuid: 'abcde123-0123-4abc-9876-012345678912' });
		expect(jsons(deleted)).toEqual([{ result: true }]);
	});
});

describe('Nextpertise node: paging for the user', () => {
	const connection = (n: number) => ({ nid: `2408ZE${String(n).padStart(5, '0')}0100`, state: 'ACTIVE' });

	test("page style: follows pagination.next_page over 3 pages until null; one item per row; the paging param is the node's", async () => {
		const requests = rpc(({ params }) => {
			const page = (params.pagination as { page: number }).page;
			const rows = Array.from({ length: page < 3 ? 100 : 20 }, (_, i) => connection((page - 1) * 100 + i));
			return { connections: rows, pagination: { previous_page: page > 1 ? page - 1 : null, next_page: page < 3 ? page + 1 : null, per_page: 100, count: 220 } };
		});
		const result = await run({
			resource: 'broadband',
			operation: 'list_connections',
			returnAll: true,
			additionalFields: { filter: { zipcode: '2408ZE', state: ['ACTIVE'] } },
		});
		expect(result.error).toBeUndefined();
		expect(requests.map((request) => request.params)).toEqual([1, 2, 3].map((page) => ({
			filter: { zipcode: '2408ZE', state: ['ACTIVE'] },
			pagination: { page, per_page: 100 },
		})));
		expect(result.items).toHaveLength(220);
		expect(result.items[219]).toEqual({ json: connection(219), pairedItem: { item: 0 } });
	});

	test('page style: Limit stops early and asks pages of at most the limit', async () => {
		const requests = rpc(({ params }) => {
			const { page, per_page: perPage } = params.pagination as { page: number; per_page: number };
			return { tickets: Array.from({ length: perPage }, (_, i) => ({ id: (page - 1) * perPage + i })), pagination: { next_page: page + 1 } };
		});
		const result = await run({ resource: 'support', operation: 'list_tickets', returnAll: false, limit: 30 });
		expect(requests.map((request) => request.params.pagination)).toEqual([{ page: 1, per_page: 30 }]);
		expect(result.items).toHaveLength(30);

		nock.cleanAll();
		const more = rpc(({ params }) => {
			const { page } = params.pagination as { page: number };
			return { tickets: Array.from({ length: 100 }, (_, i) => ({ id: (page - 1) * 100 + i })), pagination: { next_page: page + 1 } };
		});
		const many = await run({ resource: 'support', operation: 'list_tickets', returnAll: false, limit: 250 });
		expect(more.map((request) => request.params.pagination)).toEqual([1, 2, 3].map((page) => ({ page, per_page: 100 })));
		expect(jsons(many).map((row) => row.id)).toEqual(Array.from({ length: 250 }, (_, i) => i));
	});

	test('One Page (page style): exactly one call with the page and size asked for; that page\'s rows, even when more pages follow', async () => {
		const requests = rpc(({ params }) => {
			const { page, per_page: perPage } = params.pagination as { page: number; per_page: number };
			return { tickets: Array.from({ length: perPage }, (_, i) => ({ id: (page - 1) * perPage + i })), pagination: { next_page: page + 1 } };
		});
		const result = await run({ resource: 'support', operation: 'list_tickets', onePage: true, page: 3, pageSize: 50, additionalFields: { closed: false } });
		expect(result.error).toBeUndefined();
		expect(requests.map((request) => request.params)).toEqual([{ closed: false, pagination: { page: 3, per_page: 50 } }]);
		expect(jsons(result).map((row) => row.id)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));

		// The document's list_carriers example asks per_page 0 ("all" on some endpoints); numbers from expressions are read too.
		nock.cleanAll();
		const carriers = rpc(() => ({ carriers: [{ id: 633 }, { id: 634 }], pagination: { next_page: null } }));
		const all = await run({ resource: 'broadband', operation: 'list_carriers', onePage: true, page: '1', pageSize: 0 });
		expect(all.error).toBeUndefined();
		expect(carriers.map((request) => request.params)).toEqual([{ pagination: { page: 1, per_page: 0 } }]);
		expect(all.items).toHaveLength(2);
	});

	test('One Page (offset style, user list_profiles): one call with paging {offset, length}', async () => {
		const requests = rpc(({ params }) => {
			const { offset, length } = params.paging as { offset: number; length: number };
			return { profiles: Array.from({ length }, (_, i) => ({ username: `user${offset + i}` })), count: 500 };
		});
		const result = await run({ resource: 'user', operation: 'list_profiles', onePage: true, offset: 10, pageSize: 2 });
		expect(result.error).toBeUndefined();
		expect(requests.map((request) => request.params)).toEqual([{ paging: { offset: 10, length: 2 } }]);
		expect(jsons(result)).toEqual([{ username: 'user10' }, { username: 'user11' }]);
	});

	test('One Page: page, size and offset are checked against the document\'s limits before any request', async () => {
		const requests = rpc(() => ({ tickets: [] }));
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ resource: 'support', operation: 'list_tickets', page: 0, pageSize: 10 }, 'Page (pagination.page) must be a whole number of at least 1 (got 0)'],
			[{ resource: 'support', operation: 'list_tickets', page: 1.5, pageSize: 10 }, 'Page (pagination.page) must be a whole number of at least 1 (got 1.5)'],
			[{ resource: 'support', operation: 'list_tickets', page: 1, pageSize: -1 }, 'Page Size (pagination.per_page) must be a whole number of at least 0 (got -1)'],
			[{ resource: 'support', operation: 'list_tickets', page: 'two', pageSize: 10 }, 'Page (pagination.page) must be a whole number of at least 1 (got "two")'],
			[{ resource: 'user', operation: 'list_profiles', offset: -1, pageSize: 2 }, 'Offset (paging.offset) must be a whole number of at least 0 (got -1)'],
			[{ resource: 'user', operation: 'list_profiles', offset: 0, pageSize: 0 }, 'Page Size (paging.length) must be a whole number of at least 1 (got 0)'],
		];
		for (const [parameters, message] of cases) {
			const result = await run({ ...parameters, onePage: true });
			expect(result.error?.message).toBe(`Item 0: ${message}`);
			expect(result.error?.description).toContain('Nothing was sent to');
		}
		expect(requests).toHaveLength(0);
	});

	test('page style without pagination info in the reply (list_reports): a short page is the last', async () => {
		const requests = rpc(({ params }) => {
			const { page } = params.pagination as { page: number };
			return { list: Array.from({ length: page < 2 ? 100 : 5 }, (_, i) => ({ uuid: `r${page}-${i}` })) };
		});
		const result = await run({ resource: 'diagnostics', operation: 'list_reports', returnAll: true });
		expect(requests).toHaveLength(2);
		expect(result.items).toHaveLength(105);
	});

	test('offset style (user list_profiles): paging {offset, length} over 3 pages until count', async () => {
		const requests = rpc(({ params }) => {
			const { offset, length } = params.paging as { offset: number; length: number };
			const rows = Array.from({ length: Math.max(0, Math.min(length, 230 - offset)) }, (_, i) => ({ user: { username: `u${offset + i}@example.com` } }));
			return { profiles: rows, count: 230 };
		});
		const result = await run({
			resource: 'user',
			operation: 'list_profiles',
			returnAll: true,
			additionalFields: { sort: { username: 'DESC' } },
		});
		expect(requests.map((request) => request.params)).toEqual([0, 100, 200].map((offset) => ({ sort: { username: 'DESC' }, paging: { offset, length: 100 } })));
		expect(result.items).toHaveLength(230);
		expect(result.items[229].json).toEqual({ user: { username: 'u229@example.com' } });
	});

	test('offset style: a server that gives shorter pages than asked is still read to the end (count), Limit respected', async () => {
		const requests = rpc(({ params }) => {
			const { offset } = params.paging as { offset: number };
			return { profiles: Array.from({ length: Math.min(40, 130 - offset) }, (_, i) => ({ n: offset + i })), count: 130 };
		});
		const result = await run({ resource: 'user', operation: 'list_profiles', returnAll: false, limit: 90 });
		expect(requests.map((request) => request.params.paging)).toEqual([0, 40, 80].map((offset) => ({ offset, length: 90 })));
		expect(jsons(result).map((row) => row.n)).toEqual(Array.from({ length: 90 }, (_, i) => i));
	});
});

describe('Nextpertise node: zipcode keeps valid results and surfaces per-provider errors', () => {
	test('broadband zipcode: available providers kept, inline errors listed and flagged, the item does not fail', async () => {
		const reply = documented('broadband/zipcode', 'Fetch data for all providers at once') as IDataObject;
		const requests = rpc(() => structuredClone(reply));
		const result = await run({
			resource: 'broadband',
			operation: 'zipcode',
			zipcode: '2408ZE',
			housenr: 10,
			additionalFields: { filter: { timeout: 30 } },
		});
		expect(result.error).toBeUndefined();
		expect(requests[0].params).toEqual({ zipcode: '2408ZE', housenr: 10, filter: { timeout: 30 } });
		const [item] = jsons(result);
		expect(Object.keys(item.available as IDataObject).sort()).toEqual(['EUROFIBER', 'KPNWBA', 'KPNWEAS', 'TELE2']);
		expect(item.errors).toEqual(reply.errors);
		expect(item.hasErrors).toBe(true);
		expect(item.failedProviders).toEqual(['WAUWAU', 'NDIX', 'ZIGGO']);
		expect(item.providerErrors).toEqual([
			{ provider: 'WAUWAU', code: null, message: expect.stringMatching(/^This request could did not complete successfully/) },
			{ provider: 'NDIX', code: null, message: 'limit reached for current timespan' },
			{ provider: 'ZIGGO', code: null, message: expect.stringMatching(/^This request could did not complete successfully/) },
		]);
		expect(item.comments).toEqual(reply.comments);
	});

	test('broadband/basic zipcode without errors: hasErrors false; an error object keyed by provider is read too', async () => {
		rpc(({ path }) =>
			path === '/broadband/basic/v1'
				? documented('broadband/basic/zipcode', 'Fetch data for a single provider')
				: { CADASTRAL: { housenrexts: [] }, error: { KPNWBA: { message: 'Service temporarily not available', code: 4 } } },
		);
		const basic = await run({ resource: 'broadbandBasic', operation: 'zipcode', zipcode: '2408ZE', housenr: 10, additionalFields: { filter: { provider: ['TELE2'] } } });
		expect(jsons(basic)[0]).toMatchObject({ hasErrors: false, failedProviders: [], providerErrors: [], errors: [] });
		expect(Object.keys(jsons(basic)[0].available as IDataObject)).toEqual(['TELE2']);
		const extensions = await run({ resource: 'postcodes', operation: 'get_housenrext', zipcode: '2584TX', housenr: 16 });
		expect(jsons(extensions)[0]).toMatchObject({
			hasErrors: true,
			failedProviders: ['KPNWBA'],
			providerErrors: [{ provider: 'KPNWBA', code: 4, message: 'Service temporarily not available' }],
		});
	});
});

describe('Nextpertise node: attachments upload from binary', () => {
	const uploadParameters = { resource: 'attachments', operation: 'upload', binaryPropertyName: 'data', additionalFields: { context: 'connection', description: 'description' } };

	test('the binary is Base64-encoded into file, its name into filename', async () => {
		const requests = rpc(() => ({ attachment_uuid: '9565f326-3a53-4649-9d20-8b0434a09529' }));
		const nodeType = withBinaryInput(node, [{ data: memoryFile('Hello world!!!', 'test.txt', 'text/plain') }]);
		const result = await run(uploadParameters, [{}], { nodeType });
		expect(result.error).toBeUndefined();
		expect(requests[0]).toMatchObject({ path: '/attachments/v1', method: 'upload' });
		expect(requests[0].params).toEqual({ context: 'connection', description: 'description', file: 'SGVsbG8gd29ybGQhISE=', filename: 'test.txt' });
		expect(result.items).toEqual([{ json: { attachment_uuid: '9565f326-3a53-4649-9d20-8b0434a09529' }, pairedItem: { item: 0 } }]);
	});

	test('a given filename wins; a file in the binary store is read from there', async () => {
		const requests = rpc(() => ({ attachment_uuid: 'u' }));
		const store = new FakeBinaryStore();
		const nodeType = withBinaryInput(node, [{ scan: store.put(Buffer.from('%PDF-1.4 test'), 'scan.pdf') }]);
		await run({ ...uploadParameters, binaryPropertyName: 'scan', additionalFields: { filename: 'report.pdf' } }, [{}], { nodeType });
		expect(requests[0].params).toEqual({ file: Buffer.from('%PDF-1.4 test').toString('base64'), filename: 'report.pdf' });
		expect(store.reads).toBe(1);
	});

	test('missing, empty and too large files are refused before anything is sent, naming item and file', async () => {
		const requests = rpc(() => ({ attachment_uuid: 'u' }));
		const missing = await run(uploadParameters, [{}], { nodeType: withBinaryInput(node, [{ other: memoryFile('x', 'x.txt') }]) });
		expect(missing.error?.message).toBe('Item 0: binary property "data" not found on this item');
		expect(missing.error?.description).toBe('Its binary properties are: other');

		const empty = await run(uploadParameters, [{}], { nodeType: withBinaryInput(node, [{ data: memoryFile('', 'empty.txt') }]) });
		expect(empty.error?.message).toBe('Item 0: file "empty.txt" in binary property "data" is empty; nothing to upload');

		const store = new FakeBinaryStore();
		const big = store.put(Buffer.alloc(MAX_UPLOAD_BYTES + 1), 'huge.iso');
		const tooLarge = await run(uploadParameters, [{}, {}], {
			nodeType: withBinaryInput(node, [{ data: memoryFile('ok', 'ok.txt') }, { data: big }]),
		});
		expect(tooLarge.error?.message).toBe('Item 1: file "huge.iso" in binary property "data" is 20.0 MB, more than the 20.0 MB the node uploads');
		expect(store.reads).toBe(0);
		expect(requests).toHaveLength(0);
	});
});

describe('Nextpertise node: Parameters as JSON', () => {
	test('the JSON is validated like the fields (normalised, coerced) and sent', async () => {
		const requests = rpc(() => ({ housenrs: [2, 4] }));
		const result = await run({ resource: 'postcodes', operation: 'get_housenrs', jsonParameters: true, parametersJson: '{"zipcode": "2584 tx"}' });
		expect(requests[0].params).toEqual({ zipcode: '2584TX' });
		expect(jsons(result)).toEqual([{ housenrs: [2, 4] }]);
	});

	test('bad JSON, a wrong value and the paging param are refused before any request', async () => {
		const requests = rpc(() => ({}));
		const broken = await run({ resource: 'support', operation: 'get_ticket', jsonParameters: true, parametersJson: '{"id": ' });
		expect(broken.error?.message).toMatch(/^Item 0: Parameters \(JSON\) is not valid JSON: /);
		const wrong = await run({ resource: 'broadband', operation: 'set_tags', jsonParameters: true, parametersJson: '{"nid": "2408ZE", "tags": ["office"]}' });
		expect(wrong.error?.message).toBe(
			'Item 0: nid must be a Nextpertise NID (carrier or circuit ID) like 2408ZE000100100 (regex ^[0-9]{4}[A-Z]{2}[0-9]{5}[0-9A-Z]{4}$) (or null), got "2408ZE"',
		);
		const paging = await run({ resource: 'support', operation: 'list_tickets', jsonParameters: true, parametersJson: '{"pagination": {"page": 1}}', returnAll: true });
		expect(paging.error?.message).toBe('Item 0: Parameters (JSON): remove "pagination"; the node pages for you (use Return All or Limit, or One Page for a page of your choice)');
		expect(requests).toHaveLength(0);
	});

	test('paginated methods still page in JSON mode', async () => {
		const requests = rpc(({ params }) => {
			const { page } = params.pagination as { page: number };
			return { tickets: [{ id: page }], pagination: { next_page: page < 3 ? page + 1 : null } };
		});
		const result = await run({ resource: 'support', operation: 'list_tickets', jsonParameters: true, parametersJson: { filter: { search: 'Nextpertise' } }, returnAll: true });
		expect(requests.map((request) => request.params)).toEqual([1, 2, 3].map((page) => ({ filter: { search: 'Nextpertise' }, pagination: { page, per_page: 100 } })));
		expect(jsons(result)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
	});
});

describe('Nextpertise node: bad input and failures', () => {
	const setTags = { resource: 'broadband', operation: 'set_tags', nid: '={{ $json.nid }}', tags: ['={{ $json.tag }}'] };

	test('a bad value on a later item stops the node before any request, naming item, field path and format', async () => {
		const requests = rpc(() => ({}));
		const result = await run(
			{
				resource: 'broadband',
				operation: 'order_connection',
				zipcode: '={{ $json.zipcode }}',
				housenr: 9,
				carrier: 633,
				circuit: { values: [{ circuit: 272 }, { circuit: '={{ $json.circuit }}' }] },
			},
			[
				{ zipcode: '2408ZE', circuit: 274 },
				{ zipcode: '2408ZE', circuit: 'fast' },
			],
		);
		expect(result.error?.message).toBe('Item 1: circuit[1].circuit must be a whole number, got "fast"');
		expect(result.error?.description).toBe('Nothing was sent to order_connection.');
		expect(requests).toHaveLength(0);

		const postcode = await run({ resource: 'broadband', operation: 'carriercheck', zipcode: '24080', housenr: 2, carrier: 'Copper' });
		expect(postcode.error?.message).toBe('Item 0: zipcode must be a Dutch postcode like 2408ZE (regex ^[0-9]{4}[A-Z]{2}$), got "24080"');
		const phone = await run({ resource: 'broadband', operation: 'change_contact', nid: '2408ZE000100100', additionalFields: { contact_email: 'nope' } });
		expect(phone.error?.message).toMatch(/^Item 0: contact_email must be an email address like info@example.com \(regex /);
		const required = await run({ resource: 'support', operation: 'get_ticket', id: '' });
		expect(required.error?.message).toBe('Item 0: id is required but empty: it must be a whole number');
		expect(requests).toHaveLength(0);
	});

	test('Continue On Fail: bad input and API errors become error items with pairedItem, the others go on', async () => {
		const requests = rpc(({ params }) =>
			params.nid === '2408ZE000100300' ? rpcError(8, 'Failed to update requested (2408ZE000100300).') : { nid: params.nid, tags: params.tags },
		);
		const result = await run(
			setTags,
			[
				{ nid: '2408ZE000100100', tag: 'office' },
				{ nid: 'bad', tag: 'office' },
				{ nid: '2408ZE000100300', tag: 'data' },
				{ nid: '2408ZE000100400', tag: 'voice' },
			],
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(requests.map((request) => request.params.nid)).toEqual(['2408ZE000100100', '2408ZE000100300', '2408ZE000100400']);
		expect(result.items).toEqual([
			{ json: { nid: '2408ZE000100100', tags: ['office'] }, pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ error: expect.stringMatching(/^Item 1: nid must be a Nextpertise NID/) }), pairedItem: { item: 1 } },
			{ json: expect.objectContaining({ error: 'Nextpertise error 008: Failed to update requested (2408ZE000100300).' }), pairedItem: { item: 2 } },
			{ json: { nid: '2408ZE000100400', tags: ['voice'] }, pairedItem: { item: 3 } },
		]);
	});

	test('without Continue On Fail, a failed write names the items that were already sent', async () => {
		rpc(({ params }) => (params.nid === '2408ZE000100300' ? rpcError(8, 'Failed to update requested (2408ZE000100300).') : {}));
		const result = await run(setTags, [
			{ nid: '2408ZE000100100', tag: 'office' },
			{ nid: '2408ZE000100200', tag: 'office' },
			{ nid: '2408ZE000100300', tag: 'data' },
		]);
		expect(result.error?.message).toBe('Nextpertise error 008: Failed to update requested (2408ZE000100300).');
		expect(result.error?.description).toMatch(/Earlier items WERE sent to set_tags \(items 0–1\); do not send them again\.$/);
	});

	test('Limit must be a whole number of at least 1', async () => {
		const requests = rpc(() => ({}));
		const result = await run({ resource: 'support', operation: 'list_tickets', returnAll: false, limit: 0 });
		expect(result.error?.message).toBe('Item 0: Limit must be a whole number of at least 1 (got 0)');
		expect(requests).toHaveLength(0);
	});
});

describe('Nextpertise node: dropdowns (load options)', () => {
	const load = async (method: string, parameters: Record<string, unknown> = {}) =>
		await runLoadOptions({ nodeType: node, method, parameters: parameters as never, credentials: nextpertiseCredentialStore() });

	test('providers, carriers (all pages), circuits and SLAs of the chosen carrier, contract durations, end users', async () => {
		const requests = rpc(({ method, params }) => {
			switch (method) {
				case 'list_providers':
					return documented('broadband/list_providers');
				case 'list_carriers': {
					const { page } = params.pagination as { page: number };
					return {
						carriers: [{ product_id: 600 + page, name: `Carrier ${page}`, supplier: 'KPNWBA' }],
						pagination: { next_page: page < 3 ? page + 1 : null },
					};
				}
				case 'list_circuits':
					return { circuits: [{ product_id: 280, name: 'Circuit 1Gb', supplier: 'KPNWBA' }], pagination: { next_page: null } };
				case 'list_slas':
					return { ...(documented('broadband/list_slas') as IDataObject), pagination: { next_page: null } };
				case 'list_contract_durations':
					return { 633: { contract_durations: [24, 12, 36], default_contract_duration: 12 } };
				case 'list_endusers':
					return documented('enduser/list_endusers');
			}
			return {};
		});
		const providers = await load('getProviders');
		expect(providers.map((option) => option.value)).toEqual(['EUROFIBER', 'FOREFREEDOM', 'KPNWBA', 'KPNWEAS', 'NDIX', 'TELE2', 'WAUWAU', 'ZIGGO']);
		expect(await load('getCarriers')).toEqual([601, 602, 603].map((id, i) => ({ name: `Carrier ${i + 1} (KPNWBA)`, value: id, description: `Product ID ${id}` })));
		expect(await load('getCircuits', { carrier: 633 })).toEqual([{ name: 'Circuit 1Gb (KPNWBA)', value: 280, description: 'Product ID 280' }]);
		expect(await load('getSlas', { carrier: 633 })).toEqual([
			{ name: 'Best Effort (KPNWBA)', value: 606, description: 'KPNWBA Best Effort - Standard (Copper)' },
		]);
		expect(await load('getContractDurations', { carrier: 633 })).toEqual([
			{ name: '12 months (default)', value: 12 },
			{ name: '24 months', value: 24 },
			{ name: '36 months', value: 36 },
		]);
		expect(await load('getEndusers')).toEqual([
			{ name: 'Dierenhoekje (1075SC 53)', value: 'fe1f15a3-b255-4572-afeb-1edd961137b9', description: 'fe1f15a3-b255-4572-afeb-1edd961137b9' },
			{ name: 'Nextpertise Office (2408ZE 10)', value: 'abcde123-0123-4abc-9876-012345678912', description: 'abcde123-0123-4abc-9876-012345678912' },
		]);
		const byMethod = (name: string) => requests.filter((request) => request.method === name).map((request) => request.params);
		expect(byMethod('list_carriers')).toEqual([1, 2, 3].map((page) => ({ pagination: { page, per_page: 100 } })));
		expect(byMethod('list_circuits')).toEqual([{ filter: { carrier_id: 633 }, pagination: { page: 1, per_page: 100 } }]);
		expect(byMethod('list_slas')).toEqual([{ filter: { carrier_id: 633 }, pagination: { page: 1, per_page: 100 } }]);
		expect(byMethod('list_contract_durations')).toEqual([{ filter: { carrier_product_id: 633 } }]);
	});

	test('house numbers and extensions use the current zipcode / housenr values', async () => {
		const requests = rpc(({ method }) =>
			method === 'get_housenrs' ? documented('postcodes/get_housenrs') : documented('postcodes/get_housenrext'),
		);
		const numbers = await load('getHouseNumbers', { resource: 'postcodes', operation: 'get_housenrext', zipcode: '2584 tx' });
		expect(numbers.map((option) => option.value)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
		const extensions = await load('getHouseNumberExtensions', { zipcode: '2584TX', housenr: 16 });
		expect(extensions).toEqual([
			{ name: '(None)', value: '' },
			{ name: 'A', value: 'A' },
			{ name: 'KVD', value: 'KVD' },
		]);
		expect(requests.map((request) => [request.path, request.method, request.params])).toEqual([
			['/postcodes/v1', 'get_housenrs', { zipcode: '2584TX' }],
			['/postcodes/v1', 'get_housenrext', { zipcode: '2584TX', housenr: 16 }],
		]);
	});

	test('failures give a readable message', async () => {
		rpc(({ method }) => (method === 'get_housenrext' ? { error: { CADASTRAL: { message: 'Invalid zipcode/housenr combination: (2584TX,99,)', code: 2 } } } : rpcError(12, 'Config Prohibited Error.')));
		await expect(load('getCarriers')).rejects.toThrow(/^Could not load the carriers from Nextpertise: Nextpertise error 012: Config Prohibited Error\./);
		await expect(load('getHouseNumbers', { zipcode: '={{ $json.zip }}' })).rejects.toThrow('Enter a Zipcode first (a Dutch postcode like 2408ZE)');
		await expect(load('getHouseNumbers', { zipcode: '24' })).rejects.toThrow('"24" is not a Dutch postcode like 2408ZE');
		await expect(load('getContractDurations', {})).rejects.toThrow('Choose a carrier first: contract durations depend on the carrier product');
		await expect(load('getHouseNumberExtensions', { zipcode: '2584TX', housenr: 99 })).rejects.toThrow(
			'Could not load the house number extensions of 2584TX 99 from Nextpertise: CADASTRAL: Invalid zipcode/housenr combination: (2584TX,99,)',
		);
		nock.cleanAll();
		nock(NEXTPERTISE_TEST_HOST).post('/enduser/v1').reply(401, { message: 'You cannot consume this service' });
		await expect(load('getEndusers')).rejects.toThrow(/^Could not load the end users from Nextpertise: Nextpertise refused access \(HTTP 401\)/);
	});
});
