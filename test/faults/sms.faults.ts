import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';
import { useSandbox } from '../harness/sandboxSuite';
import { faultScenario, withRequestTimeout, type FaultScenarioOptions, type Outcome } from './support/faultRun';

// KPN SMS: a write. Items are packed 200 per /send call, so "call 2 of 3" carries items 200–399.
const FAMILY = 'KPN SMS';
const suite = useSandbox();
const SEND = '/send';

const parameters = { resource: 'message', operation: 'send', sender: 'KPN', recipients: '={{ $json.to }}', message: '={{ $json.text }}' };
const items = (count: number) => Array.from({ length: count }, (_, i) => ({ to: `06${10000000 + i}`, text: `Fault suite message ${i}` }));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function send(scenario: string, count: number, outcome: Outcome, extra: Partial<FaultScenarioOptions> = {}) {
	return await faultScenario({
		family: FAMILY,
		scenario,
		sandbox: suite.sandbox(),
		credentials: suite.credentials(),
		nodeType: new KpnSms(),
		parameters: parameters as never,
		items: items(count),
		expect: outcome,
		...extra,
	});
}

test('429 with Retry-After on call 2 of 5, then success: all 1000 items sent once', async () => {
	suite.sandbox().faults.failNext(1, { status: 429, retryAfterSeconds: 1 }, { pathIncludes: SEND, skip: 1 });
	const check = await send('429 + Retry-After on call 2 of 5, then success', 1000, { kind: 'delivered' });
	expect(check.statuses(SEND)).toEqual([200, 429, 200, 200, 200, 200]);
	expect(check.tokenCalls).toBe(1);
	expect(check.gapsMs(SEND)[1]).toBeGreaterThanOrEqual(950); // Retry-After: 1 was honoured
});

test('401 (token expired) on call 3 of 5: one re-auth, no item lost', async () => {
	suite.sandbox().faults.failNext(1, { status: 401 }, { pathIncludes: SEND, skip: 2 });
	const check = await send('401 on call 3 of 5: one re-auth', 1000, { kind: 'delivered' });
	expect(check.statuses(SEND)).toEqual([200, 200, 401, 200, 200, 200]);
	expect(check.tokenCalls).toBe(2);
});

test('429 on every try: given up after 3 tries, nothing sent twice, the error says nothing was sent', async () => {
	suite.sandbox().faults.failNext(3, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: SEND });
	const check = await send('429 on every try of call 1', 400, { kind: 'nodeError' });
	expect(check.statuses(SEND)).toEqual([429, 429, 429]);
	expect(check.run.error?.httpCode).toBe('429');
	expect(check.run.error?.description).toMatch(/after 3 tries.*KPN refused call 1 of 2 \(items 0–199\), so it was not sent\. Nothing was sent\./);
});

describe.each([500, 502, 503] as const)('HTTP %i on a send call (a write)', (status) => {
	test('is not sent again; the node stops and says which items went out before', async () => {
		suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: SEND, skip: 1 });
		const check = await send(`${status} on call 2 of 3, stop`, 600, { kind: 'nodeError' });
		expect(check.statuses(SEND)).toEqual([200, status]);
		expect(check.run.error?.httpCode).toBe(String(status));
		expect(check.run.error?.message).toMatch(/^KPN: /);
		expect(check.run.error?.description).toMatch(/Call 2 of 3 \(items 200–399\)/);
		expect(check.run.error?.description).toMatch(/Earlier items WERE sent \(items 0–199: document [^)]+\); do not send them again/);
	});

	test('with Continue On Fail: the call\'s items are error items, the other calls still go out', async () => {
		suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: SEND, skip: 1 });
		const check = await send(`${status} on call 2 of 3, Continue On Fail`, 600, { kind: 'perItem', failed: range(200, 400) }, { continueOnFail: true });
		expect(check.statuses(SEND)).toEqual([200, status, 200]);
		const failed = check.run.items[250].json;
		expect(failed.error).toMatch(/^KPN: /);
		expect(failed.description).toMatch(/Call 2 of 3 \(items 200–399\)/);
	});
});

