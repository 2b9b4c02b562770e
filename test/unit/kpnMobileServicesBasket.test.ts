import { checkWishDate } from '../../nodes/KpnMobileServices/actions/basket/wishDate';
import { KpnMobileServices } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { MSM_TOKEN_PATH, mockKpnTokens } from '../harness/kpnNock';
import { forbidAnyRequest, mockMsm, mockMsmList, msmErrorBody, RequestLog, runMsm } from '../harness/msmNock';

const node = new KpnMobileServices();
const run = async (parameters: Record<string, unknown>, items: object[] = [{}], options: { continueOnFail?: boolean } = {}) =>
	await runMsm(node, parameters, items, options);

const SESSION = '334caa-1122-3344-5566-aabb34567';
const DAY_MS = 86_400_000;
/** The harness's workflows use n8n's default time zone. */
const WORKFLOW_TIME_ZONE = 'America/New_York';

/** Calendar day `days` from today in the workflow's time zone, as YYYY-MM-DD. */
function dayFromToday(days: number): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: WORKFLOW_TIME_ZONE }).format(new Date());
	return new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of midnight at the start of `day` in the workflow's time zone. */
function workflowMidnight(day: string): string {
	for (const hours of [4, 5]) {
		const instant = new Date(`${day}T0${hours}:00:00.000Z`);
		const wall = new Intl.DateTimeFormat('en-CA', {
			timeZone: WORKFLOW_TIME_ZONE,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
		}).format(instant);
		if (wall === `${day}, 00`) return instant.toISOString();
	}
	throw new Error(`no midnight for ${day}`);
}

const basketSnapshot = () => ({
	productTree: [
		{
			id: 'TreeNode_12345_1234567890',
			name: { en: 'Mobile Voice and Data', nl: 'Mobiel Bellen en Internet' },
			selected: true,
			disabled: true,
			visible: true,
			contracted: true,
			amount: 1,
			canOrderMoreThanOne: false,
			childrenSelectionStrategy: 'SELECT_MANY',
			error: null,
			children: [
				{
					id: 'TreeNode_213112_1646139052421',
					name: { en: 'VoiceMail', nl: 'VoiceMail' },
					selected: true,
					disabled: false,
					visible: true,
					contracted: true,
					amount: 1,
					canOrderMoreThanOne: false,
					childrenSelectionStrategy: 'NONE',
					error: null,
					children: [],
					price: { oneTime: { activationFeeInCents: 0, hardwareFeeInCents: 0, privateCopyingLevyInCents: 0 }, recurring: { monthlyFeeInCents: 0 } },
				},
			],
			price: { oneTime: { activationFeeInCents: 0, hardwareFeeInCents: 0, privateCopyingLevyInCents: 0 }, recurring: { monthlyFeeInCents: 0 } },
		},
	],
	characteristics: {
		porting: { name: 'porting', value: 'false', possibleValues: [{ value: 'false' }, { value: 'true' }] },
		phoneNumber: { name: 'phoneNumber' },
	},
	oldPrice: { oneTime: { activationFeeInCents: 0, hardwareFeeInCents: 0, privateCopyingLevyInCents: 0 }, recurring: { monthlyFeeInCents: 2000 } },
	totalPrice: { oneTime: { activationFeeInCents: 0, hardwareFeeInCents: 0, privateCopyingLevyInCents: 0 }, recurring: { monthlyFeeInCents: 2000 } },
});

const mainProducts = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		id: String(3000 + index),
		name: { en: `Product ${index}`, nl: `Product ${index}` },
		category: 'MOBILE',
		subcategory: 'SUBSCRIPTION',
		priceInCents: 1000,
		privateCopyingLevyInCents: 0,
	}));

