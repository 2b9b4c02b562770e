import { KpnMobileServices } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { kpnCredentialStore } from '../harness/kpnCredentials';
import { runLoadOptions, runListSearchPage } from '../harness/runLoadOptions';
import { runNode } from '../harness/runNode';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox, type Sandbox } from '../sandbox/server';

// The Mobile Service Management node against the sandbox, which keeps subscribers and baskets in
// memory, resets the fields a subscriber update leaves out (as the seed warns) and checks orders.
let sandbox: Sandbox;
const node = new KpnMobileServices();
const BASE = '/mobile/kpn/mobileservices';

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => {
	sandbox.reset();
	sandbox.revokeTokens();
});

const credentials = () =>
	kpnCredentialStore({
		clientId: SANDBOX_CLIENT_ID,
		clientSecret: SANDBOX_CLIENT_SECRET,
		baseUrl: sandbox.url,
		tokenUrl: `${sandbox.url}/oauth/grip/msm/accesstoken?grant_type=client_credentials`,
	});

async function run(parameters: Record<string, unknown>, items: object[] = [{}], store = credentials()) {
	return await runNode({ nodeType: node, parameters: parameters as never, items: items as never, credentials: store });
}

const calls = (path: string, method?: string) =>
	sandbox.log.filter((entry) => entry.path === `${BASE}${path}` && (method === undefined || entry.method === method));

/** Calendar day `days` from today in the workflow's (n8n default) time zone. */
function dayFromToday(days: number): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
	return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

