import nock from 'nock';

import { kpnCredentialStore, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { mockKpnTokens } from '../harness/kpnNock';
import { KpnProbe } from '../harness/kpnProbeNode';
import { runNode } from '../harness/runNode';

const probe = new KpnProbe();
const run = async (parameters: Record<string, unknown> = {}) =>
	await runNode({ nodeType: probe, parameters: parameters as never, credentials: kpnCredentialStore() });

beforeEach(() => {
	mockKpnTokens();
});

describe('KPN transport', () => {
	test('builds the URL from base URL, base path and path, sends JSON and returns quota headers', async () => {
		const api = nock(KPN_TEST_HOST)
			.post('/network/kpn/incident/NewIncident', { a: 1 })
			.matchHeader('accept', 'application/json')
			.reply(200, { ok: true }, {
				'quota-limit': '1000',
				'quota-used': '7',
				'quota-interval': '1',
				'quota-time-unit': 'month',
				'quota-reset-UTC': '2026-12-01T00:00:00Z',
			});
		const result = await run({ method: 'POST', basePath: '/network/kpn/incident/', path: 'NewIncident', body: { a: 1 } });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.items[0].json).toEqual({
			body: { ok: true },
			statusCode: 200,
			quota: { limit: '1000', used: '7', interval: '1', timeUnit: 'month', resetUtc: '2026-12-01T00:00:00Z' },
		});
	});

	test.each([
		[400, { errorResponse: { code: '400', message: 'Invalid sender', info: 'see https://developer.kpn.com' } }, 'KPN: Invalid sender — see https://developer.kpn.com'],
		[403, { fault: { faultstring: 'Access denied', detail: { errorcode: 'accesscontrol.IPDeniedAccess' } } }, 'KPN: Access denied (accesscontrol.IPDeniedAccess)'],
		[404, '<html>not found</html>', 'KPN: Not found: check the ID and the API path'],
		[500, { errorResponse: { code: '500', message: 'internal server error' } }, 'KPN: internal server error'],
		[502, {}, 'KPN: Bad gateway: KPN could not reach the service behind its gateway'],
		[412, { transactionId: 't1', status: 412, name: 'PreconditionFailed', message: 'Ticket is closed' }, 'KPN: Ticket is closed'],
	])('HTTP %i becomes a NodeApiError with KPN\'s own message', async (status, body, message) => {
		nock(KPN_TEST_HOST).get('/test/api/thing').reply(status, body as never);
		const result = await run({ retryOn: [] });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.description).toContain(`GET /test/api/thing failed (HTTP ${status}`);
	});

	test('a read is retried on 429 honouring Retry-After, then succeeds', async () => {
		const api = nock(KPN_TEST_HOST)
			.get('/test/api/thing')
			.reply(429, { errorResponse: { code: '429', message: 'Too many requests' } }, { 'Retry-After': '1' })
			.get('/test/api/thing')
			.reply(200, { ok: 1 });
		const started = Date.now();
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('a read is retried on 503 at most 3 tries in all, then reported', async () => {
		const api = nock(KPN_TEST_HOST).get('/test/api/thing').times(3).reply(503, {}, { 'Retry-After': '0' });
		const extra = nock(KPN_TEST_HOST).get('/test/api/thing').reply(200, {});
		const result = await run();
		expect(api.isDone()).toBe(true);
		expect(extra.isDone()).toBe(false);
		expect(result.error?.message).toBe('KPN: Service unavailable: the KPN service is temporarily down');
		expect(result.error?.description).toContain('after 3 tries');
	});

	test('a Retry-After longer than the 60 s budget is not waited for', async () => {
		nock(KPN_TEST_HOST).get('/test/api/thing').reply(429, {}, { 'Retry-After': '120' });
		const started = Date.now();
		const result = await run();
		expect(result.error?.httpCode).toBe('429');
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('a request not marked safe to repeat is not retried on 503 or 500', async () => {
		const api = nock(KPN_TEST_HOST).post('/test/api/thing').reply(503, {}, { 'Retry-After': '0' });
		const again = nock(KPN_TEST_HOST).post('/test/api/thing').reply(200, {});
		const result = await run({ method: 'POST', retryOn: [] });
		expect(api.isDone()).toBe(true);
		expect(again.isDone()).toBe(false);
		expect(result.error?.httpCode).toBe('503');
	});

	test('a 200 with a body that is not JSON is a clear error', async () => {
		nock(KPN_TEST_HOST).get('/test/api/thing').reply(200, '{"broken": ', { 'Content-Type': 'application/json' });
		const result = await run();
		expect(result.error?.message).toBe('KPN answered with something that is not JSON');
	});

	test('a refused connection says KPN could not be reached', async () => {
		const closed = 'http://127.0.0.1:1';
		nock(closed, { allowUnmocked: true }).post('/oauth/client_credential/accesstoken').query(true).reply(200, { access_token: 'local' });
		const result = await runNode({
			nodeType: probe,
			parameters: {},
			credentials: kpnCredentialStore({
				baseUrl: closed,
				tokenUrl: `${closed}/oauth/client_credential/accesstoken?grant_type=client_credentials`,
			}),
		});
		expect(result.error?.message).toBe('Could not reach KPN: connect ECONNREFUSED 127.0.0.1:1');
		expect(result.error?.description).toBe('GET /test/api/thing was not answered.');
	});
});
