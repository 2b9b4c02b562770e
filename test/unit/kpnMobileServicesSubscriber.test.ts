import nock from 'nock';

import { KpnMobileServices } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { KPN_TEST_HOST } from '../harness/kpnCredentials';
import { MSM_TOKEN_PATH, mockKpnTokens } from '../harness/kpnNock';
import {
	forbidAnyRequest,
	mockMsm,
	mockMsmList,
	msmErrorBody,
	MSM_BASE,
	RequestLog,
	runMsm,
	subscriberRows,
} from '../harness/msmNock';

const node = new KpnMobileServices();
const run = async (parameters: Record<string, unknown>, items: object[] = [{}], options: { continueOnFail?: boolean } = {}) =>
	await runMsm(node, parameters, items, options);

/** The seed's subscriber Joshua (GET /hierarchy/subscribers/1234568). */
const joshua = () => ({
	path: [
		{ id: 2345678, name: 'COMPANY X', type: 'CUSTOMER', email: null },
		{ id: 3456789, name: 'COMPANY X BV', type: 'DEBTOR', email: null },
		{ id: 4567890, name: '123', type: 'COST_CENTER', email: null },
	],
	id: 1234568,
	location: ['Company X', 'Company X BV', '123', 'Martino, Joshua'],
	firstName: 'Joshua',
	surnamePrefix: '',
	surname: 'Martino',
	email: 'joshua.martino@companyx.nl',
	vip: false,
	employeeNumber: 'CRAWLER9000',
	gender: 'MALE',
	preferredLanguage: 'NL',
	comments: 'CRAWLER9000',
	mobileNumber: '',
	fixedNumber: null,
	user: false,
	gripUser: false,
});

/** Joshua's updatable fields, as the node sends them back (null fields left out). */
const joshuaFields = {
	comments: 'CRAWLER9000',
	email: 'joshua.martino@companyx.nl',
	employeeNumber: 'CRAWLER9000',
	firstName: 'Joshua',
	gender: 'MALE',
	mobileNumber: '',
	preferredLanguage: 'NL',
	surname: 'Martino',
	surnamePrefix: '',
	vip: false,
};

const orderSummary = (id: number) => ({
	contextName: 'Martino, Joshua',
	operation: 'changeUserData',
	status: 'Initialized',
	referenceNumber: '1234568 [FSR9]',
	id,
	creationDate: '2022-02-25T11:01:03.100+00:00',
});

const getAll = (extra: Record<string, unknown> = {}) => ({ resource: 'subscriber', operation: 'getAll', ...extra });

