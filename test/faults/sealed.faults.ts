import type { IDataObject } from 'n8n-workflow';

import { KpnDisturbance } from '../../nodes/KpnDisturbance/KpnDisturbance.node';
import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { KpnMobileServices } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';
import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { DEFAULT_PARALLEL_REQUESTS } from '../../nodes/shared/fields/parallelRequests';
import type { CredentialStore } from '../harness/credentialStore';
import { useSandbox } from '../harness/sandboxSuite';
import { NEXTPERTISE_SANDBOX_PASSWORD, NEXTPERTISE_SANDBOX_USERNAME } from '../sandbox/server';
import { faultScenario, type FaultScenarioOptions, type Outcome } from './support/faultRun';

// Hostile networks: hosts that redirect, echo the request in their errors, trickle or hang, and
// answers that are empty, huge or null. Credentials must never reach another host or an output,
// and a hung API must not cost the timeout once per item.
const suite = useSandbox();
const SEND = '/send';
const KPN_TOKEN = '/oauth/client_credential/accesstoken';
const MSM_TOKEN = '/oauth/grip/msm/accesstoken';
const BASIC = `Basic ${Buffer.from(`${NEXTPERTISE_SANDBOX_USERNAME}:${NEXTPERTISE_SANDBOX_PASSWORD}`).toString('base64')}`;

const smsParameters = (options: IDataObject = {}) => ({
	resource: 'message',
	operation: 'send',
	sender: 'KPN',
	recipients: '={{ $json.to }}',
	message: '={{ $json.text }}',
	options,
});
const smsItems = (count: number) => Array.from({ length: count }, (_, i) => ({ to: `06${20000000 + i}`, text: `Sealed ${i}` }));
const incidentGet = { resource: 'incident', operation: 'get', ticketNumber: '={{ $json.ticket }}', options: { timeout: 1 } };
const ticketItems = (count: number) => Array.from({ length: count }, (_, i) => ({ ticket: `INC${String(10001 + i).padStart(7, '0')}` }));
const zipcode = { resource: 'broadband', operation: 'zipcode', zipcode: '2408ZE', housenr: '={{ $json.housenr }}' };
const listTickets = { resource: 'support', operation: 'list_tickets', returnAll: true };

type Family = 'KPN SMS' | 'KPN Incident' | 'KPN Disturbance' | 'KPN Mobile Services' | 'Nextpertise';
const nodes = {
	'KPN SMS': () => new KpnSms(),
	'KPN Incident': () => new KpnIncident(),
	'KPN Disturbance': () => new KpnDisturbance(),
	'KPN Mobile Services': () => new KpnMobileServices(),
	Nextpertise: () => new Nextpertise(),
};

async function scenario(
	family: Family,
	name: string,
	parameters: object,
	items: IDataObject[],
	outcome: Outcome,
	extra: Partial<FaultScenarioOptions> = {},
) {
	return await faultScenario({
		family,
		scenario: name,
		sandbox: suite.sandbox(),
		credentials: family === 'Nextpertise' ? suite.nextpertiseCredentials('basic') : suite.credentials(),
		nodeType: nodes[family](),
		parameters: parameters as never,
		items,
		expect: outcome,
		extraSecrets: family === 'Nextpertise' ? [BASIC.slice('Basic '.length)] : [],
		...extra,
	});
}

const foreignRequests = () => suite.sandbox().foreign.log;