test('a send call that times out is not sent again; its items are reported as possibly sent', async () => {
	suite.sandbox().faults.failNext(1, { kind: 'slow', delayMs: 1500 }, { pathIncludes: SEND, skip: 1 });
	const check = await send('timeout on call 2 of 3, Continue On Fail', 600, { kind: 'perItem', failed: range(200, 400) }, {
		nodeType: withRequestTimeout(new KpnSms(), 400),
		continueOnFail: true,
		settleMs: 1300,
	});
	expect(check.calls(SEND)).toHaveLength(3);
	const failed = check.run.items[200].json;
	expect(failed.error).toMatch(/timeout/i);
	expect(failed.description).toMatch(/may have been sent/i);
	expect(failed.description).not.toMatch(/was not sent/);
});

test('an answer that is not JSON is not sent again; the error does not claim nothing was sent', async () => {
	suite.sandbox().faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: SEND });
	const check = await send('malformed JSON answer to call 1 of 2', 400, { kind: 'nodeError' });
	expect(check.calls(SEND)).toHaveLength(1);
	expect(check.run.error?.message).toBe('KPN answered with something that is not JSON');
	expect(check.run.error?.description).toMatch(/may have been sent/i);
	expect(check.run.error?.description).not.toMatch(/Nothing was sent/);
});

test('a wrong client secret: a clear error, no send, and the secret appears nowhere', async () => {
	const credentials = suite.credentials();
	credentials.update('kpnApi', { clientSecret: 'wrong-client-secret-4711' });
	const check = await send('wrong client secret', 3, { kind: 'nodeError' }, { credentials, extraSecrets: ['wrong-client-secret-4711'] });
	expect(check.calls(SEND)).toHaveLength(0);
	expect(check.tokenCalls).toBe(1);
	expect(check.run.error?.message).toMatch(/KPN refused the Client ID \/ Client Secret/);
});

test('the token endpoint answers 503: a clear error, nothing sent', async () => {
	suite.sandbox().faults.failNext(1, { status: 503 }, { pathIncludes: '/accesstoken' });
	const check = await send('503 from the token endpoint', 3, { kind: 'nodeError' });
	expect(check.calls(SEND)).toHaveLength(0);
	expect(check.run.error?.message).toMatch(/Could not get an access token from KPN/);
});

describe("n8n's Retry On Fail (3 tries, no wait): no number gets the same SMS twice", () => {
	const retry = { retryOnFail: { maxTries: 3, waitBetweenTries: 0 } };

	test('delivered, then 500 on call 3 of 5: calls 4 and 5 go out on the next try, call 3 is never repeated', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'appliedThen', status: 500 }, { pathIncludes: SEND, skip: 2 });
		const check = await send('Retry On Fail: delivered, then 500 on call 3 of 5', 1000, { kind: 'nodeError' }, retry);
		expect(check.statuses(SEND)).toEqual([200, 200, 500, 200, 200]);
		const deliveries = suite.sandbox().smsDeliveries();
		expect(deliveries).toHaveLength(1000);
		expect(new Set(deliveries.map((sms) => sms.number)).size).toBe(1000);
		expect(check.run.error?.description).toMatch(/Items 400–599 may have been sent in an earlier try of this node \(Retry On Fail\)/);
		expect(check.run.error?.description).toMatch(/items WERE sent \(items 0–199: document [^,]+, items 200–399: document [^,]+, items 600–799: document [^,]+, items 800–999: document [^)]+\)/);
	});

	test('a plain 500 on call 3 of 5: reported as may have been sent, not sent again; the other calls go out once', async () => {
		suite.sandbox().faults.failNext(1, { status: 500, retryAfterSeconds: 0 }, { pathIncludes: SEND, skip: 2 });
		const check = await send('Retry On Fail: 500 on call 3 of 5', 1000, { kind: 'nodeError' }, retry);
		expect(check.statuses(SEND)).toEqual([200, 200, 500, 200, 200]);
		expect(suite.sandbox().smsDeliveries()).toHaveLength(800);
		expect(check.run.error?.httpCode).toBe('500');
		expect(check.run.error?.description).toMatch(/may have been sent in an earlier try/);
	});

	test('a 400 (refused) on call 1 of 2: refused calls are tried again, never a confirmed one', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'echo', status: 400 }, { pathIncludes: SEND, skip: 1 });
		const check = await send('Retry On Fail: 400 on call 2 of 2, then sent on the next try', 400, { kind: 'delivered' }, retry);
		expect(check.statuses(SEND)).toEqual([200, 400, 200]);
		expect(suite.sandbox().smsDeliveries()).toHaveLength(400);
	});
});
