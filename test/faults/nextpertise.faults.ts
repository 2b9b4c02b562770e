import type { IDataObject } from 'n8n-workflow';

import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { ERROR_CODES } from '../../nodes/shared/nextpertise/catalogue';
import type { CredentialStore } from '../harness/credentialStore';
import { useSandbox } from '../harness/sandboxSuite';
import { NEXTPERTISE_SANDBOX_PASSWORD, NEXTPERTISE_SANDBOX_USERNAME } from '../sandbox/server';
import { faultScenario, findSecrets, runTexts, withRequestTimeout, type FaultScenarioOptions, type Outcome } from './support/faultRun';

// Nextpertise: JSON-RPC 2.0, one call per item (pages for paginated methods). Reads (catalogue
// `safeToRetry`) are tried again on 429/5xx; writes (order_connection, create_ticket) are sent once,
// whatever happens; JSON-RPC errors are never sent again. The credential uses JWT unless a scenario
// says otherwise, so the password and every JWT issued during a run are among the secrets counted.
const FAMILY = 'Nextpertise';
const suite = useSandbox();

const BROADBAND = '/broadband/v1';
const POSTCODES = '/postcodes/v1';
const SUPPORT = '/support/v1';
const LOG_IN = '/jwt/log-in';
/** What Basic auth (and the log-in) sends: as secret as the password itself. */
const BASIC_CREDENTIALS = Buffer.from(`${NEXTPERTISE_SANDBOX_USERNAME}:${NEXTPERTISE_SANDBOX_PASSWORD}`).toString('base64');
const WAS_NOT_SENT_AGAIN = /changes data, so it was not sent again/;

// ---- reads -------------------------------------------------------------------------------------

// These scenarios follow one request after the other (Parallel Requests 1), so that each fault
// meets a known item; reads in parallel have their own scenarios further down.
const ONE_AT_A_TIME = { requestOptions: { parallelRequests: 1 } };

const housenrs = { resource: 'postcodes', operation: 'get_housenrs', zipcode: '={{ $json.zipcode }}', ...ONE_AT_A_TIME };
/** Postcodes of the sandbox's address book (the document's three, then made-up ones). */
const postcodeItems = (count: number) => ['2408ZE', '2231BZ', '2584TX', '3511AB', '1012JS'].slice(0, count).map((zipcode) => ({ zipcode }));

const zipcode = { resource: 'broadband', operation: 'zipcode', zipcode: '2408ZE', housenr: '={{ $json.housenr }}', ...ONE_AT_A_TIME };
const addressItems = (count: number) => Array.from({ length: count }, (_, i) => ({ housenr: 9 + i }));

// ---- writes ------------------------------------------------------------------------------------

const orderConnection = {
	resource: 'broadband',
	operation: 'order_connection',
	zipcode: '2408ZE',
	housenr: '={{ $json.housenr }}',
	carrier: 633,
	circuit: { values: [{ circuit: 272, additionalFields: { vlan: 6 } }] },
	additionalFields: { sla: 606, contract_duration: 12, contact_name: '={{ "Site " + $json.housenr }}', contact_phonenumber: '0101234567' },
};
/** Different addresses, so that no two items are the same order. */
const orderItems = (count: number) => addressItems(count);

const createTicket = {
	resource: 'support',
	operation: 'create_ticket',
	subject: '={{ $json.subject }}',
	comment: '={{ "Problem persists after a router reboot at " + $json.site }}',
	additionalFields: { reference: '={{ "#" + $json.site }}' },
};
const ticketItems = (count: number) => Array.from({ length: count }, (_, i) => ({ subject: `Connection down at site ${i}`, site: `site-${i}` }));

/** The JWTs the credential stores during a run (n8n stores each new one after a log-in). */
function storedTokens(store: CredentialStore): string[] {
	const tokens: string[] = [];
	const update = store.update.bind(store);
	store.update = (typeName, values) => {
		if (typeof values.accessToken === 'string' && values.accessToken !== '') tokens.push(values.accessToken);
		update(typeName, values);
	};
	return tokens;
}