test('list subscribers → update one → create a basket → change it → order, with one token', async () => {
	const store = credentials();
	const listed = await run({ resource: 'subscriber', operation: 'getAll', limit: 5 }, [{}], store);
	expect(listed.error).toBeUndefined();
	expect(listed.items.map((item) => item.json.id)).toEqual([1234567, 1234568, 1234569, 1234570, 1234571]);
	const julia = listed.items[0].json;

	const updated = await run(
		{
			resource: 'subscriber',
			operation: 'update',
			subscriberId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			referenceNumber: '={{ "n8n-" + $json.id }}',
			updateFields: { comments: 'Moved to Utrecht', email: 'julia.jansen@sandbox-company.example' },
		},
		[julia],
		store,
	);
	expect(updated.error).toBeUndefined();
	expect(updated.items[0].json).toMatchObject({ operation: 'changeUserData', status: 'Initialized', id: 7654321 });
	expect(updated.items[0].json.referenceNumber).toMatch(/^n8n-1234567 \[[0-9A-F]{4}\]$/);
	const after = await run({ resource: 'subscriber', operation: 'get', subscriberId: '1234567' }, [{}], store);
	// The merge kept what was not changed: VIP, language and mobile number survive the PUT.
	expect(after.items[0].json).toMatchObject({
		comments: 'Moved to Utrecht',
		email: 'julia.jansen@sandbox-company.example',
		vip: true,
		preferredLanguage: 'EN',
		mobileNumber: '31620000000',
		employeeNumber: 'EMP00001',
	});

	const contracts = await run({ resource: 'contract', operation: 'getAll', limit: 1, filters: { category: 'MOBILE' } }, [{}], store);
	const contract = contracts.items[0].json;
	expect(contract).toMatchObject({ id: 9876543, state: 'ACTIVE', category: 'MOBILE' });

	const created = await run(
		{ resource: 'basket', operation: 'create', basketFor: 'contract', contractId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		[contract],
		store,
	);
	const sessionId = created.items[0].json.sessionId as string;
	expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

	const products = await run({ resource: 'basket', operation: 'get', sessionId, output: 'products' }, [{}], store);
	const extraData = products.items.find((item) => String(item.json.path).endsWith('Extra Data 5 GB'))!.json;
	expect(extraData).toMatchObject({ selected: false, disabled: false, level: 1 });

	const changed = await run(
		{
			resource: 'basket',
			operation: 'update',
			sessionId: '={{ $json.sessionId }}',
			productActions: { action: [{ productId: extraData.id, type: 'PUT', amount: 1 }] },
		},
		[{ sessionId }],
		store,
	);
	expect(changed.error).toBeUndefined();
	const basket = await run({ resource: 'basket', operation: 'get', sessionId }, [{}], store);
	expect((basket.items[0].json.totalPrice as { recurring: { monthlyFeeInCents: number } }).recurring.monthlyFeeInCents).toBe(2500);

	const ordered = await run(
		{ resource: 'basket', operation: 'order', sessionId: '={{ $json.sessionId }}', referenceNumber: 'PO-42', wishDate: dayFromToday(5) },
		[{ sessionId }],
		store,
	);
	expect(ordered.error).toBeUndefined();
	expect(ordered.items).toEqual([{ json: { orderId: 7654322, sessionId }, pairedItem: { item: 0 } }]);
	expect(sandbox.log.filter((entry) => entry.path.endsWith('/accesstoken'))).toHaveLength(1);
	expect(calls('/contracting/basket/order')).toHaveLength(1);
	// The ordered basket is gone.
	const gone = await run({ resource: 'basket', operation: 'get', sessionId }, [{}], store);
	expect(gone.error?.httpCode).toBe('404');
});

test('Replace sends only the given fields, and the sandbox resets the others, as KPN does', async () => {
	const replaced = await run({
		resource: 'subscriber',
		operation: 'update',
		subscriberId: '1234567',
		updateFields: { firstName: 'Julia', surname: 'Jansen', gender: 'FEMALE' },
		options: { replace: true },
	});
	expect(replaced.error).toBeUndefined();
	expect(calls('/hierarchy/subscribers/1234567', 'GET')).toHaveLength(0);
	const after = await run({ resource: 'subscriber', operation: 'get', subscriberId: '1234567' });
	expect(after.items[0].json).toMatchObject({ vip: false, preferredLanguage: null, mobileNumber: '', email: null });
});

test('Return All pages through the 1000 subscribers in 10 requests', async () => {
	const all = await run({ resource: 'subscriber', operation: 'getAll', returnAll: true });
	expect(all.items).toHaveLength(1000);
	expect(calls('/hierarchy/subscribers').map((entry) => [entry.query.from, entry.query.to])).toEqual(
		Array.from({ length: 10 }, (_, page) => [String(page * 100), String(page * 100 + 100)]),
	);
	const children = await run({ resource: 'hierarchy', operation: 'getChildren', returnAll: true, parentId: '4567890' });
	expect(children.error).toBeUndefined();
	expect(children.items.every((item) => item.json.type === 'SUBSCRIBER')).toBe(true);
});

test('contract items flattened; main products listed for a basket', async () => {
	const items = await run({ resource: 'contract', operation: 'getItems', contractId: '9876543', flatten: true });
	expect(items.items.map((item) => item.json.level)).toEqual([0, 1, 1, 2]);
	const created = await run({ resource: 'basket', operation: 'create', basketFor: 'subscriber', subscriberId: '1234568' });
	const sessionId = created.items[0].json.sessionId as string;
	const hardware = await run({ resource: 'basket', operation: 'getMainProducts', sessionId, returnAll: true, filters: { category: 'HARDWARE' } });
	expect(hardware.items.map((item) => item.json.id)).toEqual(['5001', '5002', '5003']);
});

test('dropdowns against the sandbox: subscribers, contracts, basket products and characteristics', async () => {
	const store = credentials();
	const subscribers = await runListSearchPage({ nodeType: node, method: 'searchSubscribers', parameters: {}, credentials: store });
	expect(subscribers.results).toHaveLength(50);
	expect(subscribers.paginationToken).toBe('50');
	const contracts = await runListSearchPage({ nodeType: node, method: 'searchContracts', parameters: {}, credentials: store });
	expect(contracts.results).toHaveLength(31);
	expect(contracts.paginationToken).toBeUndefined();
	const created = await run({ resource: 'basket', operation: 'create', basketFor: 'subscriber', subscriberId: '1234568' }, [{}], store);
	const sessionId = created.items[0].json.sessionId as string;
	const products = await runLoadOptions({ nodeType: node, method: 'getBasketProducts', parameters: { sessionId }, credentials: store });
	expect(products.map((option) => option.value)).toEqual(expect.arrayContaining(['3098', '5001', '6001']));
	await run({ resource: 'basket', operation: 'update', sessionId, productActions: { action: [{ productId: '3098', type: 'PUT' }] } }, [{}], store);
	const characteristics = await runLoadOptions({ nodeType: node, method: 'getBasketCharacteristics', parameters: { sessionId }, credentials: store });
	expect(characteristics.map((option) => option.value)).toEqual(['firstName', 'lastName', 'porting']);
});

test('a 503 on an order is not retried: one request, and the error says so', async () => {
	const created = await run({ resource: 'basket', operation: 'create', contractId: '9876543' });
	const sessionId = created.items[0].json.sessionId as string;
	await run({ resource: 'basket', operation: 'update', sessionId, productActions: { action: [{ productId: 'TreeNode_9876543_4', type: 'PUT' }] } });
	sandbox.faults.failNext(3, { status: 503 }, { pathIncludes: '/contracting/basket/order' });
	const ordered = await run({ resource: 'basket', operation: 'order', sessionId });
	expect(ordered.error?.httpCode).toBe('503');
	expect(ordered.error?.description).toContain('Item 0 was not retried: KPN did not confirm it, so it may have been ordered.');
	expect(calls('/contracting/basket/order')).toHaveLength(1);
});

test('reads ride out 429 and an expired token; the sandbox refuses a wish date the node would not send', async () => {
	sandbox.faults.failNext(2, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: '/hierarchy/subscribers' });
	const listed = await run({ resource: 'subscriber', operation: 'getAll', limit: 3 });
	expect(listed.error).toBeUndefined();
	expect(calls('/hierarchy/subscribers').map((entry) => entry.status)).toEqual([429, 429, 200]);

	const store = credentials();
	await run({ resource: 'subscriber', operation: 'get', subscriberId: '1234567' }, [{}], store);
	sandbox.revokeTokens();
	sandbox.log.length = 0;
	const again = await run({ resource: 'subscriber', operation: 'get', subscriberId: '1234567' }, [{}], store);
	expect(again.error).toBeUndefined();
	expect(calls('/hierarchy/subscribers/1234567').map((entry) => entry.status)).toEqual([401, 200]);

	const tooLate = await run({ resource: 'basket', operation: 'order', sessionId: 'any', wishDate: dayFromToday(120) });
	expect(tooLate.error?.message).toContain('Wish Date:');
	expect(calls('/contracting/basket/order')).toHaveLength(0);
});
