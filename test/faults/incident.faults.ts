import type { IDataObject, INodeType } from 'n8n-workflow';

import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { KpnIncidentTrigger } from '../../nodes/KpnIncident/KpnIncidentTrigger.node';
import { runNode } from '../harness/runNode';
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

// KPN Incident: create / comment are writes (one request per item), get / getAll are reads; the
// trigger polls GetActiveIncidents.
const FAMILY = 'KPN Incident';
const suite = useSandbox();
const CREATE = '/NewIncident';
const UPDATE = '/UpdateIncident';

const createParameters = {
	resource: 'incident',
	operation: 'create',
	referenceNumber: '={{ $json.ref }}',
	shortDescription: '={{ $json.short }}',
	ci: { __rl: true, mode: 'name', value: 'ESB BIZTALK KPN' },
	description: 'Opened by the fault suite',
};
const createItems = (count: number) => Array.from({ length: count }, (_, i) => ({ ref: `FS-${i}`, short: `Line down at site ${i}` }));

async function incident(scenario: string, parameters: object, items: IDataObject[], outcome: Outcome, extra: Partial<FaultScenarioOptions> = {}) {
	return await faultScenario({
		family: FAMILY,
		scenario,
		sandbox: suite.sandbox(),
		credentials: suite.credentials(),
		nodeType: new KpnIncident(),
		parameters: parameters as never,
		items,
		expect: outcome,
		...extra,
	});
}

/** Creates `count` incidents (INC0010001…) before the scenario, then clears the log. */
async function existingIncidents(count: number): Promise<Array<{ ticket: string; ref: string }>> {
	const created = await runNode({ nodeType: new KpnIncident(), parameters: createParameters as never, items: createItems(count), credentials: suite.credentials() });
	expect(created.error).toBeUndefined();
	suite.sandbox().log.length = 0;
	return created.items.map((item) => ({ ticket: String(item.json.ticket_number), ref: String(item.json.reference_number) }));
}

describe('create (a write)', () => {
	test('429 with Retry-After on item 3 of 5, then success: all 5 created once', async () => {
		suite.sandbox().faults.failNext(1, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: CREATE, skip: 2 });
		const check = await incident('create: 429 + Retry-After on item 3 of 5', createParameters, createItems(5), { kind: 'delivered' });
		expect(check.statuses(CREATE)).toEqual([200, 200, 429, 200, 200, 200]);
		expect(check.run.items.map((item) => item.json.reference_number)).toEqual(['FS-0', 'FS-1', 'FS-2', 'FS-3', 'FS-4']);
	});

	test('401 on item 2 of 5: one re-auth, no item lost', async () => {
		suite.sandbox().faults.failNext(1, { status: 401 }, { pathIncludes: CREATE, skip: 1 });
		const check = await incident('create: 401 on item 2 of 5', createParameters, createItems(5), { kind: 'delivered' });
		expect(check.statuses(CREATE)).toEqual([200, 401, 200, 200, 200, 200]);
		expect(check.tokenCalls).toBe(2);
	});

	describe.each([500, 502, 503] as const)('HTTP %i on item 2 of 4', (status) => {
		test('is not sent again; the node stops and names the ticket created before', async () => {
			suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: CREATE, skip: 1 });
			const check = await incident(`create: ${status} on item 2 of 4, stop`, createParameters, createItems(4), { kind: 'nodeError' });
			expect(check.statuses(CREATE)).toEqual([200, status]);
			expect(check.run.error?.httpCode).toBe(String(status));
			expect(check.run.error?.description).toContain('KPN did not confirm it, so it may have been created');
			expect(check.run.error?.description).toContain('Earlier items WERE created (item 0: INC0010001); do not send them again.');
		});

		test('with Continue On Fail: item 2 is an error item, the others are created', async () => {
			suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: CREATE, skip: 1 });
			const check = await incident(`create: ${status} on item 2 of 4, Continue On Fail`, createParameters, createItems(4), { kind: 'perItem', failed: [1] }, { continueOnFail: true });
			expect(check.statuses(CREATE)).toEqual([200, status, 200, 200]);
			expect(check.run.items[1].json.error).toMatch(/^KPN: /);
			expect(check.run.items[1].json.description).toContain('may have been created');
		});
	});

	test('a create that times out is not sent again; Continue On Fail reports it as possibly created', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'slow', delayMs: 1500 }, { pathIncludes: CREATE, skip: 1 });
		const check = await incident('create: timeout on item 2 of 3, Continue On Fail', createParameters, createItems(3), { kind: 'perItem', failed: [1] }, {
			nodeType: withRequestTimeout(new KpnIncident(), 400),
			continueOnFail: true,
			settleMs: 1300,
		});
		expect(check.calls(CREATE)).toHaveLength(3);
		expect(check.run.items[1].json.error).toMatch(/timeout/i);
		expect(check.run.items[1].json.description).toContain('may have been created');
	});

	test('an answer that is not JSON: not sent again, a clear error', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: CREATE });
		const check = await incident('create: malformed JSON answer to item 1 of 2', createParameters, createItems(2), { kind: 'nodeError' });
		expect(check.calls(CREATE)).toHaveLength(1);
		expect(check.run.error?.message).toBe('KPN answered with something that is not JSON');
		expect(check.run.error?.description).toContain('may have been created');
	});
});

