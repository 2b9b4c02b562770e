import { everyText } from '../harness/kpnNock';
import { NextpertiseProbe } from '../harness/nextpertiseProbeNode';
import { runNode } from '../harness/runNode';
import { useSandbox } from '../harness/sandboxSuite';
import { NEXTPERTISE_SANDBOX_PASSWORD } from '../sandbox/server';

// The transport and credential against the sandbox's JSON-RPC server (its own JWTs, validation,
// fault switches), not against hand-written nock replies.
const { sandbox, nextpertiseCredentials } = useSandbox();
const probe = new NextpertiseProbe();
const items = (count: number) => Array.from({ length: count }, () => ({}));
const zipcode = { params: { zipcode: '2408ZE' } };
const logins = () => sandbox().log.filter((entry) => entry.path === '/jwt/log-in').length;
const calls = (path: string) => sandbox().log.filter((entry) => entry.path === path);

describe('Nextpertise transport against the sandbox', () => {
	test('JWT: one log-in for 10 items over two executions; the sandbox accepts the token', async () => {
		const credentials = nextpertiseCredentials('jwt');
		const first = await runNode({ nodeType: probe, parameters: zipcode, items: items(5), credentials });
		const second = await runNode({ nodeType: probe, parameters: zipcode, items: items(5), credentials });
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect((first.items[0].json.result as { housenrs: unknown[] }).housenrs.length).toBeGreaterThan(0);
		expect(logins()).toBe(1);
		expect(calls('/postcodes/v1').map((entry) => entry.status)).toEqual(Array(10).fill(200));
	});

	test('JWT: tokens revoked mid-run → one new log-in, every item answered once', async () => {
		const credentials = nextpertiseCredentials('jwt');
		await runNode({ nodeType: probe, parameters: zipcode, items: items(1), credentials });
		sandbox().revokeTokens();
		const result = await runNode({ nodeType: probe, parameters: zipcode, items: items(4), credentials });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(logins()).toBe(2);
		expect(calls('/postcodes/v1').map((entry) => entry.status)).toEqual([200, 401, 200, 200, 200, 200]);
	});

	test('Basic: a wrong password is the document\'s 401, sent once, password not shown', async () => {
		const credentials = nextpertiseCredentials('basic');
		credentials.update('nextpertiseApi', { password: 'wrong-password-123' });
		const result = await runNode({ nodeType: probe, parameters: zipcode, credentials });
		expect(result.error?.message).toBe('Nextpertise refused access (HTTP 401): You cannot consume this service');
		expect(calls('/postcodes/v1')).toHaveLength(1);
		expect(everyText(result.run)).not.toContain('wrong-password-123');
		expect(everyText(result.run)).not.toContain(NEXTPERTISE_SANDBOX_PASSWORD);
	});

	test('a JSON-RPC error from the sandbox (code sent as a number) gets the documented meaning and the cid', async () => {
		sandbox().faults.failNext(1, { kind: 'jsonRpcError', code: '002' }, { pathIncludes: '/postcodes/v1' });
		const result = await runNode({ nodeType: probe, parameters: zipcode, credentials: nextpertiseCredentials() });
		expect(result.error?.message).toMatch(/^Nextpertise error 002: /);
		expect(result.error?.description).toContain('Use the The Postcodes API functions to select a valid combination.');
		expect(result.error?.description).toMatch(/Correlation id \(cid\): \S+/);
	});

	test('the sandbox\'s schema check (invalid params) arrives as error 011', async () => {
		const result = await runNode({
			nodeType: probe,
			parameters: { params: { zipcode: 'not-a-postcode' } },
			credentials: nextpertiseCredentials(),
		});
		expect(result.error?.message).toMatch(/^Nextpertise error 011: /);
	});

	test('a read answered 503 is retried; a write answered 503 is not', async () => {
		sandbox().faults.failNext(1, { status: 503 }, { pathIncludes: '/postcodes/v1' });
		const read = await runNode({ nodeType: probe, parameters: zipcode, credentials: nextpertiseCredentials() });
		expect(read.error).toBeUndefined();
		expect(calls('/postcodes/v1').map((entry) => entry.status)).toEqual([503, 200]);

		sandbox().faults.failNext(1, { status: 503 }, { pathIncludes: '/support/v1' });
		const write = await runNode({
			nodeType: probe,
			parameters: {
				productClass: 'support',
				method: 'create_ticket',
				params: { subject: 'Storing', comment: 'Geen verbinding' },
				safeToRetry: false,
			},
			credentials: nextpertiseCredentials(),
		});
		expect(write.error?.httpCode).toBe('503');
		expect(calls('/support/v1')).toHaveLength(1);
	});
});