describe('KPN MSM basket: create', () => {
	test('for a contract: POST /contracting/basket {contractId}; the output is the sessionId', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket', () => [200, { sessionId: SESSION }]);
		const result = await run({
			resource: 'basket',
			operation: 'create',
			basketFor: 'contract',
			contractId: { __rl: true, mode: 'list', value: '9876543' },
		});
		expect(result.error).toBeUndefined();
		expect(log.requests.map((request) => [request.method, request.path, request.query, request.body])).toEqual([
			['POST', '/mobile/kpn/mobileservices/contracting/basket', {}, { contractId: 9876543 }],
		]);
		expect(result.items).toEqual([{ json: { sessionId: SESSION }, pairedItem: { item: 0 } }]);
	});

	test('for a new contract of a subscriber: {accountGroupId}, with a termination order to reactivate', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket', () => [200, { sessionId: SESSION }]);
		await run({ resource: 'basket', operation: 'create', basketFor: 'subscriber', subscriberId: { __rl: true, mode: 'id', value: '1234568' } });
		await run({
			resource: 'basket',
			operation: 'create',
			basketFor: 'subscriber',
			subscriberId: '1234568',
			additionalFields: { orderId: '7654321' },
		});
		expect(log.requests.map((request) => request.body)).toEqual([
			{ accountGroupId: 1234568 },
			{ accountGroupId: 1234568, orderId: 7654321 },
		]);
	});

	test.each([
		[{ basketFor: 'contract', contractId: '={{ "" }}' }, 'Item 0: Contract is empty'],
		[{ basketFor: 'contract', contractId: '={{ "C-1" }}' }, 'Item 0: Contract: "C-1" is not an ID'],
		[{ basketFor: 'subscriber', subscriberId: '1', additionalFields: { orderId: 'x1' } }, 'Item 0: Termination Order ID: "x1" is not an ID'],
	])('bad input %j is refused before any request', async (extra, message) => {
		const any = forbidAnyRequest();
		const result = await run({ resource: 'basket', operation: 'create', ...extra });
		expect(result.error?.message).toBe(message);
		expect(any.isDone()).toBe(false);
	});

	test('a 503 on create is not retried', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket', () => [503, { fault: { faultstring: 'Service Unavailable' } }, { 'Retry-After': '0' }]);
		const result = await run({ resource: 'basket', operation: 'create', contractId: '9876543' });
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.description).toContain(
			'Item 0 was not retried: KPN did not confirm it, so it may have been created. Check before sending it again. No other item was created.',
		);
		expect(log.requests).toHaveLength(1);
	});
});

describe('KPN MSM basket: get', () => {
	test('GET /contracting/basket?sessionId=; the whole basket by default', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contracting/basket', () => [200, basketSnapshot()]);
		const result = await run({ resource: 'basket', operation: 'get', sessionId: SESSION });
		expect(log.requests[0].query).toEqual({ sessionId: SESSION });
		expect(result.items).toEqual([{ json: basketSnapshot(), pairedItem: { item: 0 } }]);
	});

	test('Product Rows and Characteristic Rows', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contracting/basket', () => [200, basketSnapshot()]);
		const products = await run({ resource: 'basket', operation: 'get', sessionId: SESSION, output: 'products' });
		expect(products.items.map((item) => [item.json.id, item.json.level, item.json.path, item.json.selected])).toEqual([
			['TreeNode_12345_1234567890', 0, 'Mobile Voice and Data', true],
			['TreeNode_213112_1646139052421', 1, 'Mobile Voice and Data > VoiceMail', true],
		]);
		const characteristics = await run({ resource: 'basket', operation: 'get', sessionId: SESSION, output: 'characteristics' });
		expect(characteristics.items.map((item) => item.json)).toEqual([
			{ name: 'porting', value: 'false', possibleValues: [{ value: 'false' }, { value: 'true' }] },
			{ name: 'phoneNumber' },
		]);
	});

	test.each([
		['={{ "" }}', 'Item 0: Session ID is empty'],
		['={{ "abc/../x" }}', 'Item 0: Session ID "abc/../x" is not a session ID'],
	])('session id %s is refused before any request', async (sessionId, message) => {
		const any = forbidAnyRequest();
		const result = await run({ resource: 'basket', operation: 'get', sessionId });
		expect(result.error?.message).toBe(message);
		expect(any.isDone()).toBe(false);
	});

	test('an unknown or ordered basket (404) is a clear error', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'get', '/contracting/basket', () => [404, msmErrorBody(404, 'BASKET_NOT_FOUND', `No basket for sessionId ${SESSION}`, 'It may have been ordered already')]);
		const result = await run({ resource: 'basket', operation: 'get', sessionId: SESSION });
		expect(result.error?.message).toBe(`KPN: No basket for sessionId ${SESSION} — It may have been ordered already`);
	});
});

