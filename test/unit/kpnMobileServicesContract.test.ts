import nock from 'nock';

import { KpnMobileServices } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { MSM_TOKEN_PATH, mockKpnTokens } from '../harness/kpnNock';
import { forbidAnyRequest, mockMsm, mockMsmList, msmErrorBody, RequestLog, runMsm } from '../harness/msmNock';

const node = new KpnMobileServices();
const run = async (parameters: Record<string, unknown>, items: object[] = [{}], options: { continueOnFail?: boolean } = {}) =>
	await runMsm(node, parameters, items, options);

const contractRows = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		id: 9876543 + index,
		firstName: 'Maxim',
		namePrefix: 'van',
		lastName: 'Aanholt',
		mobileNumber: `316800${String(index).padStart(5, '0')}`,
		fixedNumber: null,
		product: { en: 'Mobile Voice and Data', nl: 'Mobiel Bellen en Internet' },
		productCategory: 'Network Services',
		state: 'ACTIVE',
		simCardNumber: '1234567890123456789',
		extension: null,
		sipAccount: null,
		imei: null,
		category: 'MOBILE',
	}));

/** The seed's contract item tree (GET /contract/id/{id}/items). */
const itemTree = () => ({
	id: 2419028783,
	citemBsId: 202293970,
	contractId: 1623106407,
	productBsId: 3098,
	tariffPlanVariantBsId: 60972,
	name: { en: 'Mobile Voice and Data', nl: 'Mobiel Bellen en Internet' },
	children: [
		{
			id: 2419028773,
			citemBsId: 202293984,
			contractId: 1623106407,
			productBsId: 1555,
			tariffPlanVariantBsId: 60972,
			name: { en: 'Data Roaming EU', nl: 'Data Roaming EU' },
			children: [],
		},
		{
			id: 2419028781,
			citemBsId: 202293972,
			contractId: 1623106407,
			productBsId: 4394,
			tariffPlanVariantBsId: 60972,
			name: { en: 'Data Usage Notification', nl: 'Dataverbruik Melding' },
			children: [
				{
					id: 2419512359,
					citemBsId: 202341166,
					contractId: 1623106407,
					productBsId: 4399,
					tariffPlanVariantBsId: 60972,
					name: { en: 'Data Usage Notification 5000 MB', nl: 'Dataverbruik Melding 5000 MB' },
					children: [],
				},
			],
		},
	],
});

describe('KPN MSM contract: get many', () => {
	test.each([
		[0, [[0, 100]]],
		[1, [[0, 100]]],
		[20, [[0, 100]]],
		[21, [[0, 100]]],
		[1000, Array.from({ length: 10 }, (_, page) => [page * 100, page * 100 + 100])],
	])('Return All over %i contracts: requests %j', async (total, expected) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/contract/all', contractRows(total));
		const result = await run({ resource: 'contract', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(log.pages('/contract/all')).toEqual(expected);
		expect(result.items).toHaveLength(total);
		if (total > 0) expect(result.items[total - 1].json.id).toBe(9876543 + total - 1);
	});

	test('category, search, column filters and sorting are sent; Limit 20 of 21 is one request', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/contract/all', contractRows(21));
		const result = await run({
			resource: 'contract',
			operation: 'getAll',
			limit: 20,
			filters: { category: 'MOBILE', search: '3168', columnFilters: 'STATE: "ACTIVE"' },
			options: { sortBy: 'MOBILE_NUMBER', order: 'ASC' },
		});
		expect(result.items).toHaveLength(20);
		expect(log.requests.map((request) => request.query)).toEqual([
			{ category: 'MOBILE', patterns: '3168', filters: 'STATE: "ACTIVE"', sortBy: 'MOBILE_NUMBER', order: 'ASC', from: '0', to: '20' },
		]);
	});

	test('a category from an expression is checked before any request', async () => {
		const any = forbidAnyRequest();
		const result = await run({ resource: 'contract', operation: 'getAll', filters: { category: '={{ "mobile phones" }}' } });
		expect(result.error?.message).toBe(
			'Item 0: Category must be one of MOBILE, FIXED, FIXED_MOBILE, HARDWARE, SKYPE_FOR_BUSINESS, SOFTWARE, OTHER (got "mobile phones")',
		);
		expect(any.isDone()).toBe(false);
	});

	test('a 503 is retried; a 500 that stays is reported after 3 tries', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		let calls = 0;
		mockMsm(log, 'get', '/contract/all', () => (++calls === 1 ? [503, { fault: { faultstring: 'Service Unavailable' } }, { 'Retry-After': '0' }] : [200, { result: contractRows(1), total: 1 }]));
		const ok = await run({ resource: 'contract', operation: 'getAll', returnAll: true });
		expect(ok.error).toBeUndefined();
		expect(log.requests).toHaveLength(2);
		nock.cleanAll();
		mockKpnTokens(MSM_TOKEN_PATH);
		const failing = new RequestLog();
		mockMsm(failing, 'get', '/contract/all', () => [500, msmErrorBody(500, 'INTERNAL_ERROR', 'Internal server error'), { 'Retry-After': '0' }]);
		const failed = await run({ resource: 'contract', operation: 'getAll', returnAll: true });
		expect(failed.error?.httpCode).toBe('500');
		expect(failing.requests).toHaveLength(3);
	});
});