async function nextpertise(scenario: string, parameters: object, items: IDataObject[], outcome: Outcome, extra: Partial<FaultScenarioOptions> = {}) {
	return await faultScenario({
		family: FAMILY,
		scenario,
		sandbox: suite.sandbox(),
		credentials: suite.nextpertiseCredentials('jwt'),
		nodeType: new Nextpertise(),
		parameters: parameters as never,
		items,
		expect: outcome,
		extraSecrets: [BASIC_CREDENTIALS],
		...extra,
	});
}

describe('reads', () => {
	test('postcodes get_housenrs: 429 with Retry-After on item 2 of 4, then success: all items once', async () => {
		suite.sandbox().faults.failNext(1, { status: 429, retryAfterSeconds: 1 }, { pathIncludes: POSTCODES, skip: 1 });
		const check = await nextpertise('get_housenrs: 429 + Retry-After 1 s on item 2 of 4', housenrs, postcodeItems(4), { kind: 'delivered' });
		expect(check.statuses(POSTCODES)).toEqual([200, 429, 200, 200, 200]);
		expect(check.gapsMs(POSTCODES)[1]).toBeGreaterThanOrEqual(950); // Retry-After: 1 was honoured
		expect(check.tokenCalls).toBe(1);
		expect(check.run.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	test('broadband zipcode: 429 twice on item 1 of 3, then success: all items once', async () => {
		suite.sandbox().faults.failNext(2, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: BROADBAND });
		const check = await nextpertise('zipcode: 429 twice on item 1 of 3', zipcode, addressItems(3), { kind: 'delivered' });
		expect(check.statuses(BROADBAND)).toEqual([429, 429, 200, 200, 200]);
		expect(check.run.items.map((item) => (item.json.address as IDataObject | undefined)?.housenr)).toEqual([9, 10, 11]);
	});

	test('JWT: 401 on item 2 of 3 (token no longer valid): one more /jwt/log-in, no item lost', async () => {
		suite.sandbox().faults.failNext(1, { status: 401 }, { pathIncludes: BROADBAND, skip: 1 });
		const credentials = suite.nextpertiseCredentials('jwt');
		const tokens = storedTokens(credentials);
		const check = await nextpertise('zipcode: 401 on item 2 of 3, JWT log-in again', zipcode, addressItems(3), { kind: 'delivered' }, { credentials });
		expect(check.statuses(BROADBAND)).toEqual([200, 401, 200, 200]);
		expect(check.statuses(LOG_IN)).toEqual([200, 200]);
		// Two different JWTs, the second one kept with the credential.
		expect(new Set(tokens).size).toBe(2);
		expect(credentials.get('nextpertiseApi').accessToken).toBe(tokens[1]);
	});

	test.each([500, 502, 503] as const)('HTTP %i once on item 2 of 3: retried, every item delivered once', async (status) => {
		suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: POSTCODES, skip: 1 });
		const check = await nextpertise(`get_housenrs: ${status} once on item 2 of 3`, housenrs, postcodeItems(3), { kind: 'delivered' });
		expect(check.statuses(POSTCODES)).toEqual([200, status, 200, 200]);
	});

	test.each([
		[500, /^Nextpertise answered HTTP 500: An unexpected error occurred$/],
		[502, /^Nextpertise answered HTTP 502: An invalid response was received from the upstream server$/],
		[503, /^Nextpertise is temporarily unavailable \(HTTP 503\)$/],
	] as const)('HTTP %i that stays: 3 tries, then a clear error', async (status, message) => {
		suite.sandbox().faults.failNext(5, { status, retryAfterSeconds: 0 }, { pathIncludes: POSTCODES });
		const check = await nextpertise(`get_housenrs: ${status} on every try`, housenrs, postcodeItems(2), { kind: 'nodeError' });
		expect(check.statuses(POSTCODES)).toEqual([status, status, status]);
		expect(check.run.error?.name).toBe('NodeApiError');
		expect(check.run.error?.httpCode).toBe(String(status));
		expect(check.run.error?.message).toMatch(message);
		expect(check.run.error?.description).toBe('get_housenrs on /postcodes/v1 failed after 3 tries.');
	});

	test('paged Return All (list_connections, 250 rows): 503 without Retry-After on page 3, backoff, then all rows once', async () => {
		suite.sandbox().setNextpertiseRows('broadband/list_connections', 250);
		suite.sandbox().faults.failNext(1, { status: 503 }, { pathIncludes: BROADBAND, skip: 2 });
		const check = await nextpertise('list_connections (250 rows): 503 on page 3', { resource: 'broadband', operation: 'list_connections', returnAll: true }, [{}], {
			kind: 'rows',
			count: 250,
			key: (json) => (json.carrier as IDataObject).nid,
		});
		expect(check.statuses(BROADBAND)).toEqual([200, 200, 503, 200]);
		expect(check.calls(BROADBAND).map((entry) => ((entry.body as IDataObject).params as IDataObject).pagination)).toEqual([
			{ page: 1, per_page: 100 },
			{ page: 2, per_page: 100 },
			{ page: 3, per_page: 100 },
			{ page: 3, per_page: 100 },
		]);
		expect(check.gapsMs(BROADBAND)[2]).toBeGreaterThanOrEqual(950); // backoff of at least 1 s
		expect(check.run.items).toHaveLength(250);
	});

	test('paged Return All: 429 on page 2 of 3: all rows once', async () => {
		suite.sandbox().setNextpertiseRows('support/list_tickets', 230);
		suite.sandbox().faults.failNext(1, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: SUPPORT, skip: 1 });
		const check = await nextpertise('list_tickets (230 rows): 429 on page 2', { resource: 'support', operation: 'list_tickets', returnAll: true }, [{}], {
			kind: 'rows',
			count: 230,
			key: (json) => json.id,
		});
		expect(check.statuses(SUPPORT)).toEqual([200, 429, 200, 200]);
	});

	test('a read that times out: a clear error naming the call', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'slow', delayMs: 1200 }, { pathIncludes: POSTCODES, skip: 1 });
		const check = await nextpertise('get_housenrs: timeout on item 2 of 3', housenrs, postcodeItems(3), { kind: 'nodeError' }, {
			nodeType: withRequestTimeout(new Nextpertise(), 300),
			settleMs: 1000,
		});
		expect(check.calls(POSTCODES)).toHaveLength(2);
		expect(check.run.error?.message).toMatch(/^Could not reach Nextpertise: .*timeout/i);
		expect(check.run.error?.description).toBe('get_housenrs on /postcodes/v1 was not answered.');
	});

	test('a read answered with malformed JSON: a clear error, not sent again', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: POSTCODES });
		const check = await nextpertise('get_housenrs: malformed JSON answer to item 1 of 2', housenrs, postcodeItems(2), { kind: 'nodeError' });
		expect(check.calls(POSTCODES)).toHaveLength(1);
		expect(check.run.error?.message).toBe('Nextpertise answered with something that is not a JSON-RPC reply');
		expect(check.run.error?.description).toMatch(/^get_housenrs on \/postcodes\/v1 returned: \{"result"/);
	});
});

