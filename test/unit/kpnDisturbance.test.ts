import nock from 'nock';

import { KpnDisturbance } from '../../nodes/KpnDisturbance/KpnDisturbance.node';
import { htmlToText } from '../../nodes/KpnDisturbance/disturbanceApi';
import { kpnCredentialStore, KPN_CLIENT_SECRET, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { everyText, mockKpnTokens } from '../harness/kpnNock';
import { runNode } from '../harness/runNode';

const PATH = '/network/kpn/disturbance-detector/failures';
const node = new KpnDisturbance();

/** The seed document's example disturbance, with a few variations. */
function disturbance(id: number, overrides: Record<string, unknown> = {}) {
	return {
		id,
		affected_elements_count: 3,
		affected_customers_count: 549,
		communicated_customers_sms_count: 348,
		communicated_customers_email_count: 200,
		type: 'geographical-broadband',
		cause: 'disturbance',
		source: 'gui',
		service: null,
		state: 'open',
		start_date: '2017-06-29T12:29:06Z',
		end_date: '2017-06-29T09:27:05Z',
		region: 'Woerden',
		description: null,
		long_description: '<p>Auto-generated long_description field for geographical-broadband. This is an geographical failure. testing123</p>',
		serviceguard_ticket_id: 'gtgyyg',
		created_at: '2017-06-29T12:29:06Z',
		communication_type: null,
		user: null,
		...overrides,
	};
}

const list = [
	disturbance(1212),
	disturbance(1213, { region: 'Utrecht', type: 'geographical-mobile', description: 'Mobile down in Utrecht' }),
	disturbance(1214, { region: 'utrecht', type: 'generic-broadband' }),
	disturbance(1215, { region: 'Den Haag' }),
];

/** Answers GET /failures and records the state asked for. */
function mockFailures(body: unknown = list, times = 1) {
	const states: string[] = [];
	const scope = nock(KPN_TEST_HOST)
		.get(PATH)
		.query(true)
		.times(times)
		.reply((uri) => {
			states.push(new URL(uri, KPN_TEST_HOST).searchParams.get('state') ?? '(none)');
			return [200, body as never];
		});
	return { scope, states };
}

function forbidAnyRequest() {
	return nock(KPN_TEST_HOST).persist().get(/.*/).reply(500, {}).post(/.*/).reply(500, {});
}

const base = { resource: 'disturbance', operation: 'getAll' };
async function run(parameters: Record<string, unknown> = {}, items: object[] = [{}], continueOnFail = false) {
	return await runNode({
		nodeType: node,
		parameters: { ...base, ...parameters } as never,
		items: items as never,
		credentials: kpnCredentialStore(),
		continueOnFail,
	});
}

describe('KPN Disturbance: get many', () => {
	test('GET /failures?state=open by default, simplified output', async () => {
		const tokens = mockKpnTokens();
		const api = mockFailures();
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(tokens.calls()).toBe(1);
		expect(api.states).toEqual(['open']);
		expect(result.items).toHaveLength(4);
		expect(result.items[0]).toEqual({
			json: {
				id: 1212,
				state: 'open',
				type: 'geographical-broadband',
				cause: 'disturbance',
				service: null,
				region: 'Woerden',
				description: 'Auto-generated long_description field for geographical-broadband. This is an geographical failure. testing123',
				start_date: '2017-06-29T12:29:06Z',
				end_date: '2017-06-29T09:27:05Z',
				affected_customers_count: 549,
				serviceguard_ticket_id: 'gtgyyg',
			},
			pairedItem: { item: 0 },
		});
		expect(result.items[1].json.description).toBe('Mobile down in Utrecht');
	});

	test('Simplify off returns KPN\'s data unchanged', async () => {
		mockKpnTokens();
		mockFailures();
		const result = await run({ simplify: false, returnAll: true });
		expect(result.items.map((item) => item.json)).toEqual(list);
	});

	test.each([
		[{ state: 'all' }, 'all'],
		[{ state: 'closed' }, 'closed'],
		[{ state: 'planned' }, 'planned'],
		[{ state: 'custom', customState: 'open,planned' }, 'open,planned'],
		[{ state: 'custom', customState: ' resolved ' }, 'resolved'],
	])('state %j is sent as state=%s', async (parameters, sent) => {
		mockKpnTokens();
		const api = mockFailures([]);
		const result = await run(parameters);
		expect(result.error).toBeUndefined();
		expect(api.states).toEqual([sent]);
		expect(result.items).toEqual([]);
	});

	test('an empty custom state is refused before any request', async () => {
		const any = forbidAnyRequest();
		const result = await run({ state: 'custom', customState: '={{ $json.state }}' }, [{ state: ' ' }]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Item 0: Custom State is empty');
		expect(any.isDone()).toBe(false);
	});

	test('Return All / Limit', async () => {
		mockKpnTokens();
		mockFailures(list, 2);
		expect((await run({ limit: 2 })).items.map((item) => item.json.id)).toEqual([1212, 1213]);
		expect((await run({ returnAll: true })).items.map((item) => item.json.id)).toEqual([1212, 1213, 1214, 1215]);
	});

	test('region and type filters are applied by the node (comma-separated, not case-sensitive) before the limit', async () => {
		mockKpnTokens();
		mockFailures(list, 3);
		const byRegion = await run({ returnAll: true, filters: { region: 'UTRECHT, den haag' } });
		expect(byRegion.items.map((item) => item.json.id)).toEqual([1213, 1214, 1215]);
		const byType = await run({ returnAll: true, filters: { region: 'utrecht', type: 'geographical-mobile' } });
		expect(byType.items.map((item) => item.json.id)).toEqual([1213]);
		const limited = await run({ limit: 1, filters: { region: 'Utrecht' } });
		expect(limited.items.map((item) => item.json.id)).toEqual([1213]);
	});

	test.each([
		[{ result: list }],
		[{ failures: list }],
		[{ data: list }],
	])('a list inside a wrapper (%#) is accepted', async (body) => {
		mockKpnTokens();
		mockFailures(body);
		const result = await run({ returnAll: true });
		expect(result.items).toHaveLength(4);
	});

	test('a single disturbance object is one item', async () => {
		mockKpnTokens();
		mockFailures(list[0]);
		const result = await run({ simplify: false });
		expect(result.items.map((item) => item.json)).toEqual([list[0]]);
	});

	test('an answer that is not a list is a clear error', async () => {
		mockKpnTokens();
		mockFailures({ message: 'hello' });
		const result = await run();
		expect(result.error?.message).toBe('KPN answered without a list of disturbances');
		expect(result.error?.description).toContain('GET /network/kpn/disturbance-detector/failures?state=open returned {"message":"hello"}');
	});

	test.each([
		[400, { errorResponse: { code: '400', message: 'Invalid state: gone', info: 'Use state=open|closed|planned|all' } }, 'KPN: Invalid state: gone — Use state=open|closed|planned|all'],
		[404, '<html>Not Found</html>', 'KPN: Not found: check the ID and the API path'],
		[500, { errorResponse: { code: '500', message: 'internal server error' } }, 'KPN: internal server error'],
	])('HTTP %i is a clear error', async (status, body, message) => {
		mockKpnTokens();
		// A 500 on a read is tried 3 times in all; a 4xx once.
		const api = nock(KPN_TEST_HOST)
			.get(PATH)
			.query(true)
			.times(status >= 500 ? 3 : 1)
			.reply(status, body as never, { 'Retry-After': '0' });
		const result = await run();
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(String(status));
		expect(api.isDone()).toBe(true);
	});

	test('a 503 is retried (a read), then the list is returned', async () => {
		mockKpnTokens();
		const unavailable = nock(KPN_TEST_HOST).get(PATH).query(true).times(2).reply(503, {}, { 'Retry-After': '0' });
		mockFailures();
		const result = await run({ returnAll: true });
		expect(result.error).toBeUndefined();
		expect(unavailable.isDone()).toBe(true);
		expect(result.items).toHaveLength(4);
	});

	test('the base path is an option', async () => {
		mockKpnTokens();
		const api = nock(KPN_TEST_HOST).get('/network/kpn/disturbances/v2/failures').query({ state: 'open' }).reply(200, []);
		const result = await run({ options: { basePath: '/network/kpn/disturbances/v2' } });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
	});

	test('a base path with a host in it is refused before any request', async () => {
		const any = forbidAnyRequest();
		const result = await run({ options: { basePath: 'https://api-prd.kpn.com/network' } });
		expect(result.error?.message).toContain('Item 0: API Base Path: "https://api-prd.kpn.com/network" is a URL; give only the path');
		expect(any.isDone()).toBe(false);
	});

	test('each input item makes its own request with its own state; Continue On Fail keeps going', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).get(PATH).query({ state: 'open' }).reply(200, [list[0]]);
		nock(KPN_TEST_HOST).get(PATH).query({ state: 'gone' }).reply(400, { errorResponse: { code: '400', message: 'Invalid state: gone' } });
		nock(KPN_TEST_HOST).get(PATH).query({ state: 'closed' }).reply(200, [disturbance(1300, { state: 'closed' })]);
		const result = await run(
			{ state: 'custom', customState: '={{ $json.state }}' },
			[{ state: 'open' }, { state: 'gone' }, { state: '' }, { state: 'closed' }],
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.id).toBe(1212);
		expect(result.items[1].json.error).toBe('KPN: Invalid state: gone');
		expect(result.items[2].json.error).toBe('Item 2: Custom State is empty');
		expect(result.items[3].json).toMatchObject({ id: 1300, state: 'closed' });
	});

	test('an unknown operation is refused before any request', async () => {
		const any = forbidAnyRequest();
		const result = await run({ operation: 'get' });
		expect(result.error?.message).toBe('Unknown operation "disturbance/get"');
		expect(any.isDone()).toBe(false);
	});

	test('no secret or token appears in outputs or errors', async () => {
		mockKpnTokens();
		nock(KPN_TEST_HOST).get(PATH).query(true).times(2).reply(401, { fault: { faultstring: 'Invalid Access Token' } });
		const failed = await run();
		nock.cleanAll();
		nock(KPN_TEST_HOST).post('/oauth/client_credential/accesstoken').query(true).reply(401, { Error: `bad ${KPN_CLIENT_SECRET}` });
		const tokenFailed = await run({}, [{}], true);
		for (const result of [failed, tokenFailed]) {
			const text = everyText({ items: result.items, error: result.error, run: result.run.data.resultData });
			expect(text).not.toContain(KPN_CLIENT_SECRET);
			expect(text).not.toMatch(/tok-\d/);
		}
	});

	test('long descriptions lose their HTML in simplified output', () => {
		expect(htmlToText('<p>Storing in <b>Utrecht</b> &amp; omgeving.</p><p>Update&nbsp;volgt</p>')).toBe('Storing in Utrecht & omgeving.\nUpdate volgt');
	});
});
