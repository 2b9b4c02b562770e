import nock from 'nock';

import { ERROR_CODES } from '../../nodes/shared/nextpertise/catalogue';
import { describeJsonRpcError, documentedCode } from '../../nodes/shared/nextpertise/jsonRpcErrors';
import { everyText } from '../harness/kpnNock';
import { nextpertiseCredentialStore, NEXTPERTISE_PASSWORD, NEXTPERTISE_TEST_HOST } from '../harness/nextpertiseCredentials';
import { NextpertiseProbe } from '../harness/nextpertiseProbeNode';
import { runNode } from '../harness/runNode';

const probe = new NextpertiseProbe();
const run = async (parameters: Record<string, unknown> = {}, itemCount = 1) =>
	await runNode({
		nodeType: probe,
		parameters: parameters as never,
		items: Array.from({ length: itemCount }, () => ({})),
		credentials: nextpertiseCredentialStore(),
	});
type RpcBody = { jsonrpc: string; id: number; method: string; params: unknown };
const ok = (result: unknown) => (_uri: string, body: RpcBody) => ({ jsonrpc: '2.0', id: body.id, result });
const rpcError = (error: Record<string, unknown>) => (_uri: string, body: RpcBody) => ({ jsonrpc: '2.0', id: body.id, error });

describe('Nextpertise JSON-RPC transport', () => {
	test('posts a JSON-RPC 2.0 envelope to <base>/<product class>/v1 and returns the result', async () => {
		const sent: RpcBody[] = [];
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/broadband/basic/v1', (body: RpcBody) => {
				sent.push(body);
				return true;
			})
			.matchHeader('content-type', /application\/json/)
			.reply(200, ok({ providers: ['KPNWBA'] }));
		const result = await run({ productClass: 'broadband/basic', method: 'list_providers', params: {} });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(sent).toEqual([{ jsonrpc: '2.0', id: 1, method: 'list_providers', params: {} }]);
		expect(result.items[0].json).toEqual({ result: { providers: ['KPNWBA'] } });
	});

	test('every call of a run gets its own id and the reply id is checked', async () => {
		const ids: number[] = [];
		nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1', (body: RpcBody) => {
				ids.push(body.id);
				return true;
			})
			.times(3)
			.reply(200, ok({ housenrs: [1] }));
		const result = await run({ params: { zipcode: '2584TX' } }, 3);
		expect(result.error).toBeUndefined();
		expect(ids).toEqual([1, 2, 3]);
	});

	test('a reply with another id is refused', async () => {
		nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').reply(200, { jsonrpc: '2.0', id: 999, result: {} });
		const result = await run();
		expect(result.error?.message).toBe('Nextpertise answered a different request');
		expect(result.error?.description).toContain('sent with id 1, the reply carries id 999');
	});

	test('a reply with neither result nor error is refused', async () => {
		nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').reply(200, (_uri: string, body: RpcBody) => ({ jsonrpc: '2.0', id: body.id }));
		const result = await run();
		expect(result.error?.message).toBe('Nextpertise answered without a result');
	});

	test('a reply that is not JSON is a clear error', async () => {
		nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').reply(200, '<html>maintenance</html>', { 'Content-Type': 'text/html' });
		const result = await run();
		expect(result.error?.message).toBe('Nextpertise answered with something that is not a JSON-RPC reply');
		expect(result.error?.description).toContain('<html>maintenance</html>');
	});

	describe.each(ERROR_CODES.map((spec) => [spec.code, spec] as const))('documented error %s', (code, spec) => {
		test.each([
			['a number', Number(code)],
			['a three-digit string', code],
		])('sent as %s becomes a NodeApiError with the documented meaning', async (_label, wireCode) => {
			const message = spec.message.replace('%s', 'x').replace('%d', '1');
			nock(NEXTPERTISE_TEST_HOST).post('/email/v1').reply(200, rpcError({ code: wireCode, message }));
			const result = await run({ productClass: 'email', method: 'delete_mailbox', params: { mailbox: 'a@example.com' } });
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(`Nextpertise error ${code}: ${message}`);
			expect(result.error?.description).toContain('delete_mailbox on /email/v1 failed.');
			expect(result.error?.description).toContain(spec.meaning.split('\n')[0]);
		});
	});

	describe.each(ERROR_CODES.map((spec) => [spec.code, spec] as const))('documented error %s in an HTTP error body', (code, spec) => {
		test.each([400, 500])('HTTP %i: the same documented meaning and cid as on HTTP 200, with the status kept', async (status) => {
			const message = spec.message.replace('%s', 'x').replace('%d', '1');
			nock(NEXTPERTISE_TEST_HOST)
				.post('/email/v1')
				.reply(status, (_uri: string, body: RpcBody) => ({ jsonrpc: '2.0', id: body.id, error: { code, message, data: { cid: 'cid-42' } } }));
			const result = await run({ productClass: 'email', method: 'delete_mailbox', params: { mailbox: 'a@example.com' }, safeToRetry: false });
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(`Nextpertise error ${code}: ${message} (HTTP ${status})`);
			expect(result.error?.httpCode).toBe(String(status));
			expect(result.error?.description).toContain(`delete_mailbox on /email/v1 failed with HTTP ${status}.`);
			expect(result.error?.description).toContain(spec.meaning.split('\n')[0]);
			expect(result.error?.description).toContain('Correlation id (cid): cid-42');
			if (status === 500) {
				expect(result.error?.description).toContain('delete_mailbox changes data, so it was not sent again: check in InControl whether it took effect');
			}
		});
	});

	test('a JSON-RPC error in an HTTP 503 body: a read is retried, then described with code, meaning, tries and status', async () => {
		const spec = ERROR_CODES.find((entry) => entry.code === '001')!;
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.times(3)
			.reply(503, (_uri: string, body: RpcBody) => ({ jsonrpc: '2.0', id: body.id, error: { code: 1, message: 'Undocumented Error (cid: ab-1)' } }), {
				'Retry-After': '0',
			});
		const result = await run({ safeToRetry: true });
		expect(api.isDone()).toBe(true);
		expect(result.error?.message).toBe('Nextpertise error 001: Undocumented Error (cid: ab-1) (HTTP 503)');
		expect(result.error?.description).toContain('failed with HTTP 503 after 3 tries.');
		expect(result.error?.description).toContain(spec.meaning.split('\n')[0]);
		expect(result.error?.description).toContain('Correlation id (cid): ab-1');
	});

	test('a JSON-RPC error in an HTTP 401/403 body keeps the access hint; a body with only a message is read as before', async () => {
		nock(NEXTPERTISE_TEST_HOST)
			.post('/broadband/v1')
			.reply(403, (_uri: string, body: RpcBody) => ({ jsonrpc: '2.0', id: body.id, error: { code: '012', message: 'Config Prohibited Error.' } }));
		const refused = await run({ productClass: 'broadband', method: 'list_connections', permission: '#broadband-r' });
		expect(refused.error?.message).toBe('Nextpertise error 012: Config Prohibited Error. (HTTP 403)');
		expect(refused.error?.description).toContain('the permission #broadband-r');
		expect(refused.error?.httpCode).toBe('403');

		// The document's own HTTP 401 example body.
		nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').reply(401, { message: 'You cannot consume this service' });
		const plain = await run();
		expect(plain.error?.message).toBe('Nextpertise refused access (HTTP 401): You cannot consume this service');
	});

	test('the correlation id (cid) is shown, from the error, its data or its message', async () => {
		nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.reply(200, rpcError({ code: 1, message: 'Undocumented Error, please report to Nextpertise and refer to cid: ab12-cd34.' }));
		const fromMessage = await run();
		expect(fromMessage.error?.description).toContain('Correlation id (cid): ab12-cd34');
		expect(describeJsonRpcError({ code: '001', message: 'x', data: { cid: 'c-9' } }).cid).toBe('c-9');
		expect(describeJsonRpcError({ code: '001', message: 'x', cid: 'c-7' }).cid).toBe('c-7');
	});

	test('JSON-RPC standard codes and unknown codes keep the server message', async () => {
		nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').reply(200, rpcError({ code: -32601, message: 'Method not found' }));
		const result = await run({ method: 'no_such_method' });
		expect(result.error?.message).toBe('Nextpertise error -32601: Method not found');
		expect(result.error?.description).toContain('this product class has no such method');
		expect(documentedCode(9)).toBeUndefined();
		expect(documentedCode('12')).toBe('012');
		expect(describeJsonRpcError({ code: 42 })).toEqual({
			code: '42',
			message: 'Nextpertise reported an error without a message',
			meaning: undefined,
			cid: undefined,
		});
	});

	test('HTTP 404 names the endpoint and the Base URL (the document\'s HTML body is not shown)', async () => {
		nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').reply(404, '<!DOCTYPE HTML PUBLIC><title>404 Not Found</title>', {
			'Content-Type': 'text/html',
		});
		const result = await run();
		expect(result.error?.message).toBe('Nextpertise has no endpoint /postcodes/v1 (HTTP 404)');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toContain("You tried to access a resource that doesn't exist.");
		expect(result.error?.description).toContain('Base URL');
	});

	test('a read is retried on 503 and on 429 with Retry-After, then succeeds', async () => {
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.reply(503, 'busy')
			.post('/postcodes/v1')
			.reply(429, { message: 'slow down' }, { 'Retry-After': '0' })
			.post('/postcodes/v1')
			.reply(200, ok({ housenrs: [16] }));
		const result = await run({ safeToRetry: true });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.items[0].json).toEqual({ result: { housenrs: [16] } });
	}, 20_000);

	test('a read that keeps failing gives up after 3 tries with a clear error', async () => {
		const api = nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').times(3).reply(503, '', { 'Retry-After': '0' });
		const result = await run({ safeToRetry: true });
		expect(api.isDone()).toBe(true);
		expect(result.error?.message).toBe('Nextpertise is temporarily unavailable (HTTP 503)');
		expect(result.error?.description).toContain('after 3 tries');
	});

	test.each([429, 500, 502, 503])('a write answered %i is sent once, never again', async (status) => {
		let calls = 0;
		nock(NEXTPERTISE_TEST_HOST)
			.post('/broadband/v1')
			.times(5)
			.reply(() => {
				calls++;
				return [status, '', { 'Retry-After': '0' }];
			});
		const result = await run({
			productClass: 'broadband',
			method: 'order_connection',
			params: { zipcode: '2408ZE', housenr: 9, carrier: 633, circuit: [{ circuit: 272 }] },
			safeToRetry: false,
		});
		expect(calls).toBe(1);
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.description).toContain(
			status === 429
				? 'Nextpertise refused order_connection before carrying it out; it changes data, so it was not sent again: repeat it later.'
				: 'order_connection changes data, so it was not sent again: check in InControl whether it took effect',
		);
		nock.cleanAll();
	});

	test.each([500, 502, 504])('a read answered %i is retried like KPN reads; a 400 is not', async (status) => {
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.reply(status, { message: 'boom' }, { 'Retry-After': '0' })
			.post('/postcodes/v1')
			.reply(200, ok({ housenrs: [2] }));
		const read = await run({ safeToRetry: true });
		expect(read.error).toBeUndefined();
		expect(api.isDone()).toBe(true);

		let calls = 0;
		nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.times(3)
			.reply(() => {
				calls++;
				return [400, { message: 'bad request' }];
			});
		const refused = await run({ safeToRetry: true });
		expect(calls).toBe(1);
		expect(refused.error?.message).toBe('Nextpertise answered HTTP 400: bad request');
		nock.cleanAll();
	});

	test('a JSON-RPC error is never retried, even for a read', async () => {
		let calls = 0;
		nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.times(3)
			.reply(200, (_uri: string, body: RpcBody) => {
				calls++;
				return { jsonrpc: '2.0', id: body.id, error: { code: 4, message: 'Service temporarily not available at this address (2584TX,16,).' } };
			});
		const result = await run({ safeToRetry: true });
		expect(calls).toBe(1);
		expect(result.error?.message).toContain('Nextpertise error 004');
		nock.cleanAll();
	});

	test('a refused connection says Nextpertise could not be reached, without the password', async () => {
		const result = await runNode({
			nodeType: probe,
			parameters: {},
			credentials: nextpertiseCredentialStore({ baseUrl: 'http://127.0.0.1:1' }),
		});
		expect(result.error?.message).toContain('ECONNREFUSED');
		expect(result.error?.description).toBe('get_housenrs on /postcodes/v1 was not answered.');
		expect(everyText(result.run)).not.toContain(NEXTPERTISE_PASSWORD);
	});
});