describe.each([
	['broadband order_connection', BROADBAND, orderConnection, orderItems, 'order_connection'],
	['support create_ticket', SUPPORT, createTicket, ticketItems, 'create_ticket'],
] as const)('writes: %s', (_name, path, parameters, items, method) => {
	describe.each([500, 502, 503] as const)('HTTP %i on item 2 of 3', (status) => {
		test('is not sent again; the node stops and names the items already sent', async () => {
			suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: path, skip: 1 });
			const check = await nextpertise(`${method}: ${status} on item 2 of 3, stop`, parameters, items(3), { kind: 'nodeError' });
			expect(check.statuses(path)).toEqual([200, status]);
			expect(check.run.error?.name).toBe('NodeApiError');
			expect(check.run.error?.httpCode).toBe(String(status));
			expect(check.run.error?.description).toMatch(WAS_NOT_SENT_AGAIN);
			expect(check.run.error?.description).toMatch(new RegExp(`Earlier items WERE sent to ${method} \\(item 0\\); do not send them again\\.$`));
		});

		test('with Continue On Fail: item 2 is an error item, the others still go through', async () => {
			suite.sandbox().faults.failNext(1, { status, retryAfterSeconds: 0 }, { pathIncludes: path, skip: 1 });
			const check = await nextpertise(`${method}: ${status} on item 2 of 3, Continue On Fail`, parameters, items(3), { kind: 'perItem', failed: [1] }, {
				continueOnFail: true,
			});
			expect(check.statuses(path)).toEqual([200, status, 200]);
			expect(check.run.items[1].json.error).toMatch(/^Nextpertise /);
			expect(check.run.items[1].json.description).toMatch(WAS_NOT_SENT_AGAIN);
		});
	});

	test('429 on item 2 of 3 (Continue On Fail): not sent again, even though it was refused', async () => {
		suite.sandbox().faults.failNext(1, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: path, skip: 1 });
		const check = await nextpertise(`${method}: 429 on item 2 of 3, Continue On Fail`, parameters, items(3), { kind: 'perItem', failed: [1] }, {
			continueOnFail: true,
		});
		expect(check.statuses(path)).toEqual([200, 429, 200]);
		expect(check.run.items[1].json.error).toBe('Nextpertise is receiving too many requests (HTTP 429)');
		expect(check.run.items[1].json.description).toMatch(WAS_NOT_SENT_AGAIN);
	});

	test('429 on item 1 of 2: the node stops after one try', async () => {
		suite.sandbox().faults.failNext(3, { status: 429, retryAfterSeconds: 0 }, { pathIncludes: path });
		const check = await nextpertise(`${method}: 429 on item 1 of 2, stop`, parameters, items(2), { kind: 'nodeError' });
		expect(check.statuses(path)).toEqual([429]);
		expect(check.run.error?.httpCode).toBe('429');
		expect(check.run.error?.description).not.toMatch(/already sent/);
	});

	test('JWT: 401 on item 2 of 3: one more /jwt/log-in, then that item is sent (refused before, so not a repeat)', async () => {
		suite.sandbox().faults.failNext(1, { status: 401 }, { pathIncludes: path, skip: 1 });
		const check = await nextpertise(`${method}: 401 on item 2 of 3, JWT log-in again`, parameters, items(3), { kind: 'delivered' });
		expect(check.statuses(path)).toEqual([200, 401, 200, 200]);
		expect(check.tokenCalls).toBe(2);
	});

	test('a call that times out is not sent again; Continue On Fail reports it and sends the rest', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'slow', delayMs: 1500 }, { pathIncludes: path, skip: 1 });
		const check = await nextpertise(`${method}: timeout on item 2 of 3, Continue On Fail`, parameters, items(3), { kind: 'perItem', failed: [1] }, {
			nodeType: withRequestTimeout(new Nextpertise(), 400),
			continueOnFail: true,
			settleMs: 1300,
		});
		expect(check.calls(path)).toHaveLength(3);
		expect(check.run.items[1].json.error).toMatch(/timeout/i);
		expect(check.run.items[1].json.description).toMatch(/may have taken effect/);
	});

	test('an answer that is not JSON: not sent again, a clear error', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: path, skip: 1 });
		const check = await nextpertise(`${method}: malformed JSON answer to item 2 of 3`, parameters, items(3), { kind: 'nodeError' });
		expect(check.calls(path)).toHaveLength(2);
		expect(check.run.error?.message).toBe('Nextpertise answered with something that is not a JSON-RPC reply');
		expect(check.run.error?.description).toMatch(/may have taken effect/);
		expect(check.run.error?.description).toMatch(new RegExp(`Earlier items WERE sent to ${method} \\(item 0\\)`));
	});

	test('flow: 503 on item 2 of 3 (Continue On Fail), then reading back what was created (503 once on that read too)', async () => {
		suite.sandbox().faults.failNext(1, { status: 503, retryAfterSeconds: 0 }, { pathIncludes: path, skip: 1 });
		const check = await nextpertise(`${method}: 503 on item 2 of 3, Continue On Fail`, parameters, items(3), { kind: 'perItem', failed: [1] }, {
			continueOnFail: true,
		});
		// The sandbox answered the 503 instead of the API: two of three exist, none twice.
		const state = suite.sandbox().nextpertiseState();
		expect(method === 'order_connection' ? state.transactions.length : state.tickets.length).toBe(2);
		const created = check.run.items.filter((item) => item.json.error === undefined).map((item) => item.json);

		suite.sandbox().log.length = 0;
		suite.sandbox().faults.failNext(1, { status: 503, retryAfterSeconds: 0 }, { pathIncludes: path });
		const readBack =
			method === 'order_connection'
				? { parameters: { resource: 'broadband', operation: 'get_transaction', uuid: '={{ $json.transaction_uuid }}' }, key: 'uuid', id: 'transaction_uuid' }
				: { parameters: { resource: 'support', operation: 'get_ticket', id: '={{ $json.id }}' }, key: 'id', id: 'id' };
		const read = await nextpertise(`${method} → read back: 503 once`, readBack.parameters, created, { kind: 'delivered' });
		expect(read.statuses(path)).toEqual([503, 200, 200]);
		expect(read.run.items.map((item) => item.json[readBack.key])).toEqual(created.map((json) => json[readBack.id]));
	});
});