describe('KPN MSM subscriber: get many (from/to paging)', () => {
	const pages = (total: number, size: number): Array<[number, number]> => {
		if (total === 0) return [[0, size]];
		return Array.from({ length: Math.ceil(total / size) }, (_, page) => [page * size, Math.min((page + 1) * size, total)]);
	};

	test.each([
		[0, 100, [[0, 100]]],
		[1, 100, [[0, 100]]],
		[20, 100, [[0, 100]]],
		[21, 100, [[0, 100]]],
		[1000, 100, pages(1000, 100)],
		[0, 20, [[0, 20]]],
		[1, 20, [[0, 20]]],
		[20, 20, [[0, 20]]],
		[21, 20, [[0, 20], [20, 21]]],
		[1000, 20, pages(1000, 20)],
	])('Return All over %i rows with page size %i: requests %j', async (total, pageSize, expected) => {
		const tokens = mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		const rows = subscriberRows(total);
		mockMsmList(log, '/hierarchy/subscribers', rows);
		const result = await run(getAll({ returnAll: true, ...(pageSize === 100 ? {} : { options: { pageSize } }) }));
		expect(result.error).toBeUndefined();
		expect(log.pages('/hierarchy/subscribers')).toEqual(expected);
		expect(log.requests).toHaveLength(expected.length);
		expect(result.items.map((item) => item.json)).toEqual(rows);
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(tokens.calls()).toBe(1);
		// Never past the total once it is known.
		for (const [, to] of log.pages('/hierarchy/subscribers').slice(1)) expect(to).toBeLessThanOrEqual(total);
	});

	test('1000 rows: 10 requests 0-100 … 900-1000, every row once, in order', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(1000));
		const result = await run(getAll({ returnAll: true }));
		expect(log.pages('/hierarchy/subscribers')[9]).toEqual([900, 1000]);
		expect(result.items).toHaveLength(1000);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(1000);
		expect(result.items[999].json.id).toBe(1234567 + 999);
	});

	test.each([
		[50, 1000, [[0, 50]], 50],
		[100, 1000, [[0, 100]], 100],
		[150, 1000, [[0, 100], [100, 150]], 150],
		[5, 3, [[0, 5]], 3],
		[20, 21, [[0, 20]], 20],
		[21, 21, [[0, 21]], 21],
	])('Limit %i over %i rows: requests %j, %i items', async (limit, total, expected, count) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(total));
		const result = await run(getAll({ returnAll: false, limit }));
		expect(result.error).toBeUndefined();
		expect(log.pages('/hierarchy/subscribers')).toEqual(expected);
		expect(result.items).toHaveLength(count);
	});

	test('the default is Limit 50', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(1000));
		const result = await run(getAll());
		expect(log.pages('/hierarchy/subscribers')).toEqual([[0, 50]]);
		expect(result.items).toHaveLength(50);
	});

	test('a server that sends shorter pages than asked for is paged on from where it stopped', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(120), { maxPage: 50 });
		const result = await run(getAll({ returnAll: true }));
		expect(log.pages('/hierarchy/subscribers')).toEqual([[0, 100], [50, 120], [100, 120]]);
		expect(result.items.map((item) => item.json.id)).toEqual(subscriberRows(120).map((row) => row.id));
	});

	test('without a total the node stops at the first short page', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(130), { noTotal: true });
		const result = await run(getAll({ returnAll: true }));
		expect(log.pages('/hierarchy/subscribers')).toEqual([[0, 100], [100, 200]]);
		expect(result.items).toHaveLength(130);
	});

	test('filters and sorting become KPN query parameters', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(3));
		await run(
			getAll({
				returnAll: true,
				filters: { search: ' Martino ', columnFilters: 'LASTNAME: "Martino"', userOnly: true },
				options: { sortBy: 'EMPLOYEE_NUMBER', order: 'DESC' },
			}),
		);
		expect(log.requests[0].query).toEqual({
			patterns: 'Martino',
			filters: 'LASTNAME: "Martino"',
			userOnly: 'true',
			sortBy: 'EMPLOYEE_NUMBER',
			order: 'DESC',
			from: '0',
			to: '100',
		});
	});

	test('each input item lists on its own; outputs are paired with their item', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(3));
		const result = await run(getAll({ returnAll: false, limit: '={{ $json.limit }}' }), [{ limit: 1 }, { limit: 2 }]);
		expect(log.pages('/hierarchy/subscribers')).toEqual([[0, 1], [0, 2]]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});

	test.each([
		[{ returnAll: false, limit: 0 }, 'Item 0: Limit must be a whole number of at least 1 (got 0)'],
		[{ returnAll: true, options: { pageSize: 0 } }, 'Item 0: Page Size must be a whole number from 1 to 1000 (got 0)'],
		[{ returnAll: true, options: { basePath: 'https://api.kpn.com/x' } }, 'Item 0: API Base Path: "https://api.kpn.com/x" is a URL'],
	])('bad paging input %j is refused before any request', async (extra, message) => {
		const any = forbidAnyRequest();
		const result = await run(getAll(extra));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(any.isDone()).toBe(false);
	});

	test('a 429 and a 503 on a page are retried (reads); paging goes on where it was', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		nock(KPN_TEST_HOST).get(`${MSM_BASE}/hierarchy/subscribers`).query({ from: '100', to: '150' }).reply(429, msmErrorBody(429, 'TOO_MANY_REQUESTS', 'Quota exceeded'), { 'Retry-After': '0' });
		nock(KPN_TEST_HOST).get(`${MSM_BASE}/hierarchy/subscribers`).query({ from: '100', to: '150' }).reply(503, { fault: { faultstring: 'The Service is temporarily unavailable' } }, { 'Retry-After': '0' });
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(150));
		const result = await run(getAll({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150);
		expect(log.pages('/hierarchy/subscribers')).toEqual([[0, 100], [100, 150]]);
	});

	test('an expired token (401) is refreshed once and the page asked for again', async () => {
		const tokens = mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		nock(KPN_TEST_HOST).get(`${MSM_BASE}/hierarchy/subscribers`).query(true).reply(401, { fault: { faultstring: 'Invalid Access Token', detail: { errorcode: 'keymanagement.service.invalid_access_token' } } });
		mockMsmList(log, '/hierarchy/subscribers', subscriberRows(2));
		const result = await run(getAll({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(tokens.calls()).toBe(2);
		expect(log.requests.map((request) => request.authorization)).toEqual(['Bearer tok-2']);
		expect(result.items).toHaveLength(2);
	});

	test('a 401 that stays a 401 after one refresh is reported as such', async () => {
		const tokens = mockKpnTokens(MSM_TOKEN_PATH);
		const api = nock(KPN_TEST_HOST).get(`${MSM_BASE}/hierarchy/subscribers`).query(true).times(3).reply(401, { fault: { faultstring: 'Invalid Access Token' } });
		const result = await run(getAll({ returnAll: true }));
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.message).toBe('KPN: Invalid Access Token');
		expect(tokens.calls()).toBe(2);
		expect(api.pendingMocks()).toHaveLength(1);
	});

	test.each([
		[403, msmErrorBody(403, 'FORBIDDEN', 'Access denied', 'Missing privilege privileges_virtual_hierarchy_view'), 'KPN: Access denied — Missing privilege privileges_virtual_hierarchy_view', 1],
		[500, msmErrorBody(500, 'INTERNAL_ERROR', 'Internal server error'), 'KPN: Internal server error', 3],
		[400, msmErrorBody(400, 'INVALID_PAGINATION', 'to must not be smaller than from', 'from=5, to=1'), 'KPN: to must not be smaller than from — from=5, to=1', 1],
		[429, msmErrorBody(429, 'TOO_MANY_REQUESTS', 'Quota exceeded'), 'KPN: Quota exceeded', 3],
	])('HTTP %i is a clear error naming the request (%#)', async (status, body, message, attempts) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/hierarchy/subscribers', () => [status, body, { 'Retry-After': '0' }]);
		const result = await run(getAll({ returnAll: true }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.description).toContain(`GET /mobile/kpn/mobileservices/hierarchy/subscribers failed (HTTP ${status})`);
		expect(log.requests).toHaveLength(attempts);
	});

	test('an answer that is not a list is an error, not an empty result', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/hierarchy/subscribers', () => [200, { subscribers: [] }]);
		const result = await run(getAll({ returnAll: true }));
		expect(result.error?.message).toBe('KPN answered without a list');
	});

	test('the API base path can be changed in the options', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const seen: string[] = [];
		nock(KPN_TEST_HOST).get('/mobile/kpn/mobileservices-v12/hierarchy/subscribers').query(true).reply((uri) => {
			seen.push(uri);
			return [200, { result: [], total: 0 }];
		});
		const result = await run(getAll({ returnAll: true, options: { basePath: 'mobile/kpn/mobileservices-v12/' } }));
		expect(result.error).toBeUndefined();
		expect(seen).toEqual(['/mobile/kpn/mobileservices-v12/hierarchy/subscribers?from=0&to=100']);
	});
});