describe('comment (a write on existing tickets)', () => {
	const commentParameters = {
		resource: 'incident',
		operation: 'comment',
		ticketNumber: '={{ $json.ticket }}',
		referenceNumber: '={{ $json.ref }}',
		comment: '={{ "Still down at " + $json.ref }}',
	};

	test('500 on the second comment with Continue On Fail: not sent again, the others go through', async () => {
		const tickets = await existingIncidents(3);
		suite.sandbox().faults.failNext(1, { status: 500 }, { pathIncludes: UPDATE, skip: 1 });
		const check = await incident('comment: 500 on item 2 of 3, Continue On Fail', commentParameters, tickets, { kind: 'perItem', failed: [1] }, { continueOnFail: true });
		expect(check.statuses(UPDATE)).toEqual([200, 500, 200]);
		expect(check.run.items[1].json.description).toContain('may have been updated');
	});

	test('429 then success: every comment added once', async () => {
		const tickets = await existingIncidents(3);
		suite.sandbox().faults.failNext(2, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: UPDATE });
		const check = await incident('comment: 429 twice on item 1 of 3', commentParameters, tickets, { kind: 'delivered' });
		expect(check.statuses(UPDATE)).toEqual([429, 429, 200, 200, 200]);
	});
});

describe('get and get many (reads)', () => {
	const getParameters = { resource: 'incident', operation: 'get', ticketNumber: '={{ $json.ticket }}' };

	test.each([500, 502, 503] as const)('HTTP %i once on a get: retried, every item delivered', async (status) => {
		const tickets = await existingIncidents(3);
		suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: '/GetIncident/', skip: 1 });
		const check = await incident(`get: ${status} once on item 2 of 3`, getParameters, tickets, { kind: 'delivered' });
		expect(check.statuses('/GetIncident/INC0010002')).toEqual([status, 200]);
	});

	test.each([500, 502, 503] as const)('HTTP %i that stays: 3 tries, then a clear error', async (status) => {
		const tickets = await existingIncidents(1);
		suite.sandbox().faults.failNext(5, { status, retryAfterSeconds: 0 }, { pathIncludes: '/GetIncident/' });
		const check = await incident(`get: ${status} on every try`, getParameters, tickets, { kind: 'nodeError' });
		expect(check.statuses('/GetIncident/INC0010001')).toEqual([status, status, status]);
		expect(check.run.error?.message).toMatch(/^KPN: /);
		expect(check.run.error?.description).toContain('GET /network/kpn/incident/GetIncident/INC0010001 failed');
		expect(check.run.error?.description).toContain('after 3 tries');
	});

	test('503 without Retry-After: backoff, then success', async () => {
		await existingIncidents(4);
		suite.sandbox().faults.failNext(1, { status: 503 }, { pathIncludes: '/GetActiveIncidents' });
		const check = await incident('get many: 503 (backoff) once', { resource: 'incident', operation: 'getAll', returnAll: true }, [{}], {
			kind: 'rows',
			count: 4,
			key: (json) => json.ticket_number,
		});
		expect(check.statuses('/GetActiveIncidents')).toEqual([503, 200]);
	});

	test('429 with Retry-After on get many: all active incidents once', async () => {
		await existingIncidents(3);
		suite.sandbox().faults.failNext(2, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: '/GetActiveIncidents' });
		const check = await incident('get many: 429 twice', { resource: 'incident', operation: 'getAll', returnAll: true }, [{}], {
			kind: 'rows',
			count: 3,
			key: (json) => json.ticket_number,
		});
		expect(check.statuses('/GetActiveIncidents')).toEqual([429, 429, 200]);
	});

	test('a read that times out: a clear error naming the request', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'slow', delayMs: 1200 }, { pathIncludes: '/GetActiveIncidents' });
		const check = await incident('get many: timeout', { resource: 'incident', operation: 'getAll', returnAll: true }, [{}], { kind: 'nodeError' }, {
			nodeType: withRequestTimeout(new KpnIncident(), 300),
			settleMs: 1000,
		});
		expect(check.run.error?.message).toMatch(/timeout/i);
		expect(check.run.error?.description).toBe('GET /network/kpn/incident/GetActiveIncidents was not answered.');
	});

	test('a read answered with malformed JSON: a clear error', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: '/GetActiveIncidents' });
		const check = await incident('get many: malformed JSON', { resource: 'incident', operation: 'getAll', returnAll: true }, [{}], { kind: 'nodeError' });
		expect(check.run.error?.message).toBe('KPN answered with something that is not JSON');
	});
});