describe('redirects are never followed: credentials stay with the configured host', () => {
	test.each([301, 302, 307, 308] as const)('KPN SMS: /send answers %i to another host', async (status) => {
		suite.sandbox().faults.failNext(1, { kind: 'redirect', status }, { pathIncludes: SEND });
		const check = await scenario('KPN SMS', `redirect ${status} on /send`, smsParameters(), smsItems(3), { kind: 'nodeError' });
		expect(foreignRequests()).toEqual([]);
		expect(check.run.error?.message).toMatch(new RegExp(`answered HTTP ${status}, a redirect to 127\\.0\\.0\\.1:\\d+; it was not followed`));
		expect(check.run.error?.description).toMatch(/KPN refused call 1 of 1 \(items 0–2\), so it was not sent\. Nothing was sent\./);
	});

	test('KPN SMS: the token endpoint answers 307 to another host: the client secret stays', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'redirect', status: 307 }, { pathIncludes: KPN_TOKEN });
		const check = await scenario('KPN SMS', 'redirect 307 on the token endpoint', smsParameters(), smsItems(2), { kind: 'nodeError' });
		expect(foreignRequests()).toEqual([]);
		expect(check.calls(SEND)).toHaveLength(0);
		expect(check.run.error?.message).toMatch(/redirect to 127\.0\.0\.1:\d+, which was not followed, so the client secret did not leave/);
	});

	test('KPN Mobile Services: its token endpoint answers 302 to another host', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'redirect', status: 302 }, { pathIncludes: MSM_TOKEN });
		const check = await scenario('KPN Mobile Services', 'redirect 302 on the MSM token endpoint', { resource: 'subscriber', operation: 'getAll', returnAll: false, limit: 5 }, [{}], { kind: 'nodeError' });
		expect(foreignRequests()).toEqual([]);
		expect(check.run.error?.message).toMatch(/which was not followed/);
	});

	test('KPN Incident: NewIncident answers 308 to another host: the incident is reported as not created', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'redirect', status: 308 }, { pathIncludes: '/NewIncident' });
		const check = await scenario('KPN Incident', 'redirect 308 on NewIncident', {
			resource: 'incident',
			operation: 'create',
			referenceNumber: 'SEALED-1',
			shortDescription: 'Line down',
			ci: { __rl: true, mode: 'name', value: 'ESB BIZTALK KPN' },
		}, [{}], { kind: 'nodeError' });
		expect(foreignRequests()).toEqual([]);
		expect(check.run.error?.httpCode).toBe('308');
	});

	test('Nextpertise (Basic auth): a JSON-RPC endpoint answers 302 to another host: user:password stays', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'redirect', status: 302 }, { pathIncludes: '/broadband/v1' });
		const check = await scenario('Nextpertise', 'redirect 302 on /broadband/v1 (Basic)', zipcode, [{ housenr: 9 }], { kind: 'nodeError' });
		expect(foreignRequests()).toEqual([]);
		expect(check.run.error?.message).toMatch(/answered HTTP 302, a redirect to 127\.0\.0\.1:\d+; it was not followed/);
	});

	test('Nextpertise (JWT): /jwt/log-in answers 302 to another host: the password stays', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'redirect', status: 302 }, { pathIncludes: '/jwt/log-in' });
		const check = await scenario('Nextpertise', 'redirect 302 on /jwt/log-in', zipcode, [{ housenr: 9 }], { kind: 'nodeError' }, {
			credentials: suite.nextpertiseCredentials('jwt'),
		});
		expect(foreignRequests()).toEqual([]);
		expect(check.run.error?.message).toMatch(/redirect to 127\.0\.0\.1:\d+, which was not followed, so the password did not leave/);
	});
});