/** The document's message as a pattern: `%s` and `%d` are filled in by the API. */
const documentedMessage = (message: string) =>
	new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%s/g, '.*').replace(/%d/g, '-?\\d+')}$`);

// The document's list of errors has 001–008 and 010–012: there is no 009 (see the last test).
describe.each(ERROR_CODES.map((spec) => [spec.code, spec] as const))('JSON-RPC error %s (documented)', (code, spec) => {
	test('on a write (order_connection), Continue On Fail: that item is an error item with the documented meaning, never re-sent', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'jsonRpcError', code }, { pathIncludes: BROADBAND, skip: 1 });
		const check = await nextpertise(`order_connection: JSON-RPC error ${code} on item 2 of 3, Continue On Fail`, orderConnection, orderItems(3), {
			kind: 'perItem',
			failed: [1],
		}, { continueOnFail: true });
		expect(check.statuses(BROADBAND)).toEqual([200, 200, 200]);
		expect(check.calls(BROADBAND)).toHaveLength(3);
		const failed = check.run.items[1].json;
		expect(failed.error).toMatch(new RegExp(`^Nextpertise error ${code}: `));
		expect(String(failed.error).slice(`Nextpertise error ${code}: `.length)).toMatch(documentedMessage(spec.message));
		expect(failed.description).toContain(spec.meaning);
		expect(failed.description).toMatch(/Correlation id \(cid\): [0-9a-f-]{36} /);
	});

	test('on a read (zipcode): a NodeApiError with the documented meaning, not tried again', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'jsonRpcError', code }, { pathIncludes: BROADBAND });
		const check = await nextpertise(`zipcode: JSON-RPC error ${code} on item 1 of 2, stop`, zipcode, addressItems(2), { kind: 'nodeError' });
		expect(check.calls(BROADBAND)).toHaveLength(1);
		expect(check.run.error?.name).toBe('NodeApiError');
		expect(check.run.error?.message).toMatch(new RegExp(`^Nextpertise error ${code}: `));
		expect(check.run.error?.description).toContain('zipcode on /broadband/v1 failed.');
		expect(check.run.error?.description).toContain(spec.meaning);
		expect(check.run.error?.description).toContain('Correlation id (cid): ');
	});
});

test('JSON-RPC error 9 (the document lists no 009): reported as sent, without a meaning, never re-sent', async () => {
	suite.sandbox().faults.failNext(1, { kind: 'jsonRpcError', code: 9, message: 'Something the document does not list' }, { pathIncludes: SUPPORT });
	const check = await nextpertise('create_ticket: undocumented JSON-RPC error 9, Continue On Fail', createTicket, ticketItems(2), { kind: 'perItem', failed: [0] }, {
		continueOnFail: true,
	});
	expect(check.calls(SUPPORT)).toHaveLength(2);
	expect(check.run.items[0].json.error).toBe('Nextpertise error 9: Something the document does not list');
	expect(check.run.items[0].json.description).toMatch(/^create_ticket on \/support\/v1 failed\.\nCorrelation id \(cid\): /);
});

describe('reads in parallel (Parallel Requests 10)', () => {
	const parallelZipcode = { ...zipcode, requestOptions: { parallelRequests: 10 } };

	test('429 with Retry-After 1 s on 3 of 20 calls: every item once, nothing new sent while the API holds back', async () => {
		suite.sandbox().faults.failNext(3, { status: 429, retryAfterSeconds: 1 }, { pathIncludes: BROADBAND });
		const check = await nextpertise('zipcode × 20 in parallel: 429 + Retry-After 1 s on 3 calls', parallelZipcode, addressItems(20), { kind: 'delivered' });
		const calls = check.calls(BROADBAND);
		expect(calls).toHaveLength(23);
		const firstRefusal = calls.find((call) => call.status === 429)!.at;
		// Requests already on their way arrive within moments; after that nothing until the second is over.
		expect(calls.filter((call) => call.at > firstRefusal + 100 && call.at < firstRefusal + 950)).toEqual([]);
		expect(check.run.items.map((item) => (item.json.address as IDataObject | undefined)?.housenr)).toEqual(addressItems(20).map((item) => item.housenr));
		expect(check.tokenCalls).toBe(1);
	});

	test('HTTP 503 on 4 concurrent calls: each retried, every item once, one log-in', async () => {
		suite.sandbox().faults.failNext(4, { status: 503, retryAfterSeconds: 0 }, { pathIncludes: BROADBAND });
		const check = await nextpertise('zipcode × 20 in parallel: 503 on 4 calls', parallelZipcode, addressItems(20), { kind: 'delivered' });
		expect(check.calls(BROADBAND)).toHaveLength(24);
		expect(check.tokenCalls).toBe(1);
	});
});

describe('secrets', () => {
	test('a wrong password (JWT): a clear error, nothing sent, the password appears nowhere', async () => {
		const credentials = suite.nextpertiseCredentials('jwt');
		credentials.update('nextpertiseApi', { password: 'wrong-password-4711' });
		const check = await nextpertise('JWT log-in with a wrong password', createTicket, ticketItems(2), { kind: 'nodeError' }, {
			credentials,
			extraSecrets: [BASIC_CREDENTIALS, Buffer.from(`${NEXTPERTISE_SANDBOX_USERNAME}:wrong-password-4711`).toString('base64')],
		});
		expect(check.calls(SUPPORT)).toHaveLength(0);
		expect(check.statuses(LOG_IN)).toEqual([401]);
		expect(check.run.error?.message).toMatch(/Nextpertise refused the Username \/ Password/);
	});

	test('a wrong password (Basic auth): a clear 401 error, the password appears nowhere', async () => {
		const credentials = suite.nextpertiseCredentials('basic');
		credentials.update('nextpertiseApi', { password: 'wrong-password-4711' });
		const check = await nextpertise('Basic auth with a wrong password', housenrs, postcodeItems(2), { kind: 'nodeError' }, {
			credentials,
			extraSecrets: [BASIC_CREDENTIALS, Buffer.from(`${NEXTPERTISE_SANDBOX_USERNAME}:wrong-password-4711`).toString('base64')],
		});
		expect(check.statuses(POSTCODES)).toEqual([401]);
		expect(check.tokenCalls).toBe(0);
		expect(check.run.error?.message).toMatch(/^Nextpertise refused access \(HTTP 401\)/);
	});

	test('the log-in answers 503: a clear error, nothing sent', async () => {
		suite.sandbox().faults.failNext(1, { status: 503 }, { pathIncludes: LOG_IN });
		const check = await nextpertise('503 from /jwt/log-in', orderConnection, orderItems(2), { kind: 'nodeError' });
		expect(check.calls(BROADBAND)).toHaveLength(0);
		expect(check.run.error?.message).toMatch(/Could not log in at Nextpertise \(\/jwt\/log-in, HTTP 503\)/);
		expect(check.run.error?.description).not.toMatch(/may have taken effect/); // nothing was sent
	});

	test('every JWT of a run and the password are looked for in outputs and errors (and not found)', async () => {
		suite.sandbox().faults.failNext(1, { status: 401 }, { pathIncludes: SUPPORT, skip: 1 });
		// The 401 and its repeat count as calls the 500 lets through: calls 1–4 pass, item 4 gets the 500.
		suite.sandbox().faults.failNext(1, { status: 500 }, { pathIncludes: SUPPORT, skip: 4 });
		const credentials = suite.nextpertiseCredentials('jwt');
		const tokens = storedTokens(credentials);
		const check = await nextpertise('create_ticket: 401 then 500, Continue On Fail: no secret in outputs', createTicket, ticketItems(4), { kind: 'perItem', failed: [3] }, {
			credentials,
			continueOnFail: true,
		});
		expect(check.statuses(SUPPORT)).toEqual([200, 401, 200, 200, 500]);
		expect(check.tokenCalls).toBe(2);
		expect(new Set(tokens).size).toBe(2);
		// faultScenario searched for both (and the password); say so once more, explicitly.
		expect(findSecrets(runTexts(check.run), [...tokens, NEXTPERTISE_SANDBOX_PASSWORD, BASIC_CREDENTIALS])).toEqual([]);
		expect(check.secretsFound).toEqual([]);
		expect(check.run.items[3].json.error).toMatch(/^Nextpertise answered HTTP 500/);
	});
});

describe("n8n's Retry On Fail (3 tries, no wait): no connection ordered twice", () => {
	const retry = { retryOnFail: { maxTries: 3, waitBetweenTries: 0 } };

	test('order_connection × 3, 503 on item 2: 3 orders sent in all, item 2 reported, item 3 ordered on the next try', async () => {
		suite.sandbox().faults.failNext(1, { status: 503, retryAfterSeconds: 0 }, { pathIncludes: BROADBAND, skip: 1 });
		const check = await nextpertise('Retry On Fail: order_connection × 3, 503 on item 2', orderConnection, orderItems(3), { kind: 'nodeError' }, retry);
		expect(check.statuses(BROADBAND)).toEqual([200, 503, 200]);
		expect(suite.sandbox().nextpertiseState().transactions).toHaveLength(2);
		expect(check.run.error?.description).toMatch(/Item 1 may have been sent to order_connection in an earlier try of this node/);
	});

	test('order_connection × 3, ordered then 500 on item 1: every connection ordered once', async () => {
		suite.sandbox().faults.failNext(1, { kind: 'appliedThen', status: 500 }, { pathIncludes: BROADBAND });
		const check = await nextpertise('Retry On Fail: order_connection × 3, ordered then 500 on item 1', orderConnection, orderItems(3), { kind: 'nodeError' }, retry);
		expect(check.statuses(BROADBAND)).toEqual([500, 200, 200]);
		expect(suite.sandbox().nextpertiseState().transactions).toHaveLength(3);
	});
});
