import { KpnDisturbance } from '../../nodes/KpnDisturbance/KpnDisturbance.node';
import { KpnDisturbanceTrigger } from '../../nodes/KpnDisturbance/KpnDisturbanceTrigger.node';
import { runPoll } from '../harness/runPoll';
import { useSandbox } from '../harness/sandboxSuite';
import {
	faultScenario,
	findSecrets,
	runTexts,
	tallyScenario,
	trackSecrets,
	withRequestTimeout,
	type FaultScenarioOptions,
	type Outcome,
} from './support/faultRun';

// KPN Disturbance: a read (the 10 open disturbances of the fixture) and its polling trigger.
const FAMILY = 'KPN Disturbance';
const suite = useSandbox();
const FAILURES = '/failures';
const getAll = { resource: 'disturbance', operation: 'getAll', returnAll: true };
const openRows: Outcome = { kind: 'rows', count: 10, key: (json) => json.id };

async function disturbances(scenario: string, outcome: Outcome, extra: Partial<FaultScenarioOptions> = {}) {
	return await faultScenario({
		family: FAMILY,
		scenario,
		sandbox: suite.sandbox(),
		credentials: suite.credentials(),
		nodeType: new KpnDisturbance(),
		parameters: getAll as never,
		expect: outcome,
		...extra,
	});
}

test('429 with Retry-After, then success: all 10 open disturbances once', async () => {
	suite.sandbox().faults.failNext(1, { status: 429, retryAfterSeconds: 1 }, { pathIncludes: FAILURES });
	const check = await disturbances('get many: 429 + Retry-After 1 s', openRows);
	expect(check.statuses(FAILURES)).toEqual([429, 200]);
	expect(check.gapsMs(FAILURES)[0]).toBeGreaterThanOrEqual(950); // Retry-After: 1 was honoured
});

test('401 (token expired): one re-auth, nothing lost', async () => {
	suite.sandbox().faults.failNext(1, { status: 401 }, { pathIncludes: FAILURES });
	const check = await disturbances('get many: 401', openRows);
	expect(check.statuses(FAILURES)).toEqual([401, 200]);
	expect(check.tokenCalls).toBe(2);
});

test.each([500, 502, 503] as const)('HTTP %i twice: retried, then all rows', async (status) => {
	suite.sandbox().faults.failNext(2, { status, retryAfterSeconds: 0 }, { pathIncludes: FAILURES });
	const check = await disturbances(`get many: ${status} twice, then success`, openRows);
	expect(check.statuses(FAILURES)).toEqual([status, status, 200]);
});

test.each([500, 502, 503] as const)('HTTP %i that stays: 3 tries, then a clear error', async (status) => {
	suite.sandbox().faults.failNext(5, { status, retryAfterSeconds: 0 }, { pathIncludes: FAILURES });
	const check = await disturbances(`get many: ${status} on every try`, { kind: 'nodeError' });
	expect(check.statuses(FAILURES)).toEqual([status, status, status]);
	expect(check.run.error?.httpCode).toBe(String(status));
	expect(check.run.error?.message).toMatch(/^KPN: /);
	expect(check.run.error?.description).toContain('GET /network/kpn/disturbance-detector/failures failed');
	expect(check.run.error?.description).toContain('after 3 tries');
});

test('502 that stays, without Retry-After: backoff between the 3 tries, then a clear error', async () => {
	suite.sandbox().faults.failNext(3, { status: 502 }, { pathIncludes: FAILURES });
	const check = await disturbances('get many: 502 on every try (backoff)', { kind: 'nodeError' });
	expect(check.statuses(FAILURES)).toEqual([502, 502, 502]);
	// Exponential backoff: about 1 s, then about 2 s between the tries.
	const [first, second] = check.gapsMs(FAILURES);
	expect(first).toBeGreaterThanOrEqual(950);
	expect(second).toBeGreaterThanOrEqual(1950);
	expect(check.run.error?.message).toBe('KPN: Unexpected EOF at target (messaging.adaptors.http.flow.UnexpectedEOFAtTarget)');
});

test('a read that times out: a clear error naming the request', async () => {
	suite.sandbox().faults.failNext(1, { kind: 'slow', delayMs: 1200 }, { pathIncludes: FAILURES });
	const check = await disturbances('get many: timeout', { kind: 'nodeError' }, { nodeType: withRequestTimeout(new KpnDisturbance(), 300), settleMs: 1000 });
	expect(check.run.error?.message).toMatch(/^Could not reach KPN: timeout/);
	expect(check.run.error?.description).toContain('GET /network/kpn/disturbance-detector/failures was not answered');
});

test('an answer that is not JSON: a clear error', async () => {
	suite.sandbox().faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: FAILURES });
	const check = await disturbances('get many: malformed JSON', { kind: 'nodeError' });
	expect(check.run.error?.message).toBe('KPN answered with something that is not JSON');
});

test('trigger: a failed poll loses nothing; the next poll reports the new and the changed disturbance once', async () => {
	const store = suite.credentials();
	const secrets = trackSecrets(store);
	const nodeType = new KpnDisturbanceTrigger();
	const parameters = { state: 'all', events: ['new', 'stateChanged'] } as never;
	const first = await runPoll({ nodeType, parameters, credentials: store });
	expect(first.error).toBeUndefined();
	suite.sandbox().setDisturbances([{ id: 1201, state: 'closed' }, { id: 1300, region: 'Woerden', state: 'open' }]);

	suite.sandbox().faults.failNext(3, { status: 500, retryAfterSeconds: 0 }, { pathIncludes: FAILURES });
	const failed = await runPoll({ nodeType, parameters, credentials: store, staticData: first.staticData });
	expect(failed.error?.message).toMatch(/^KPN: /);
	expect(failed.staticData).toEqual(first.staticData);

	const next = await runPoll({ nodeType, parameters, credentials: store, staticData: failed.staticData });
	const after = await runPoll({ nodeType, parameters, credentials: store, staticData: next.staticData });
	const events = [...next.items, ...after.items].map((item) => `${String(item.json.id)} ${String(item.json.event)}`);
	const expected = ['1201 stateChanged', '1300 new'];
	tallyScenario({
		family: FAMILY,
		scenario: 'trigger: poll fails with 500 three times, next poll',
		items: expected.length,
		itemsLost: expected.filter((event) => !events.includes(event)).length,
		duplicateWrites: 0,
		duplicateDeliveries: events.length - new Set(events).size,
		secretsFound: findSecrets([...runTexts(failed), ...runTexts(next)], secrets()),
	});
	expect(events).toEqual(expected);
});