describe('KPN MSM contract: get items', () => {
	const getItems = (extra: Record<string, unknown> = {}) => ({
		resource: 'contract',
		operation: 'getItems',
		contractId: { __rl: true, mode: 'list', value: '9876543' },
		...extra,
	});

	test('GET /contract/id/{id}/items; by default one item holding the tree', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contract/id/9876543/items', () => [200, itemTree()]);
		const result = await run(getItems());
		expect(result.error).toBeUndefined();
		expect(log.lines()).toEqual(['GET /contract/id/9876543/items']);
		expect(result.items).toEqual([{ json: itemTree(), pairedItem: { item: 0 } }]);
	});

	test('Flatten Product Tree gives one row per product with level, parent and path, depth-first', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contract/id/9876543/items', () => [200, itemTree()]);
		const result = await run(getItems({ flatten: true }));
		expect(result.items.map((item) => [item.json.id, item.json.level, item.json.parentId, item.json.path])).toEqual([
			[2419028783, 0, null, 'Mobile Voice and Data'],
			[2419028773, 1, 2419028783, 'Mobile Voice and Data > Data Roaming EU'],
			[2419028781, 1, 2419028783, 'Mobile Voice and Data > Data Usage Notification'],
			[2419512359, 2, 2419028781, 'Mobile Voice and Data > Data Usage Notification > Data Usage Notification 5000 MB'],
		]);
		expect(result.items[3].json).toEqual({
			id: 2419512359,
			citemBsId: 202341166,
			contractId: 1623106407,
			productBsId: 4399,
			tariffPlanVariantBsId: 60972,
			name: { en: 'Data Usage Notification 5000 MB', nl: 'Dataverbruik Melding 5000 MB' },
			level: 2,
			parentId: 2419028781,
			path: 'Mobile Voice and Data > Data Usage Notification > Data Usage Notification 5000 MB',
		});
		expect(result.items.every((item) => !('children' in item.json))).toBe(true);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a list of roots is accepted as well', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contract/id/9876543/items', () => [200, [itemTree(), { ...itemTree(), id: 1, children: [] }]]);
		const result = await run(getItems({ flatten: true }));
		expect(result.items.map((item) => item.json.id)).toEqual([2419028783, 2419028773, 2419028781, 2419512359, 1]);
	});

	test('a bad contract ID is refused before any request; 404 is a clear error', async () => {
		const any = forbidAnyRequest();
		const bad = await run(getItems({ contractId: '={{ "98-76" }}' }));
		expect(bad.error?.message).toBe('Item 0: Contract: "98-76" is not an ID');
		expect(any.isDone()).toBe(false);
		nock.cleanAll();
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contract/id/1/items', () => [404, msmErrorBody(404, 'CONTRACT_NOT_FOUND', 'Contract 1 not found')]);
		const missing = await run(getItems({ contractId: '1' }));
		expect(missing.error?.message).toBe('KPN: Contract 1 not found');
		expect(missing.error?.httpCode).toBe('404');
	});
});

describe('KPN MSM hierarchy: get children', () => {
	const children = (count: number) =>
		Array.from({ length: count }, (_, index) => ({
			path: [{ id: 4567890, name: 'COMPANY X', type: 'CUSTOMER', email: null }],
			id: 5678901 + index,
			name: `Company X BV ${index}`,
			type: 'DEBTOR',
			email: null,
		}));

	test.each([
		[0, [[0, 100]]],
		[1, [[0, 100]]],
		[21, [[0, 100]]],
		[1000, Array.from({ length: 10 }, (_, page) => [page * 100, page * 100 + 100])],
	])('Return All over %i children: requests %j', async (total, expected) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/children', children(total));
		const result = await run({ resource: 'hierarchy', operation: 'getChildren', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(log.pages('/hierarchy/children')).toEqual(expected);
		expect(result.items).toHaveLength(total);
	});

	test('top level without a parent; the seed example answer passes through', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/children', children(1));
		const result = await run({ resource: 'hierarchy', operation: 'getChildren' });
		expect(log.requests[0].query).toEqual({ from: '0', to: '50' });
		expect(result.items).toEqual([{ json: children(1)[0], pairedItem: { item: 0 } }]);
	});

	test('parent, filters and the operation check become query parameters', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/children', children(2));
		await run({
			resource: 'hierarchy',
			operation: 'getChildren',
			parentId: ' 3456789 ',
			returnAll: true,
			filters: { includeCustomer: true, includeGroups: false, pattern: '100' },
			options: { operationType: 'MOVE_CONTRACT', contextId: '9876543', pageSize: 25 },
		});
		expect(log.requests[0].query).toEqual({
			id: '3456789',
			includeCustomer: 'true',
			includeGroups: 'false',
			pattern: '100',
			operationType: 'MOVE_CONTRACT',
			contextId: '9876543',
			from: '0',
			to: '25',
		});
	});

	test.each([
		[{ parentId: 'DEBTOR-1' }, 'Item 0: Parent ID: "DEBTOR-1" is not an ID'],
		[{ options: { contextId: 'abc' } }, 'Item 0: Context ID: "abc" is not an ID'],
		[{ options: { operationType: '={{ "DELETE" }}' } }, 'Item 0: Check Operation must be one of MOVE_CONTRACT'],
	])('bad input %j is refused before any request', async (extra, message) => {
		const any = forbidAnyRequest();
		const result = await run({ resource: 'hierarchy', operation: 'getChildren', ...extra });
		expect(result.error?.message).toContain(message);
		expect(any.isDone()).toBe(false);
	});

	test('404 for an unknown parent: Continue On Fail gives an error item', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/hierarchy/children', () => [404, msmErrorBody(404, 'CONTEXT_OBJECT_NOT_FOUND', 'Hierarchy entity 1 not found')]);
		const result = await run({ resource: 'hierarchy', operation: 'getChildren', parentId: '1' }, [{}], { continueOnFail: true });
		expect(result.items).toEqual([
			{ json: { error: 'KPN: Hierarchy entity 1 not found', description: expect.stringContaining('HTTP 404') }, pairedItem: { item: 0 } },
		]);
	});
});