describe('trigger', () => {
	test('a poll that fails (503 on every try) loses nothing: the next poll reports the new incident once', async () => {
		const store = suite.credentials();
		const secrets = trackSecrets(store);
		const nodeType: INodeType = new KpnIncidentTrigger();
		const first = await runPoll({ nodeType, parameters: {}, credentials: store, staticData: {} });
		expect(first.error).toBeUndefined();
		await runNode({ nodeType: new KpnIncident(), parameters: createParameters as never, items: createItems(1), credentials: store });

		suite.sandbox().faults.failNext(3, { status: 503, retryAfterSeconds: 0 }, { pathIncludes: '/GetActiveIncidents' });
		const failed = await runPoll({ nodeType, parameters: {}, credentials: store, staticData: first.staticData });
		expect(failed.error?.message).toMatch(/^KPN: /);
		expect(failed.staticData).toEqual(first.staticData);

		const next = await runPoll({ nodeType, parameters: {}, credentials: store, staticData: failed.staticData });
		const after = await runPoll({ nodeType, parameters: {}, credentials: store, staticData: next.staticData });
		const reported = [...next.items, ...after.items].filter((item) => item.json.ticket_number === 'INC0010001');
		tallyScenario({
			family: FAMILY,
			scenario: 'trigger: poll fails with 503 three times, next poll',
			items: 1,
			itemsLost: reported.length === 0 ? 1 : 0,
			duplicateWrites: 0,
			duplicateDeliveries: Math.max(0, reported.length - 1),
			secretsFound: findSecrets([...runTexts(failed), ...runTexts(next)], secrets()),
		});
		expect(reported.map((item) => item.json.event)).toEqual(['new']);
	});
});

describe("n8n's Retry On Fail (3 tries, no wait): no incident created or updated twice", () => {
	const retry = { retryOnFail: { maxTries: 3, waitBetweenTries: 0 } };
	const createdRefs = (check: { log: Array<{ path: string; status: number; body?: unknown }> }) =>
		check.log
			.filter((entry) => entry.path.endsWith(CREATE) && entry.status !== 503)
			.map((entry) => (entry.body as IDataObject).reference_number);

	test('create × 3, 503 on item 2: item 1 created once, item 2 reported, item 3 created on the next try', async () => {
		suite.sandbox().faults.failNext(1, { status: 503 }, { pathIncludes: CREATE, skip: 1 });
		const check = await incident('Retry On Fail: create × 3, 503 on item 2', createParameters, createItems(3), { kind: 'nodeError' }, retry);
		expect(check.statuses(CREATE)).toEqual([200, 503, 200]);
		expect(createdRefs(check)).toEqual(['FS-0', 'FS-2']);
		expect(check.run.error?.description).toMatch(/Item 1 may have been created in an earlier try of this node/);
		expect(check.run.error?.description).toMatch(/Other items WERE created \(item 0: INC\d+, item 2: INC\d+\)/);
	});

	test('create × 3, created then 500 on item 1: never created twice', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'appliedThen', status: 500 }, { pathIncludes: CREATE });
		const check = await incident('Retry On Fail: create × 3, created then 500 on item 1', createParameters, createItems(3), { kind: 'nodeError' }, retry);
		expect(check.statuses(CREATE)).toEqual([500, 200, 200]);
		expect(check.log.filter((entry) => entry.path.endsWith(CREATE)).map((entry) => (entry.body as IDataObject).reference_number)).toEqual(['FS-0', 'FS-1', 'FS-2']);
	});

	test('comment × 3, added then 502 on item 2: every comment added once', async () => {
		const tickets = await existingIncidents(3);
		suite.sandbox().faults.failNext(1, { kind: 'appliedThen', status: 502 }, { pathIncludes: UPDATE, skip: 1 });
		const check = await incident('Retry On Fail: comment × 3, added then 502 on item 2', {
			resource: 'incident',
			operation: 'comment',
			ticketNumber: '={{ $json.ticket }}',
			referenceNumber: '={{ $json.ref }}',
			comment: '={{ "Still down at " + $json.ref }}',
		}, tickets, { kind: 'nodeError' }, retry);
		expect(check.statuses(UPDATE)).toEqual([200, 502, 200]);
	});

	test('get × 3 (a read), 500 on every try of item 2: read again on each try', async () => {
		const tickets = await existingIncidents(3);
		suite.sandbox().faults.failNext(3, { status: 500, retryAfterSeconds: 0 }, { pathIncludes: '/GetIncident', skip: 1 });
		const check = await incident('Retry On Fail: get × 3, 500 three times on item 2, then read', {
			resource: 'incident',
			operation: 'get',
			ticketNumber: '={{ $json.ticket }}',
		}, tickets, { kind: 'delivered' }, retry);
		expect(check.log.filter((entry) => entry.path.includes('/GetIncident/') && entry.status === 500)).toHaveLength(3);
		expect(check.run.items.map((item) => item.json.ticket_number)).toEqual(tickets.map((ticket) => ticket.ticket));
	});
});