describe('KPN MSM basket: get main products', () => {
	test.each([
		[0, [[0, 100]]],
		[1, [[0, 100]]],
		[20, [[0, 100]]],
		[21, [[0, 100]]],
		[1000, Array.from({ length: 10 }, (_, page) => [page * 100, page * 100 + 100])],
	])('Return All over %i products: requests %j, each with the session', async (total, expected) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/contracting/basket/main-products', mainProducts(total));
		const result = await run({ resource: 'basket', operation: 'getMainProducts', sessionId: SESSION, returnAll: true });
		expect(result.error).toBeUndefined();
		expect(log.pages('/contracting/basket/main-products')).toEqual(expected);
		expect(log.requests.every((request) => request.query.sessionId === SESSION)).toBe(true);
		expect(result.items).toHaveLength(total);
	});

	test('category and search; Limit', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsmList(log, '/contracting/basket/main-products', mainProducts(30));
		const result = await run({
			resource: 'basket',
			operation: 'getMainProducts',
			sessionId: SESSION,
			limit: 5,
			filters: { category: 'SIM CARDS', search: 'sim' },
			options: { sortBy: 'PRICE_IN_CENTS', order: 'DESC' },
		});
		expect(result.items).toHaveLength(5);
		expect(log.requests[0].query).toEqual({
			sessionId: SESSION,
			category: 'SIM CARDS',
			patterns: 'sim',
			sortBy: 'PRICE_IN_CENTS',
			order: 'DESC',
			from: '0',
			to: '5',
		});
	});

	test('a category from an expression is checked; no session id is refused', async () => {
		const any = forbidAnyRequest();
		const badCategory = await run({ resource: 'basket', operation: 'getMainProducts', sessionId: SESSION, filters: { category: '={{ "PHONES" }}' } });
		expect(badCategory.error?.message).toBe('Item 0: Category must be one of MOBILE, SIM CARDS, FIXED, HARDWARE, SOFTWARE, OTHER (got "PHONES")');
		const noSession = await run({ resource: 'basket', operation: 'getMainProducts', sessionId: '={{ $json.nothing }}' });
		expect(noSession.error?.message).toBe('Item 0: Session ID is empty');
		expect(any.isDone()).toBe(false);
	});
});