describe('KPN MSM subscriber: get', () => {
	test.each([
		['From List', { __rl: true, mode: 'list', value: '1234568' }],
		['By ID', { __rl: true, mode: 'id', value: ' 1234568 ' }],
		['plain text (expression, AI tool)', '={{ 1234000 + 568 }}'],
	])('GET /hierarchy/subscribers/{id}; subscriber given %s', async (_mode, subscriberId) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/hierarchy/subscribers/1234568', () => [200, joshua()]);
		const result = await run({ resource: 'subscriber', operation: 'get', subscriberId });
		expect(result.error).toBeUndefined();
		expect(log.lines()).toEqual(['GET /hierarchy/subscribers/1234568']);
		expect(result.items).toEqual([{ json: joshua(), pairedItem: { item: 0 } }]);
	});

	test.each([
		['', 'Item 0: Subscriber is empty'],
		['Joshua', 'Item 0: Subscriber: "Joshua" is not an ID'],
		['12/34', 'Item 0: Subscriber: "12/34" is not an ID'],
	])('a missing or bad ID from an expression (%j) is refused before any request', async (id, message) => {
		const any = forbidAnyRequest();
		const subscriberId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
		const result = await run({ resource: 'subscriber', operation: 'get', subscriberId }, [{ id }]);
		expect(result.error?.message).toBe(message);
		expect(any.isDone()).toBe(false);
	});

	test('404 stops the node; with Continue On Fail it is an error item and the other items go on', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', /\/hierarchy\/subscribers\/\d+$/, (request) =>
			request.path.endsWith('/1') ? [404, msmErrorBody(404, 'SUBSCRIBER_NOT_FOUND', 'Subscriber 1 not found')] : [200, joshua()],
		);
		const parameters = { resource: 'subscriber', operation: 'get', subscriberId: '={{ $json.id }}' };
		const stopped = await run(parameters, [{ id: 1 }, { id: 1234568 }]);
		expect(stopped.error?.message).toBe('KPN: Subscriber 1 not found');
		expect(stopped.error?.httpCode).toBe('404');
		const result = await run(parameters, [{ id: 1 }, { id: 1234568 }, { id: 'x' }], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.error).toBe('KPN: Subscriber 1 not found');
		expect(result.items[1].json.id).toBe(1234568);
		expect(result.items[2].json.error).toBe('Item 2: Subscriber: "x" is not an ID');
	});
});

