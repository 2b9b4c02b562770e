import type { IDataObject } from 'n8n-workflow';

import { KpnMobileServices } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { runNode } from '../harness/runNode';
import { useSandbox } from '../harness/sandboxSuite';
import { faultScenario, withRequestTimeout, type FaultScenarioOptions, type Outcome } from './support/faultRun';

// KPN Mobile Service Management: subscriber Get Many pages through 1000 subscribers (10 calls of
// 100); basket Order and subscriber Update are writes.
const FAMILY = 'KPN Mobile Services';
const suite = useSandbox();
const SUBSCRIBERS = '/hierarchy/subscribers';
const ORDER = '/contracting/basket/order';
const allSubscribers = { resource: 'subscriber', operation: 'getAll', returnAll: true };
const thousandRows: Outcome = { kind: 'rows', count: 1000, key: (json) => json.id };
const orderParameters = { resource: 'basket', operation: 'order', sessionId: '={{ $json.sessionId }}', referenceNumber: '={{ "PO-" + $itemIndex }}' };

async function msm(scenario: string, parameters: object, outcome: Outcome, extra: Partial<FaultScenarioOptions> = {}) {
	return await faultScenario({
		family: FAMILY,
		scenario,
		sandbox: suite.sandbox(),
		credentials: suite.credentials(),
		nodeType: new KpnMobileServices(),
		parameters: parameters as never,
		expect: outcome,
		...extra,
	});
}

/** `count` baskets, each changing another contract (an extra 5 GB bundle), ready to order; then the log is cleared. */
async function orderableBaskets(count: number): Promise<IDataObject[]> {
	const credentials = suite.credentials();
	const contracts = Array.from({ length: count }, (_, i) => ({ contract: String(9876543 + i) }));
	const created = await runNode({
		nodeType: new KpnMobileServices(),
		parameters: { resource: 'basket', operation: 'create', basketFor: 'contract', contractId: '={{ $json.contract }}' } as never,
		items: contracts,
		credentials,
	});
	expect(created.error).toBeUndefined();
	const baskets = created.items.map((item, i) => ({ sessionId: String(item.json.sessionId), contract: contracts[i].contract }));
	const changed = await runNode({
		nodeType: new KpnMobileServices(),
		parameters: {
			resource: 'basket',
			operation: 'update',
			sessionId: '={{ $json.sessionId }}',
			productActions: { action: [{ productId: '={{ "TreeNode_" + $json.contract + "_4" }}', type: 'PUT' }] },
		} as never,
		items: baskets,
		credentials,
	});
	expect(changed.error).toBeUndefined();
	suite.sandbox().log.length = 0;
	return baskets.map(({ sessionId }) => ({ sessionId }));
}

describe('subscriber Get Many, Return All (a paged read, 10 calls)', () => {
	test('429 with Retry-After on page 3: all 1000 subscribers once', async () => {
		suite.sandbox().faults.failNext(1, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: SUBSCRIBERS, skip: 2 });
		const check = await msm('subscribers: 429 + Retry-After on page 3 of 10', allSubscribers, thousandRows);
		expect(check.statuses(SUBSCRIBERS)).toEqual([200, 200, 429, ...Array(8).fill(200)]);
	});

	test('401 on page 5: one re-auth, nothing lost', async () => {
		suite.sandbox().faults.failNext(1, { status: 401 }, { pathIncludes: SUBSCRIBERS, skip: 4 });
		const check = await msm('subscribers: 401 on page 5 of 10', allSubscribers, thousandRows);
		expect(check.tokenCalls).toBe(2);
		expect(check.calls(SUBSCRIBERS)).toHaveLength(11);
	});

	test.each([500, 502, 503] as const)('HTTP %i once on page 2: retried, all 1000 once', async (status) => {
		suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: SUBSCRIBERS, skip: 1 });
		const check = await msm(`subscribers: ${status} once on page 2 of 10`, allSubscribers, thousandRows);
		expect(check.statuses(SUBSCRIBERS)).toEqual([200, status, ...Array(9).fill(200)]);
		expect(check.calls(SUBSCRIBERS).map((entry) => entry.query.from)).toEqual(['0', '100', '100', '200', '300', '400', '500', '600', '700', '800', '900']);
	});

	test('503 that stays on page 4 (backoff, no Retry-After): 3 tries, then a clear error', async () => {
		suite.sandbox().faults.failNext(3, { status: 503 }, { pathIncludes: SUBSCRIBERS, skip: 3 });
		const check = await msm('subscribers: 503 on every try of page 4', allSubscribers, { kind: 'nodeError' });
		expect(check.statuses(SUBSCRIBERS)).toEqual([200, 200, 200, 503, 503, 503]);
		expect(check.run.error?.httpCode).toBe('503');
		expect(check.run.error?.description).toContain('GET /mobile/kpn/mobileservices/hierarchy/subscribers failed (HTTP 503) after 3 tries');
	});

	test('a page that times out: a clear error', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'slow', delayMs: 1200 }, { pathIncludes: SUBSCRIBERS, skip: 1 });
		const check = await msm('subscribers: timeout on page 2', allSubscribers, { kind: 'nodeError' }, {
			nodeType: withRequestTimeout(new KpnMobileServices(), 300),
			settleMs: 1000,
		});
		expect(check.run.error?.message).toMatch(/^Could not reach KPN: timeout/);
	});

	test('a page answered with malformed JSON: a clear error', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: SUBSCRIBERS, skip: 5 });
		const check = await msm('subscribers: malformed JSON on page 6', allSubscribers, { kind: 'nodeError' });
		expect(check.run.error?.message).toBe('KPN answered with something that is not JSON');
		expect(check.calls(SUBSCRIBERS)).toHaveLength(6);
	});
});