describe('KPN MSM basket: update', () => {
	const update = (extra: Record<string, unknown>) => ({ resource: 'basket', operation: 'update', sessionId: SESSION, ...extra });

	test('product and characteristic actions, SIM card and template are sent in one POST, in the given order', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket', () => [200, { sessionId: SESSION }]);
		const result = await run(
			update({
				productActions: {
					action: [
						{ productId: 'TreeNode_12345_1234567891', type: 'PUT', amount: 2 },
						{ productId: 'TreeNode_213112_1646139052421', type: 'REMOVE', amount: 5 },
						{ productId: '5001', type: 'PUT' },
					],
				},
				characteristicActions: {
					characteristic: [
						{ name: 'porting', value: 'true' },
						{ name: 'phoneNumber', value: '31612345678' },
					],
				},
				additionalFields: { simCardNumber: '8931 4400 1234', templateId: 'T-17' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(log.requests[0].query).toEqual({ sessionId: SESSION });
		expect(log.requests[0].body).toEqual({
			productActions: [
				{ productId: 'TreeNode_12345_1234567891', type: 'PUT', amount: 2 },
				{ productId: 'TreeNode_213112_1646139052421', type: 'REMOVE' },
				{ productId: '5001', type: 'PUT', amount: 1 },
			],
			characteristicActions: [
				{ name: 'porting', value: 'true' },
				{ name: 'phoneNumber', value: '31612345678' },
			],
			simCardNumber: '893144001234',
			templateId: 'T-17',
		});
		expect(result.items).toEqual([{ json: { sessionId: SESSION }, pairedItem: { item: 0 } }]);
	});

	test.each([
		[{}, 'Item 0: Nothing to change'],
		[{ productActions: { action: [{ productId: '', type: 'PUT' }] } }, 'Item 0: Product Actions 1: Product is empty'],
		[{ productActions: { action: [{ productId: '5001', type: 'PUT', amount: '={{ 101 }}' }] } }, 'Item 0: Product Actions 1: Amount must be a whole number from 1 to 100 (got 101)'],
		[{ productActions: { action: [{ productId: '5001', type: 'PUT', amount: '={{ 1.5 }}' }] } }, 'Item 0: Product Actions 1: Amount must be a whole number from 1 to 100 (got 1.5)'],
		[{ productActions: { action: [{ productId: '5001', type: '={{ "ADD" }}' }] } }, 'Item 0: Product Actions 1: Action must be PUT or REMOVE (got "ADD")'],
		[{ characteristicActions: { characteristic: [{ name: ' ', value: 'x' }] } }, 'Item 0: Characteristic Actions 1: Name is empty'],
		[{ additionalFields: { simCardNumber: 'SIM-1' } }, 'Item 0: SIM Card Number "SIM-1" must be digits only (the short UICCID)'],
	])('bad input %j is refused before any request', async (extra, message) => {
		const any = forbidAnyRequest();
		const result = await run(update(extra));
		expect(result.error?.message).toBe(message);
		expect(any.isDone()).toBe(false);
	});

	test.each([
		[503, 1],
		[429, 3],
	])('a %i on a basket change: %i request(s) (only a 429, refused by the gateway, is sent again)', async (status, requests) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket', () => [status, msmErrorBody(status, 'UNAVAILABLE', 'Try later'), { 'Retry-After': '0' }]);
		const result = await run(update({ productActions: { action: [{ productId: '5001', type: 'PUT' }] } }));
		expect(result.error?.httpCode).toBe(String(status));
		expect(log.requests).toHaveLength(requests);
	});

	test('a KPN validation error names the characteristic', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket', () => [400, msmErrorBody(400, 'INVALID_MSISDN_FORMAT_NOT_VALID', 'phoneNumber must match 316\\d{8} or 3197\\d{9}')]);
		const result = await run(update({ characteristicActions: { characteristic: [{ name: 'phoneNumber', value: '0612' }] } }));
		expect(result.error?.message).toBe('KPN: phoneNumber must match 316\\d{8} or 3197\\d{9}');
		expect(result.error?.httpCode).toBe('400');
	});
});

describe('KPN MSM basket: order', () => {
	const order = (extra: Record<string, unknown>) => ({ resource: 'basket', operation: 'order', sessionId: SESSION, ...extra });
	const address = {
		deliveryAddress: 'address',
		companyName: 'Company X BV',
		street: 'Wilhelminakade',
		houseNumber: '123',
		postalCode: '3072 ap',
		city: 'Rotterdam',
		addressDetails: { attention: 'Facilities', floor: '4' },
	};

	test('POST /contracting/basket/order with address, reference and wish date; the output is the order id', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket/order', () => [200, { orderId: 7654321 }]);
		const wish = `${dayFromToday(10)}T10:49:00.005Z`;
		const result = await run(order({ ...address, referenceNumber: 'PO-42', wishDate: wish }));
		expect(result.error).toBeUndefined();
		expect(log.requests.map((request) => [request.method, request.path, request.query])).toEqual([
			['POST', '/mobile/kpn/mobileservices/contracting/basket/order', { sessionId: SESSION }],
		]);
		expect(log.requests[0].body).toEqual({
			address: {
				companyName: 'Company X BV',
				street: 'Wilhelminakade',
				houseNumber: '123',
				postalCode: '3072AP',
				city: 'Rotterdam',
				country: 'NL',
				attention: 'Facilities',
				floor: '4',
			},
			referenceNumber: 'PO-42',
			wishDate: wish,
		});
		expect(result.items).toEqual([{ json: { orderId: 7654321, sessionId: SESSION }, pairedItem: { item: 0 } }]);
	});

	test('a saved address by ID; no address and no wish date (as soon as possible)', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket/order', () => [200, { orderId: 1 }]);
		await run(order({ deliveryAddress: 'addressId', addressId: '123456' }));
		await run(order({}));
		expect(log.requests.map((request) => request.body)).toEqual([{ addressId: 123456, wishDate: null }, { wishDate: null }]);
	});

	test('a date without a time is midnight in the workflow time zone; today and today + 90 days are accepted', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket/order', () => [200, { orderId: 1 }]);
		for (const days of [0, 10, 90]) {
			const result = await run(order({ wishDate: dayFromToday(days) }));
			expect(result.error).toBeUndefined();
		}
		expect(log.requests.map((request) => (request.body as { wishDate: string }).wishDate)).toEqual(
			[0, 10, 90].map((days) => workflowMidnight(dayFromToday(days))),
		);
	});

	test.each([
		['yesterday', () => dayFromToday(-1), 'is in the past'],
		['91 days ahead', () => dayFromToday(91), 'is more than 90 days ahead; the latest KPN accepts is'],
		['not a date', () => 'next tuesday', '"next tuesday" is not a date'],
		['an impossible date', () => '2030-02-30', '"2030-02-30" is not a date'],
	])('a wish date %s is refused before any request', async (_label, wish, message) => {
		const any = forbidAnyRequest();
		const result = await run(order({ wishDate: `={{ "${wish()}" }}` }));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(`Item 0: Wish Date: `);
		expect(result.error?.message).toContain(message);
		expect(any.isDone()).toBe(false);
	});

	test.each([
		[{ ...address, street: '={{ "" }}' }, 'Item 0: Street is empty'],
		[{ ...address, street: 'x'.repeat(25) }, 'Item 0: Street has 25 characters; KPN allows at most 24'],
		[{ ...address, houseNumber: '123456' }, 'Item 0: House Number has 6 characters; KPN allows at most 5'],
		[{ ...address, companyName: 'c'.repeat(36) }, 'Item 0: Company Name has 36 characters; KPN allows at most 35'],
		[{ ...address, postalCode: '1234' }, 'Item 0: Postal Code "1234" is not a Dutch postal code (four digits and two letters, e.g. 1234AB)'],
		[{ ...address, addressDetails: { room: 'r'.repeat(21) } }, 'Item 0: Room has 21 characters; KPN allows at most 20'],
		[{ deliveryAddress: 'addressId', addressId: 'HQ' }, 'Item 0: Address ID: "HQ" is not an ID'],
	])('bad address %j is refused before any request', async (extra, message) => {
		const any = forbidAnyRequest();
		const result = await run(order(extra));
		expect(result.error?.message).toBe(message);
		expect(any.isDone()).toBe(false);
	});

	test.each([
		[503, { fault: { faultstring: 'The Service is temporarily unavailable' } }],
		[429, msmErrorBody(429, 'TOO_MANY_REQUESTS', 'Quota exceeded')],
		[500, msmErrorBody(500, 'INTERNAL_ERROR', 'Internal server error')],
		[502, { fault: { faultstring: 'Bad Gateway' } }],
	])('an order is never sent twice: HTTP %i → one request (a 429, refused by the gateway, is sent again)', async (status, body) => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket/order', () => [status, body, { 'Retry-After': '0' }]);
		const result = await run(order({ referenceNumber: 'PO-42' }));
		expect(log.requests).toHaveLength(status === 429 ? 3 : 1);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe(String(status));
		if (status === 429) {
			expect(result.error?.description).toContain('KPN refused item 0, so it was not ordered. Nothing was ordered.');
		} else {
			expect(result.error?.description).toContain(
				'Item 0 was not retried: KPN did not confirm it, so it may have been ordered. Check your orders at KPN before ordering again. No other item was ordered.',
			);
		}
	});

	test('a failed order after earlier ones says which orders WERE placed', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket/order', (request) =>
			request.query.sessionId === 'second'
				? [400, msmErrorBody(400, 'BASKET_INVALID', 'Characteristics not set: phoneNumber')]
				: [200, { orderId: 7654321 }],
		);
		const result = await run(order({ sessionId: '={{ $json.session }}' }), [{ session: 'first' }, { session: 'second' }, { session: 'third' }]);
		expect(result.error?.message).toBe('KPN: Characteristics not set: phoneNumber');
		expect(result.error?.description).toContain('Earlier items WERE ordered (item 0: order 7654321); do not send them again.');
		expect(log.requests.map((request) => request.query.sessionId)).toEqual(['first', 'second']);
	});

	test('Continue On Fail: a refused order is an error item, the next basket is still ordered', async () => {
		mockKpnTokens(MSM_TOKEN_PATH);
		const log = new RequestLog();
		mockMsm(log, 'post', '/contracting/basket/order', (request) =>
			request.query.sessionId === 'first' ? [403, msmErrorBody(403, 'ORDERING_IS_BLOCKED_FOR_CUSTOMER', 'Ordering is blocked')] : [200, { orderId: 2 }],
		);
		const result = await run(order({ sessionId: '={{ $json.session }}' }), [{ session: 'first' }, { session: 'second' }], { continueOnFail: true });
		expect(result.items.map((item) => [item.json.error ?? item.json.orderId, item.pairedItem])).toEqual([
			['KPN: Ordering is blocked', { item: 0 }],
			[2, { item: 1 }],
		]);
	});
});