describe('KPN MSM subscriber: update (merge by default)', () => {
	const update = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		resource: 'subscriber',
		operation: 'update',
		subscriberId: { __rl: true, mode: 'list', value: '1234568' },
		updateFields: fields,
		...extra,
	});

	function mockSubscriberApi(log: RequestLog, details: Record<number, object> = { 1234568: joshua() }, put: (id: number) => [number, unknown] = () => [200, orderSummary(7654321)]) {
		mockMsm(log, 'get', /\/hierarchy\/subscribers\/\d+$/, (request) => {
			const id = Number(request.path.split('/').pop());
			return details[id] ? [200, details[id]] : [404, msmErrorBody(404, 'SUBSCRIBER_NOT_FOUND', `Subscriber ${id} not found`)];
		});
		mockMsm(log, 'put', /\/hierarchy\/subscribers\/\d+$/, (request) => put(Number(request.path.split('/').pop())));
	}

	test('reads the subscriber, then PUTs the whole record with the changed fields (the seed example)', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log);
		const result = await run(
			update({ surnamePrefix: 'di', email: 'joshua.di.martino@companyx.nl' }, { referenceNumber: '1234568' }),
		);
		expect(result.error).toBeUndefined();
		expect(log.lines()).toEqual(['GET /hierarchy/subscribers/1234568', 'PUT /hierarchy/subscribers/1234568']);
		expect(log.requests[1].body).toEqual({
			referenceNumber: '1234568',
			subscriber: { ...joshuaFields, surnamePrefix: 'di', email: 'joshua.di.martino@companyx.nl' },
		});
		expect(result.items).toEqual([{ json: orderSummary(7654321), pairedItem: { item: 0 } }]);
	});

	test('fields KPN has as null are left out; read-only fields (path, id, location, user) are never sent', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log, { 1234568: { ...joshua(), email: null, preferredLanguage: null } });
		await run(update({ vip: true }));
		const sent = (log.requests[1].body as { subscriber: Record<string, unknown> }).subscriber;
		expect(sent).toEqual({ ...joshuaFields, email: undefined, preferredLanguage: undefined, vip: true });
		expect(Object.keys(sent)).not.toEqual(expect.arrayContaining(['email']));
		for (const readOnly of ['path', 'id', 'location', 'user', 'gripUser', 'fixedNumber']) expect(sent).not.toHaveProperty(readOnly);
		expect(log.requests[1].body).not.toHaveProperty('referenceNumber');
	});

	test('an added field left empty clears it; numbers and codes are normalised', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log);
		await run(update({ email: '', mobileNumber: '+31 6 1234 5678', fixedNumber: '030-123 4567', gender: 'female', preferredLanguage: 'en' }));
		expect((log.requests[1].body as { subscriber: object }).subscriber).toEqual({
			...joshuaFields,
			email: '',
			mobileNumber: '31612345678',
			fixedNumber: '0301234567',
			gender: 'FEMALE',
			preferredLanguage: 'EN',
		});
	});

	test('Replace sends only the fields given, without reading the subscriber', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log);
		const result = await run(
			update({ firstName: 'Joshua', surname: 'Martino', gender: 'MALE', email: 'j@companyx.nl' }, { options: { replace: true } }),
		);
		expect(result.error).toBeUndefined();
		expect(log.lines()).toEqual(['PUT /hierarchy/subscribers/1234568']);
		expect(log.requests[0].body).toEqual({ subscriber: { firstName: 'Joshua', surname: 'Martino', gender: 'MALE', email: 'j@companyx.nl' } });
	});

	test.each([
		[{ surname: 'Martino', gender: 'MALE' }, 'Item 0: First Name is required'],
		[{ firstName: 'Joshua', gender: 'MALE' }, 'Item 0: Surname is required'],
		[{ firstName: 'Joshua', surname: 'Martino' }, 'Item 0: Gender is required'],
		[{ firstName: 'Joshua', surname: '  ', gender: 'MALE' }, 'Item 0: Surname is required'],
	])('Replace without First Name, Surname and Gender (%j) is refused before any request', async (fields, message) => {
		const any = forbidAnyRequest();
		const result = await run(update(fields, { options: { replace: true } }));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain('every field left out is reset');
		expect(any.isDone()).toBe(false);
	});

	test('a required field missing at KPN and not given stops the node after the read, before any PUT', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log, { 1234568: { ...joshua(), gender: null } });
		const result = await run(update({ email: 'new@companyx.nl' }));
		expect(result.error?.message).toBe('Item 0: Gender is required');
		expect(result.error?.description).toContain('Subscriber 1234568 has no gender at KPN and none was given');
		expect(result.error?.description).toContain('Nothing was updated.');
		expect(log.lines()).toEqual(['GET /hierarchy/subscribers/1234568']);
	});

	test('clearing a required field is refused after the merge', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log);
		const result = await run(update({ surname: '' }));
		expect(result.error?.message).toBe('Item 0: Surname is required');
		expect(result.error?.description).toContain('Surname cannot be emptied');
		expect(log.lines()).toEqual(['GET /hierarchy/subscribers/1234568']);
	});

	test.each([
		['no field', {}, 'Item 0: Update Fields: add at least one field to change'],
		['email', { email: 'not-an-address' }, 'Item 0: Email "not-an-address" is not an email address'],
		['mobile number', { mobileNumber: '0201234567' }, 'Item 0: Mobile Number "0201234567" is not a Dutch mobile number (format 316XXXYYYZZ or 06XXXYYYZZ)'],
		['fixed number', { fixedNumber: '12345' }, 'Item 0: Fixed Number "12345" is not a Dutch phone number (format 31XXXYYYZZZ or 0XXXYYYZZZ)'],
		['gender', { gender: 'X' }, 'Item 0: Gender must be one of MALE, FEMALE, OTHER (got "X")'],
		['language', { preferredLanguage: 'DE' }, 'Item 0: Preferred Language must be one of EN, NL (got "DE")'],
		['surname of 101', { surname: 'x'.repeat(101) }, 'Item 0: Surname has 101 characters; KPN allows at most 100'],
		['prefix of 33', { surnamePrefix: 'x'.repeat(33) }, 'Item 0: Surname Prefix has 33 characters; KPN allows at most 32'],
		['comments of 4001', { comments: 'x'.repeat(4001) }, 'Item 0: Comments has 4001 characters; KPN allows at most 4000'],
		['vip', { vip: 'yes' }, 'Item 0: VIP must be true or false (got "yes")'],
	])('bad field (%s) is refused before any request', async (_label, fields, message) => {
		const any = forbidAnyRequest();
		const result = await run(update(fields));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(any.isDone()).toBe(false);
	});

	test('a bad later item stops the node before the first subscriber is read', async () => {
		const any = forbidAnyRequest();
		const result = await run(
			update({ email: '={{ $json.email }}' }, { subscriberId: '={{ $json.id }}' }),
			[{ id: 1234568, email: 'ok@companyx.nl' }, { id: 1234569, email: 'broken' }],
		);
		expect(result.error?.message).toBe('Item 1: Email "broken" is not an email address');
		expect(any.isDone()).toBe(false);
	});

	test('several items: every subscriber is read before the first PUT', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		let order = 7654321;
		mockSubscriberApi(log, { 1234568: joshua(), 1234569: { ...joshua(), id: 1234569, firstName: 'Julia', gender: 'FEMALE' } }, () => [200, orderSummary(order++)]);
		const result = await run(update({ comments: '={{ $json.note }}' }, { subscriberId: '={{ $json.id }}' }), [
			{ id: 1234568, note: 'A' },
			{ id: 1234569, note: 'B' },
		]);
		expect(result.error).toBeUndefined();
		expect(log.lines()).toEqual([
			'GET /hierarchy/subscribers/1234568',
			'GET /hierarchy/subscribers/1234569',
			'PUT /hierarchy/subscribers/1234568',
			'PUT /hierarchy/subscribers/1234569',
		]);
		expect((log.requests[3].body as { subscriber: object }).subscriber).toMatchObject({ firstName: 'Julia', gender: 'FEMALE', comments: 'B' });
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([[7654321, { item: 0 }], [7654322, { item: 1 }]]);
	});

	test('two items for the same subscriber: one read, and the second change keeps the first', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log);
		const twice = await run(
			update({ email: '={{ $json.email }}', comments: '={{ $json.comments }}' }),
			[
				{ email: 'first@companyx.nl', comments: 'CRAWLER9000' },
				{ email: 'first@companyx.nl', comments: 'second change' },
			],
		);
		expect(twice.error).toBeUndefined();
		expect(log.lines()).toEqual([
			'GET /hierarchy/subscribers/1234568',
			'PUT /hierarchy/subscribers/1234568',
			'PUT /hierarchy/subscribers/1234568',
		]);
		expect((log.requests[2].body as { subscriber: object }).subscriber).toEqual({
			...joshuaFields,
			email: 'first@companyx.nl',
			comments: 'second change',
		});
	});

	test.each([
		[503, { fault: { faultstring: 'The Service is temporarily unavailable' } }, 'KPN: The Service is temporarily unavailable'],
		[500, msmErrorBody(500, 'INTERNAL_ERROR', 'Internal server error'), 'KPN: Internal server error'],
		[403, msmErrorBody(403, 'FORBIDDEN', 'Access denied'), 'KPN: Access denied'],
	])('HTTP %i on the PUT is reported after one try: the update is not sent again', async (status, body, message) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log, undefined, () => [status, body]);
		const result = await run(update({ email: 'new@companyx.nl' }));
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.description).toContain(
			status < 500 ? 'KPN refused item 0, so it was not updated.' : 'Item 0 was not retried: KPN did not confirm it, so it may have been updated.',
		);
		expect(result.error?.description).toContain(status < 500 ? 'Nothing was updated.' : 'No other item was updated.');
		expect(log.lines()).toEqual(['GET /hierarchy/subscribers/1234568', 'PUT /hierarchy/subscribers/1234568']);
	});

	test('HTTP 429 on the PUT (refused by the gateway) is sent again, at most 3 tries in all', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(log, undefined, () => [429, msmErrorBody(429, 'TOO_MANY_REQUESTS', 'Quota exceeded'), { 'Retry-After': '0' }] as never);
		const result = await run(update({ email: 'new@companyx.nl' }));
		expect(result.error?.message).toBe('KPN: Quota exceeded');
		expect(result.error?.description).toContain('after 3 tries');
		expect(result.error?.description).toContain('KPN refused item 0, so it was not updated.');
		expect(log.lines()).toEqual(['GET /hierarchy/subscribers/1234568', ...Array(3).fill('PUT /hierarchy/subscribers/1234568')]);
	});

	test('a failure after earlier items says which subscribers WERE updated', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(
			log,
			{ 1234568: joshua(), 1234569: { ...joshua(), id: 1234569 } },
			(id) => (id === 1234568 ? [200, orderSummary(7654321)] : [400, msmErrorBody(400, 'VALIDATION_ERROR', 'email is not valid')]),
		);
		const result = await run(update({ vip: true }, { subscriberId: '={{ $json.id }}' }), [{ id: 1234568 }, { id: 1234569 }]);
		expect(result.error?.message).toBe('KPN: email is not valid');
		expect(result.error?.description).toContain(
			'Earlier items WERE updated (item 0: subscriber 1234568, order 7654321); do not send them again.',
		);
	});

	test('an expired token on the PUT is refreshed once and the PUT sent once more', async () => {
		const tokens = mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		let puts = 0;
		mockSubscriberApi(log, undefined, () => (++puts === 1 ? [401, { fault: { faultstring: 'Access Token expired' } }] : [200, orderSummary(7654321)]));
		const result = await run(update({ vip: true }));
		expect(result.error).toBeUndefined();
		expect(tokens.calls()).toBe(2);
		expect(log.requests.map((request) => `${request.method} ${request.authorization}`)).toEqual([
			'GET Bearer tok-1',
			'PUT Bearer tok-1',
			'PUT Bearer tok-2',
		]);
	});

	test('Continue On Fail: bad input, a failed read and a failed PUT become error items; the rest is updated', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockSubscriberApi(
			log,
			{ 1234568: joshua(), 1234570: { ...joshua(), id: 1234570 }, 1234571: { ...joshua(), id: 1234571 } },
			(id) => (id === 1234570 ? [500, msmErrorBody(500, 'INTERNAL_ERROR', 'Internal server error')] : [200, orderSummary(id)]),
		);
		const result = await run(update({ email: '={{ $json.email }}' }, { subscriberId: '={{ $json.id }}' }), [
			{ id: 1234568, email: 'a@companyx.nl' },
			{ id: 1234568, email: 'nope' },
			{ id: 1, email: 'c@companyx.nl' },
			{ id: 1234570, email: 'd@companyx.nl' },
			{ id: 1234571, email: 'e@companyx.nl' },
		], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }, { item: 4 }]);
		expect(result.items.map((item) => item.json.error ?? item.json.id)).toEqual([
			1234568,
			'Item 1: Email "nope" is not an email address',
			'KPN: Subscriber 1 not found',
			'KPN: Internal server error',
			1234571,
		]);
	});
});
