import nock from 'nock';

import { NextpertiseApi } from '../../credentials/NextpertiseApi.credentials';
import { everyText } from '../harness/kpnNock';
import {
	mockNextpertiseLogins,
	nextpertiseBasicHeader,
	nextpertiseCredentialStore,
	NEXTPERTISE_PASSWORD,
	NEXTPERTISE_TEST_HOST,
} from '../harness/nextpertiseCredentials';
import { NextpertiseProbe } from '../harness/nextpertiseProbeNode';
import { runNode } from '../harness/runNode';

const probe = new NextpertiseProbe();
const reply = (result: unknown) => (_uri: string, body: { id: number }) => ({ jsonrpc: '2.0', id: body.id, result });
const items = (count: number) => Array.from({ length: count }, () => ({}));

describe('Nextpertise credential', () => {
	const type = new NextpertiseApi();
	const field = (name: string) => type.properties.find((property) => property.name === name)!;

	test('declares the public name, the fields saved credentials depend on and a masked password', () => {
		expect(type.name).toBe('nextpertiseApi');
		expect(field('username').required).toBe(true);
		expect(field('password').typeOptions?.password).toBe(true);
		expect(field('authentication').options?.map((option) => (option as { value: string }).value)).toEqual(['basic', 'jwt']);
		expect(field('authentication').default).toBe('basic');
		expect(field('baseUrl').default).toBe('https://api.nextpertise.nl');
		expect(field('accessToken').type).toBe('hidden');
		expect(field('accessToken').typeOptions?.expirable).toBe(true);
	});

	test('the notice tells what InControl needs: IP whitelisting, since n8n cannot type a TOTP code', () => {
		const notice = String(field('notice').displayName);
		expect(notice).toMatch(/IP whitelist/);
		expect(notice).toMatch(/TOTP/);
		expect(notice).toMatch(/InControl/);
	});

	test('"Test credential" is a harmless read: user.get_profile on <base>/user/v1', () => {
		expect(type.test.request.method).toBe('POST');
		expect(type.test.request.url).toContain('/user/v1');
		expect(type.test.request.body).toEqual({ jsonrpc: '2.0', id: 'n8n-credential-test', method: 'get_profile', params: {} });
	});

	test('Basic auth sends username:password on every call and never logs in', async () => {
		const logins = mockNextpertiseLogins();
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.matchHeader('authorization', nextpertiseBasicHeader())
			.times(3)
			.reply(200, reply({ housenrs: [1] }));
		const result = await runNode({ nodeType: probe, parameters: {}, items: items(3), credentials: nextpertiseCredentialStore() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(api.isDone()).toBe(true);
		expect(logins.calls()).toBe(0);
	});

	test('JWT: one log-in serves every item and a second execution (token kept with the credential)', async () => {
		const logins = mockNextpertiseLogins();
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.matchHeader('authorization', 'Bearer jwt-1')
			.times(10)
			.reply(200, reply({ housenrs: [1] }));
		const credentials = nextpertiseCredentialStore({ authentication: 'jwt' });
		const first = await runNode({ nodeType: probe, parameters: {}, items: items(5), credentials });
		const second = await runNode({ nodeType: probe, parameters: {}, items: items(5), credentials });
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(first.items).toHaveLength(5);
		expect(second.items).toHaveLength(5);
		expect(logins.calls()).toBe(1);
		expect(api.isDone()).toBe(true);
		expect(credentials.get('nextpertiseApi').accessToken).toBe('jwt-1');
		const expiresAt = Number(credentials.get('nextpertiseApi').accessTokenExpiresAt);
		expect(expiresAt).toBeGreaterThan(Date.now() + 86_000_000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 86_400_000);
	});

	test('JWT: a 401 logs in once more and repeats the call once', async () => {
		const logins = mockNextpertiseLogins();
		const credentials = nextpertiseCredentialStore({ authentication: 'jwt', accessToken: 'jwt-old' });
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.matchHeader('authorization', 'Bearer jwt-old')
			.reply(401, { message: 'You cannot consume this service' })
			.post('/postcodes/v1')
			.matchHeader('authorization', 'Bearer jwt-1')
			.times(2)
			.reply(200, reply({ housenrs: [9] }));
		const result = await runNode({ nodeType: probe, parameters: {}, items: items(2), credentials });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.result)).toEqual([{ housenrs: [9] }, { housenrs: [9] }]);
		expect(logins.calls()).toBe(1);
		expect(api.isDone()).toBe(true);
	});

	test('JWT: a second 401 after the new log-in is an error, not a loop', async () => {
		const logins = mockNextpertiseLogins();
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.times(2)
			.reply(401, { message: 'You cannot consume this service' });
		const result = await runNode({
			nodeType: probe,
			parameters: { permission: '#postcodes-r' },
			credentials: nextpertiseCredentialStore({ authentication: 'jwt', accessToken: 'jwt-old' }),
		});
		expect(api.isDone()).toBe(true);
		expect(logins.calls()).toBe(1);
		expect(result.error?.message).toBe('Nextpertise refused access (HTTP 401): You cannot consume this service');
		expect(result.error?.description).toContain('IP address is whitelisted');
		expect(result.error?.description).toContain('#postcodes-r');
	});

	test('JWT: a stored token that is about to run out is renewed before the call, sparing a 401', async () => {
		const logins = mockNextpertiseLogins();
		const credentials = nextpertiseCredentialStore({
			authentication: 'jwt',
			accessToken: 'jwt-old',
			accessTokenExpiresAt: Date.now() + 60_000,
		});
		const api = nock(NEXTPERTISE_TEST_HOST)
			.post('/postcodes/v1')
			.matchHeader('authorization', 'Bearer jwt-1')
			.times(3)
			.reply(200, reply({ housenrs: [] }));
		const result = await runNode({ nodeType: probe, parameters: {}, items: items(3), credentials });
		expect(result.error).toBeUndefined();
		expect(logins.calls()).toBe(1);
		expect(api.isDone()).toBe(true);
	});

	test('JWT: a refused log-in says what to check and never shows the password', async () => {
		nock(NEXTPERTISE_TEST_HOST).get('/jwt/log-in').reply(401, { message: 'You cannot consume this service' });
		const api = nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').reply(200, reply({}));
		const result = await runNode({
			nodeType: probe,
			parameters: {},
			credentials: nextpertiseCredentialStore({ authentication: 'jwt' }),
		});
		expect(api.isDone()).toBe(false);
		expect(result.error?.message).toContain('Nextpertise refused the Username / Password (/jwt/log-in, HTTP 401)');
		expect(result.error?.message).toContain('whitelisted');
		expect(everyText(result.run)).not.toContain(NEXTPERTISE_PASSWORD);
		nock.cleanAll();
	});

	test('JWT: a log-in reply without a token is a clear error', async () => {
		nock(NEXTPERTISE_TEST_HOST).get('/jwt/log-in').reply(200, { token_type: 'Bearer' });
		const result = await runNode({
			nodeType: probe,
			parameters: {},
			credentials: nextpertiseCredentialStore({ authentication: 'jwt' }),
		});
		expect(result.error?.message).toBe('Nextpertise answered /jwt/log-in without an access_token, so no request was sent');
	});

	test('plain http is refused for a non-loopback base URL, before anything is sent', async () => {
		const result = await runNode({
			nodeType: probe,
			parameters: {},
			credentials: nextpertiseCredentialStore({ baseUrl: 'http://api.nextpertise.nl' }),
		});
		expect(result.error?.message).toBe(
			'Nextpertise credential: Base URL must use https:// (plain http:// is only accepted for 127.0.0.1, localhost or ::1)',
		);
	});

	test('Basic auth: a 401 is reported once, with the documented meaning, and not repeated', async () => {
		const logins = mockNextpertiseLogins();
		const api = nock(NEXTPERTISE_TEST_HOST).post('/postcodes/v1').reply(401, { message: 'You cannot consume this service' });
		const result = await runNode({ nodeType: probe, parameters: {}, credentials: nextpertiseCredentialStore() });
		expect(api.isDone()).toBe(true);
		expect(logins.calls()).toBe(0);
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.description).toContain('You tried to access a resource for which you are not authorized.');
		expect(everyText(result.run)).not.toContain(NEXTPERTISE_PASSWORD);
		expect(everyText(result.run)).not.toContain(nextpertiseBasicHeader().slice('Basic '.length));
	});
});
