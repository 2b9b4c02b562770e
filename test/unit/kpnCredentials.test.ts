import nock from 'nock';

import { KpnApi } from '../../credentials/KpnApi.credentials';
import { KpnMobileServiceManagementApi } from '../../credentials/KpnMobileServiceManagementApi.credentials';
import { kpnCredentialStore, KPN_CLIENT_SECRET, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { everyText, mockKpnTokens, MSM_TOKEN_PATH } from '../harness/kpnNock';
import { KpnProbe } from '../harness/kpnProbeNode';
import { runNode } from '../harness/runNode';

const probe = new KpnProbe();

describe('KPN credentials', () => {
	test('declare the public names, default URLs and a password field', () => {
		const kpn = new KpnApi();
		const msm = new KpnMobileServiceManagementApi();
		expect(kpn.name).toBe('kpnApi');
		expect(msm.name).toBe('kpnMobileServiceManagementApi');
		const field = (type: KpnApi, name: string) => type.properties.find((p) => p.name === name)!;
		expect(field(kpn, 'baseUrl').default).toBe('https://api-prd.kpn.com');
		expect(field(kpn, 'tokenUrl').default).toBe(
			'https://api-prd.kpn.com/oauth/client_credential/accesstoken?grant_type=client_credentials',
		);
		expect(field(msm, 'tokenUrl').default).toBe(
			'https://api-prd.kpn.com/oauth/grip/msm/accesstoken?grant_type=client_credentials',
		);
		expect(field(kpn, 'clientSecret').typeOptions?.password).toBe(true);
		expect(field(kpn, 'accessToken').typeOptions?.expirable).toBe(true);
		expect(kpn.test.request.url).toBe('={{$credentials.tokenUrl}}');
	});

	test('one token serves many items and a second execution', async () => {
		const tokens = mockKpnTokens();
		const api = nock(KPN_TEST_HOST).get('/test/api/thing').times(10).matchHeader('authorization', 'Bearer tok-1').reply(200, { ok: true });
		const credentials = kpnCredentialStore();
		const first = await runNode({ nodeType: probe, parameters: {}, items: Array.from({ length: 5 }, () => ({})), credentials });
		const second = await runNode({ nodeType: probe, parameters: {}, items: Array.from({ length: 5 }, () => ({})), credentials });
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(first.items).toHaveLength(5);
		expect(second.items).toHaveLength(5);
		expect(tokens.calls()).toBe(1);
		expect(api.isDone()).toBe(true);
	});

	test('a 401 fetches a new token once and retries the call once', async () => {
		const tokens = mockKpnTokens();
		const credentials = kpnCredentialStore();
		credentials.update('kpnApi', { accessToken: 'expired-token' });
		const api = nock(KPN_TEST_HOST)
			.get('/test/api/thing')
			.matchHeader('authorization', 'Bearer expired-token')
			.reply(401, { fault: { faultstring: 'Access Token expired', detail: { errorcode: 'keymanagement.service.access_token_expired' } } })
			.get('/test/api/thing')
			.matchHeader('authorization', 'Bearer tok-1')
			.reply(200, { ok: true });
		const run = await runNode({ nodeType: probe, parameters: {}, items: [{}], credentials });
		expect(run.error).toBeUndefined();
		expect(run.items[0].json.body).toEqual({ ok: true });
		expect(tokens.calls()).toBe(1);
		expect(api.isDone()).toBe(true);
		expect(credentials.get('kpnApi').accessToken).toBe('tok-1');
	});

	test('a second 401 after the refresh is reported, not retried again', async () => {
		const tokens = mockKpnTokens();
		const api = nock(KPN_TEST_HOST)
			.get('/test/api/thing')
			.times(2)
			.reply(401, { fault: { faultstring: 'Invalid Access Token', detail: { errorcode: 'keymanagement.service.invalid_access_token' } } });
		const run = await runNode({ nodeType: probe, parameters: {}, items: [{}], credentials: kpnCredentialStore() });
		expect(run.error?.message).toBe('KPN: Invalid Access Token (keymanagement.service.invalid_access_token)');
		expect(run.error?.httpCode).toBe('401');
		expect(tokens.calls()).toBe(2);
		expect(api.isDone()).toBe(true);
	});

	test('the MSM credential uses its own token URL', async () => {
		const tokens = mockKpnTokens(MSM_TOKEN_PATH);
		nock(KPN_TEST_HOST).get('/test/api/thing').matchHeader('authorization', 'Bearer tok-1').reply(200, {});
		const run = await runNode({
			nodeType: probe,
			parameters: { credentialType: 'kpnMobileServiceManagementApi' },
			credentials: kpnCredentialStore(),
		});
		expect(run.error).toBeUndefined();
		expect(tokens.calls()).toBe(1);
	});

	test.each([
		[401, { ErrorCode: 'invalid_client', Error: 'ClientId is Invalid' }, 'KPN refused the Client ID / Client Secret'],
		[500, { errorResponse: { code: '500', message: 'internal server error' } }, 'Could not get an access token from KPN'],
	])('a token endpoint HTTP %i is a clear error without the secret', async (status, body, expected) => {
		nock(KPN_TEST_HOST)
			.post('/oauth/client_credential/accesstoken')
			.query(true)
			.reply(status, { ...body, echo: `client_secret=${KPN_CLIENT_SECRET}` });
		const api = nock(KPN_TEST_HOST).get('/test/api/thing').reply(200, {});
		const run = await runNode({ nodeType: probe, parameters: {}, credentials: kpnCredentialStore() });
		expect(run.error?.message).toContain(expected);
		expect(run.error?.message).toContain(`HTTP ${status}`);
		if (status === 401) expect(run.error?.message).toContain('ClientId is Invalid (invalid_client)');
		expect(api.isDone()).toBe(false);
		expect(everyText(run.run)).not.toContain(KPN_CLIENT_SECRET);
	});

	test('a token answer without access_token is an error', async () => {
		nock(KPN_TEST_HOST).post('/oauth/client_credential/accesstoken').query(true).reply(200, { status: 'approved' });
		const run = await runNode({ nodeType: probe, parameters: {}, credentials: kpnCredentialStore() });
		expect(run.error?.message).toContain('answered without an access_token');
	});

	test.each([
		['baseUrl', 'http://api-prd.kpn.com', 'Base URL must use https://'],
		['baseUrl', 'ftp://127.0.0.1', 'Base URL must start with https://'],
		['baseUrl', 'not a url', 'Base URL "not a url" is not a valid URL'],
		['tokenUrl', 'http://10.0.0.5/oauth/token', 'Token URL must use https://'],
	])('refuses %s %s before any request', async (field, value, expected) => {
		const any = nock(/.*/).persist().get(/.*/).reply(200, {}).post(/.*/).reply(200, {});
		const run = await runNode({ nodeType: probe, parameters: {}, credentials: kpnCredentialStore({ [field]: value }) });
		expect(run.error?.message).toContain(expected);
		expect(any.isDone()).toBe(false);
	});

	test.each(['http://127.0.0.1:7443', 'http://localhost:7443', 'http://[::1]:7443'])(
		'accepts plain http for loopback %s',
		async (baseUrl) => {
			const host = baseUrl;
			nock(host).post('/oauth/client_credential/accesstoken').query(true).reply(200, { access_token: 'local' });
			const api = nock(host).get('/test/api/thing').matchHeader('authorization', 'Bearer local').reply(200, { ok: 1 });
			const run = await runNode({
				nodeType: probe,
				parameters: {},
				credentials: kpnCredentialStore({ baseUrl, tokenUrl: `${baseUrl}/oauth/client_credential/accesstoken?grant_type=client_credentials` }),
			});
			expect(run.error).toBeUndefined();
			expect(api.isDone()).toBe(true);
		},
	);
});