describe('servers that echo the request in their errors: no secret in any error or output', () => {
	const special = (store: CredentialStore) => {
		store.update('kpnApi', { clientSecret: 'p@ss w/rd&=+é-sealed' });
		return store;
	};

	test('KPN token endpoint 401 echoing the form (client secret URL-encoded)', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'echo', status: 401 }, { pathIncludes: KPN_TOKEN });
		const check = await scenario('KPN SMS', 'echo 401 on the token endpoint (form body)', smsParameters(), smsItems(2), { kind: 'nodeError' }, {
			credentials: special(suite.credentials()),
			extraSecrets: ['p@ss w/rd&=+é-sealed'],
		});
		expect(check.run.error?.message).toMatch(/KPN refused the Client ID \/ Client Secret/);
		expect(check.calls(SEND)).toHaveLength(0);
	});

	test.each([400, 500] as const)('KPN SMS: /send %i echoing the Bearer token', async (status) => {
		suite.sandbox().faults.failNext(1, { kind: 'echo', status }, { pathIncludes: SEND });
		const check = await scenario('KPN SMS', `echo ${status} on /send (Bearer token)`, smsParameters(), smsItems(2), { kind: 'nodeError' });
		expect(check.run.error?.message).toMatch(/\*\*\*/);
	});

	test('KPN SMS with Continue On Fail: the error items carry no token', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'echo', status: 500 }, { pathIncludes: SEND });
		const check = await scenario('KPN SMS', 'echo 500 on /send, Continue On Fail', smsParameters(), smsItems(2), { kind: 'perItem', failed: [0, 1] }, { continueOnFail: true });
		expect(String(check.run.items[0].json.error)).toMatch(/\*\*\*/);
	});

	test('KPN Incident: GetIncident 500 echoing the Bearer token (a read, tried 3 times)', async () => {
		suite.sandbox().faults.failNext(3, { kind: 'echo', status: 500 }, { pathIncludes: '/GetIncident' });
		await scenario('KPN Incident', 'echo 500 on GetIncident', { ...incidentGet, options: {} }, ticketItems(1), { kind: 'nodeError' });
	});

	test('KPN Mobile Services: 403 echoing the Bearer token', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'echo', status: 403 }, { pathIncludes: '/hierarchy/subscribers' });
		await scenario('KPN Mobile Services', 'echo 403 on subscribers', { resource: 'subscriber', operation: 'getAll', returnAll: false, limit: 5 }, [{}], { kind: 'nodeError' });
	});

	test('Nextpertise (Basic): 500 echoing Basic user:password', async () => {
		suite.sandbox().faults.failNext(3, { kind: 'echo', status: 500 }, { pathIncludes: '/broadband/v1' });
		await scenario('Nextpertise', 'echo 500 on /broadband/v1 (Basic)', zipcode, [{ housenr: 9 }], { kind: 'nodeError' });
	});

	test('Nextpertise (Basic): a JSON-RPC error whose message echoes the request', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'echo', status: 200 }, { pathIncludes: '/broadband/v1' });
		await scenario('Nextpertise', 'echo in a JSON-RPC error (Basic)', zipcode, [{ housenr: 9 }], { kind: 'perItem', failed: [0] }, { continueOnFail: true });
	});

	test('Nextpertise (JWT): /jwt/log-in 401 echoing Basic user:password', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'echo', status: 401 }, { pathIncludes: '/jwt/log-in' });
		const check = await scenario('Nextpertise', 'echo 401 on /jwt/log-in', zipcode, [{ housenr: 9 }], { kind: 'nodeError' }, {
			credentials: suite.nextpertiseCredentials('jwt'),
		});
		expect(check.run.error?.message).toMatch(/Nextpertise refused the Username \/ Password/);
	});

	test('Nextpertise (JWT): 500 echoing the Bearer JWT', async () => {
		suite.sandbox().faults.failNext(3, { kind: 'echo', status: 500 }, { pathIncludes: '/broadband/v1' });
		await scenario('Nextpertise', 'echo 500 on /broadband/v1 (JWT)', zipcode, [{ housenr: 9 }], { kind: 'nodeError' }, {
			credentials: suite.nextpertiseCredentials('jwt'),
		});
	});
});