describe('basket Order (a write)', () => {
	test('429 with Retry-After on order 2 of 3: every basket ordered once', async () => {
		const baskets = await orderableBaskets(3);
		suite.sandbox().faults.failNext(1, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: ORDER, skip: 1 });
		const check = await msm('order: 429 + Retry-After on order 2 of 3', orderParameters, { kind: 'delivered' }, { items: baskets });
		expect(check.statuses(ORDER)).toEqual([200, 429, 200, 200]);
		expect(check.run.items.every((item) => typeof item.json.orderId === 'number')).toBe(true);
	});

	test('401 on order 2 of 3: one re-auth, every basket ordered once', async () => {
		const baskets = await orderableBaskets(3);
		suite.sandbox().faults.failNext(1, { status: 401 }, { pathIncludes: ORDER, skip: 1 });
		const check = await msm('order: 401 on order 2 of 3', orderParameters, { kind: 'delivered' }, { items: baskets });
		expect(check.statuses(ORDER)).toEqual([200, 401, 200, 200]);
		expect(check.tokenCalls).toBe(2);
	});

	describe.each([500, 502, 503] as const)('HTTP %i on order 2 of 3', (status) => {
		test('is not sent again; the node stops and names the order placed before', async () => {
			const baskets = await orderableBaskets(3);
			suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: ORDER, skip: 1 });
			const check = await msm(`order: ${status} on order 2 of 3, stop`, orderParameters, { kind: 'nodeError' }, { items: baskets });
			expect(check.statuses(ORDER)).toEqual([200, status]);
			expect(check.run.error?.description).toContain('may have been ordered. Check your orders at KPN before ordering again.');
			expect(check.run.error?.description).toMatch(/Earlier items WERE ordered \(item 0: order \d+\); do not send them again\./);
		});

		test('with Continue On Fail: order 2 is an error item, orders 1 and 3 are placed', async () => {
			const baskets = await orderableBaskets(3);
			suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: ORDER, skip: 1 });
			const check = await msm(`order: ${status} on order 2 of 3, Continue On Fail`, orderParameters, { kind: 'perItem', failed: [1] }, {
				items: baskets,
				continueOnFail: true,
			});
			expect(check.statuses(ORDER)).toEqual([200, status, 200]);
			expect(check.run.items[1].json.description).toContain('may have been ordered');
		});
	});

	test('an order that times out is not sent again; Continue On Fail reports it as possibly placed', async () => {
		const baskets = await orderableBaskets(3);
		suite.sandbox().faults.failNext(1, { kind: 'slow', delayMs: 1500 }, { pathIncludes: ORDER, skip: 1 });
		const check = await msm('order: timeout on order 2 of 3, Continue On Fail', orderParameters, { kind: 'perItem', failed: [1] }, {
			items: baskets,
			nodeType: withRequestTimeout(new KpnMobileServices(), 400),
			continueOnFail: true,
			settleMs: 1300,
		});
		expect(check.calls(ORDER)).toHaveLength(3);
		expect(check.run.items[1].json.error).toMatch(/timeout/i);
		expect(check.run.items[1].json.description).toContain('may have been ordered');
	});

	test('an order answered with malformed JSON is not sent again', async () => {
		const baskets = await orderableBaskets(2);
		suite.sandbox().faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: ORDER });
		const check = await msm('order: malformed JSON answer to order 1 of 2', orderParameters, { kind: 'nodeError' }, { items: baskets });
		expect(check.calls(ORDER)).toHaveLength(1);
		expect(check.run.error?.description).toContain('may have been ordered');
	});
});

describe('subscriber Update (read, then a write)', () => {
	const update = { resource: 'subscriber', operation: 'update', subscriberId: '1234567', updateFields: { comments: 'Moved to Utrecht' } };

	test('500 on the PUT: not sent again, a clear error', async () => {
		suite.sandbox().faults.failNext(1, { status: 500 }, { pathIncludes: '/hierarchy/subscribers/1234567', method: 'PUT' });
		const check = await msm('subscriber update: 500 on the PUT', update, { kind: 'nodeError' });
		expect(check.calls('/hierarchy/subscribers/1234567', 'PUT')).toHaveLength(1);
		expect(check.run.error?.description).toContain('may have been updated');
	});

	test('503 on the read before the PUT: retried, then updated once', async () => {
		suite.sandbox().faults.failNext(1, { status: 503, retryAfterSeconds: 0 }, { pathIncludes: '/hierarchy/subscribers/1234567', method: 'GET' });
		const check = await msm('subscriber update: 503 on the GET before the PUT', update, { kind: 'delivered' });
		expect(check.statuses('/hierarchy/subscribers/1234567', 'GET')).toEqual([503, 200]);
		expect(check.statuses('/hierarchy/subscribers/1234567', 'PUT')).toEqual([200]);
	});
});

describe("n8n's Retry On Fail (3 tries, no wait): no basket ordered twice", () => {
	test('ordered, then 503 on order 2 of 3: order 3 is placed on the next try, order 2 never repeated', async () => {
		const baskets = await orderableBaskets(3);
		suite.sandbox().faults.failNext(1, { kind: 'appliedThen', status: 503 }, { pathIncludes: ORDER, skip: 1 });
		const check = await msm('Retry On Fail: order × 3, ordered then 503 on order 2', orderParameters, { kind: 'nodeError' }, {
			items: baskets,
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});
		expect(check.statuses(ORDER)).toEqual([200, 503, 200]);
		expect(check.run.error?.description).toMatch(/Item 1 may have been ordered in an earlier try of this node/);
		expect(check.run.error?.description).toMatch(/Other items WERE ordered \(item 0: order \d+, item 2: order \d+\)/);
	});
});