describe('wish date rules (today … today + 90 days, in the workflow time zone)', () => {
	const now = Date.UTC(2025, 2, 1, 12); // 1 March 2025, 13:00 in Amsterdam
	const zone = 'Europe/Amsterdam';

	test.each([
		['', undefined],
		['2025-03-01', '2025-02-28T23:00:00.000Z'],
		['2025-03-01T00:00', '2025-02-28T23:00:00.000Z'],
		['2025-05-30', '2025-05-29T22:00:00.000Z'],
		['2025-03-02T10:49:00.005Z', '2025-03-02T10:49:00.005Z'],
		['2025-03-02T10:49:00+01:00', '2025-03-02T09:49:00.000Z'],
		['2025-02-28T23:30:00Z', '2025-02-28T23:30:00.000Z'],
	])('%s → %s', (input, iso) => {
		expect(checkWishDate(input, zone, now)).toEqual(iso === undefined ? {} : { iso });
	});

	test.each([
		['2025-02-28', '2025-02-28 is in the past; KPN accepts today (2025-03-01) up to 90 days ahead. Leave it empty for as soon as possible.'],
		['2025-02-28T22:59:00Z', '2025-02-28 is in the past'],
		['2025-05-31', '2025-05-31 is more than 90 days ahead; the latest KPN accepts is 2025-05-30'],
		['31-03-2025', '"31-03-2025" is not a date'],
		['2025-13-01', '"2025-13-01" is not a date'],
	])('%s is refused', (input, problem) => {
		expect(checkWishDate(input, zone, now).problem).toContain(problem);
	});

	test('Date objects and Luxon DateTimes from expressions are accepted', () => {
		expect(checkWishDate(new Date('2025-03-05T08:00:00Z'), zone, now)).toEqual({ iso: '2025-03-05T08:00:00.000Z' });
		expect(checkWishDate({ toISO: () => '2025-03-05T00:00:00.000+01:00' }, zone, now)).toEqual({ iso: '2025-03-04T23:00:00.000Z' });
		expect(checkWishDate(new Date('nope'), zone, now).problem).toContain('is not a date');
	});
});