describe('slow and hung servers: one deadline per request, then the rest fail at once', () => {
	test('KPN SMS: /send trickles one byte every 200 ms: stopped at the 1 s deadline, reported as may have been sent', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'trickle', intervalMs: 200 }, { pathIncludes: SEND });
		const check = await scenario('KPN SMS', 'trickling /send, Timeout 1 s', smsParameters({ timeout: 1 }), smsItems(3), { kind: 'nodeError' });
		expect(check.run.error?.message).toMatch(/did not answer in time: No complete answer within 1 s/);
		expect(check.run.error?.description).toMatch(/may have been sent/);
	});

	test('KPN Disturbance: the list trickles: stopped at the deadline', async () => {
		suite.sandbox().faults.failNext(3, { kind: 'trickle', intervalMs: 200 }, { pathIncludes: '/failures' });
		const check = await scenario('KPN Disturbance', 'trickling /failures, Timeout 1 s', { resource: 'disturbance', operation: 'getAll', state: 'open', returnAll: true, options: { timeout: 1 } }, [{}], { kind: 'nodeError' });
		expect(check.run.error?.message).toMatch(/did not answer in time/);
	});

	test('KPN Incident: a hung API with 100 items and Continue On Fail: the requests in flight wait once, the others fail at once', async () => {
		suite.sandbox().faults.failNext(100, { kind: 'hang' }, { pathIncludes: '/GetIncident' });
		const failed = Array.from({ length: 100 }, (_, i) => i);
		const started = Date.now();
		const check = await scenario('KPN Incident', 'hung GetIncident, 100 items, Continue On Fail', incidentGet, ticketItems(100), { kind: 'perItem', failed }, { continueOnFail: true });
		// One deadline (1 s) for the whole run, not one per item.
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(check.log.filter((entry) => entry.path.includes('/GetIncident/'))).toHaveLength(DEFAULT_PARALLEL_REQUESTS);
		expect(check.run.items[0].json.error).toMatch(/did not answer in time/);
		expect(check.run.items[99].json.description).toMatch(/the remaining items fail at once instead of each waiting again/);
	});

	test('KPN Incident: a hung API, one request at a time: one request waits, 99 fail at once', async () => {
		suite.sandbox().faults.failNext(100, { kind: 'hang' }, { pathIncludes: '/GetIncident' });
		const failed = Array.from({ length: 100 }, (_, i) => i);
		const parameters = { ...incidentGet, options: { ...incidentGet.options, parallelRequests: 1 } };
		const check = await scenario('KPN Incident', 'hung GetIncident, 100 items, one at a time', parameters, ticketItems(100), { kind: 'perItem', failed }, { continueOnFail: true });
		expect(check.log.filter((entry) => entry.path.includes('/GetIncident/'))).toHaveLength(1);
	});

	test('Nextpertise: a hung API with 20 items: the node stops after one deadline', async () => {
		suite.sandbox().faults.failNext(20, { kind: 'hang' }, { pathIncludes: '/broadband/v1' });
		const items = Array.from({ length: 20 }, (_, i) => ({ housenr: 9 + i }));
		const check = await scenario('Nextpertise', 'hung /broadband/v1, 20 items', { ...zipcode, requestOptions: { timeout: 1 } }, items, { kind: 'nodeError' });
		expect(check.calls('/broadband/v1').length).toBe(Math.min(20, DEFAULT_PARALLEL_REQUESTS));
	});
});

describe('answers that are empty, huge or null', () => {
	test('the token endpoint answers 200 {}: nothing was sent, and the error says so', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'emptySuccess' }, { pathIncludes: KPN_TOKEN });
		const check = await scenario('KPN SMS', 'token endpoint 200 without access_token', smsParameters(), smsItems(3), { kind: 'nodeError' });
		expect(check.calls(SEND)).toHaveLength(0);
		expect(check.run.error?.message).toMatch(/without an access_token, so no request was sent/);
		expect(check.run.error?.description).not.toMatch(/may have been sent/);
	});

	test('/send answers 200 {} (no document_id): an unconfirmed send, never repeated', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'emptySuccess' }, { pathIncludes: SEND });
		const check = await scenario('KPN SMS', '/send 200 without document_id', smsParameters(), smsItems(3), { kind: 'nodeError' }, {
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});
		expect(check.calls(SEND)).toHaveLength(1);
		expect(check.run.error?.message).toBe('KPN answered without a document_id');
		expect(check.run.error?.description).toMatch(/may have been sent/);
	});

	test('Incident Get Many answers 17 MiB: refused with a clear error', async () => {
		suite.sandbox().faults.failNext(3, { kind: 'largeReply', bytes: 17 * 1024 * 1024 }, { pathIncludes: '/GetActiveIncidents' });
		const check = await scenario('KPN Incident', 'GetActiveIncidents answers 17 MiB', { resource: 'incident', operation: 'getAll', returnAll: true }, [{}], { kind: 'nodeError' });
		expect(check.run.error?.message).toMatch(/The answer is 17\.0 MiB, more than the 16 MiB this node reads/);
	});

	test('Nextpertise list_tickets answers a null list: a clear error, not 0 rows', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'nullList' }, { pathIncludes: '/support/v1' });
		const check = await scenario('Nextpertise', 'list_tickets with a null list', listTickets, [{}], { kind: 'nodeError' });
		expect(check.run.error?.message).toMatch(/without a list of tickets/);
	});
});
