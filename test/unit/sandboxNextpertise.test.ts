import * as catalogue from '../../nodes/shared/nextpertise/catalogue';
import { ERROR_CODES, METHODS } from '../../nodes/shared/nextpertise/catalogue';
import { loadCatalogue, type SandboxCatalogue } from '../sandbox/apis/nextpertiseCatalogue';
import { validateParams } from '../sandbox/apis/nextpertiseValidate';
import replies from '../sandbox/fixtures/nextpertise-replies.json';
import {
	NEXTPERTISE_DEFAULT_ROWS,
	NEXTPERTISE_SANDBOX_PASSWORD,
	NEXTPERTISE_SANDBOX_USERNAME,
	startSandbox,
	type Sandbox,
} from '../sandbox/server';

// Compile-time check (tsc -p test/tsconfig.json): the sandbox's view of the catalogue's types
// still fits the real catalogue.
const typedCatalogue: SandboxCatalogue = catalogue;

const NID = /^[0-9]{4}[A-Z]{2}[0-9]{5}[0-9A-Z]{4}$/;
const BASIC = `Basic ${Buffer.from(`${NEXTPERTISE_SANDBOX_USERNAME}:${NEXTPERTISE_SANDBOX_PASSWORD}`).toString('base64')}`;

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON-RPC results differ per method; each test reads the fields it checks
}

let sandbox: Sandbox;
let nextId = 1;

async function send(method: string, path: string, init: { authorization?: string | null; body?: string } = {}): Promise<Answer> {
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	const authorization = init.authorization === undefined ? BASIC : init.authorization;
	if (authorization !== null) headers.Authorization = authorization;
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body: init.body });
	const text = await response.text();
	let body: unknown;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, text, body };
}

/** One JSON-RPC call; the reply's id is checked against the request's. */
async function rpc(path: string, method: string, params: unknown = {}, authorization?: string | null): Promise<Answer> {
	const id = nextId++;
	const answer = await send('POST', path, { authorization, body: JSON.stringify({ jsonrpc: '2.0', id, method, params }) });
	if (answer.status === 200 && answer.body !== undefined) {
		expect(answer.body.jsonrpc).toBe('2.0');
		expect(answer.body.id).toBe(id);
	}
	return answer;
}

/** The result of a call that must succeed. */
async function result(path: string, method: string, params: unknown = {}, authorization?: string | null): Promise<Answer['body']> {
	const answer = await rpc(path, method, params, authorization);
	expect(answer.status).toBe(200);
	expect(answer.body.error).toBeUndefined();
	return answer.body.result;
}

async function login(authorization = BASIC): Promise<Answer> {
	return send('POST', '/jwt/log-in', { authorization });
}

function documented(key: string, index = 0): unknown {
	return (replies as unknown as Record<string, Array<{ result: unknown }>>)[key][index].result;
}

function message(code: string): string {
	const found = ERROR_CODES.find((candidate) => candidate.code === code);
	if (!found) throw new Error(`no error ${code}`);
	return found.message;
}

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
});

describe('Nextpertise sandbox: catalogue and fixture', () => {
	it('validates with the node catalogue itself and has a reply for every catalogue method', () => {
		expect(loadCatalogue().METHODS).toBe(METHODS);
		expect(typedCatalogue.METHODS).toHaveLength(81);
		const keys = Object.keys(replies).filter((key) => key !== '$comment');
		expect(keys.sort()).toEqual(METHODS.map((spec) => `${spec.productClass}/${spec.method}`).sort());
	});

	it('accepts every request example of the document', () => {
		const refused = METHODS.flatMap((spec) =>
			spec.examples.flatMap((example) => validateParams(spec, example.params).map((problem) => `${spec.productClass}/${spec.method}: ${problem.param}`)),
		);
		expect(refused).toEqual([]);
	});
});

describe('Nextpertise sandbox: authentication', () => {
	it('accepts the sandbox Basic credentials and answers the documented 401 otherwise', async () => {
		expect(await result('/broadband/v1', 'list_providers')).toEqual(documented('broadband/list_providers'));

		const wrong = `Basic ${Buffer.from(`${NEXTPERTISE_SANDBOX_USERNAME}:wrong`).toString('base64')}`;
		for (const authorization of [wrong, null, 'Bearer not-a-jwt']) {
			const answer = await rpc('/broadband/v1', 'list_providers', {}, authorization);
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({ message: 'You cannot consume this service' });
		}
	});

	it('logs in at /jwt/log-in and accepts the token as Bearer until it expires', async () => {
		const first = await login();
		expect(first.status).toBe(200);
		expect(first.body).toEqual({ token_type: 'Bearer', expires_in: 86400, access_token: expect.any(String) });
		expect(first.body.access_token.split('.')).toHaveLength(3);
		const second = await login();
		expect(second.body.access_token).not.toBe(first.body.access_token);
		expect((await login(`Basic ${Buffer.from('sandbox-user:nope').toString('base64')}`)).status).toBe(401);
		// The document logs in with `curl -u user:pass …/jwt/log-in`, which is a GET.
		const viaGet = await send('GET', '/jwt/log-in');
		expect(viaGet.status).toBe(200);
		expect(viaGet.body.token_type).toBe('Bearer');

		const listed = await result('/postcodes/v1', 'get_housenrs', { zipcode: '2584TX' }, `Bearer ${first.body.access_token}`);
		expect(listed).toEqual({ housenrs: [2, 4, 6, 8, 10, 12, 14, 16] });

		const lifetime = await fetch(`${sandbox.url}/__sandbox/nextpertise/jwt-lifetime`, {
			method: 'POST',
			body: JSON.stringify({ seconds: 0 }),
		});
		expect(await lifetime.json()).toEqual({ jwtLifetimeSeconds: 0 });
		const dead = await login();
		expect(dead.body.expires_in).toBe(0);
		const expired = await rpc('/user/v1', 'list_roles', {}, `Bearer ${dead.body.access_token}`);
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual({ message: 'You cannot consume this service' });

		sandbox.setNextpertiseJwtLifetime(0.4);
		const short = await login();
		expect(short.body.expires_in).toBe(1);
		const bearer = `Bearer ${short.body.access_token}`;
		expect((await rpc('/user/v1', 'list_roles', {}, bearer)).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 450));
		expect((await rpc('/user/v1', 'list_roles', {}, bearer)).status).toBe(401);

		sandbox.revokeTokens();
		expect((await rpc('/user/v1', 'list_roles', {}, `Bearer ${first.body.access_token}`)).status).toBe(401);
		sandbox.reset();
		expect((await login()).body.expires_in).toBe(86400);
	});
});

describe('Nextpertise sandbox: JSON-RPC', () => {
	it('answers a known method with the document reply example that fits the request', async () => {
		expect(await result('/broadband/v1', 'carriercheck', { housenr: 10, housenrext: null, zipcode: '2408ZE', carrier: 'Fiber' })).toEqual(
			documented('broadband/carriercheck', 1),
		);
		const housenrext = await result('/postcodes/v1', 'get_housenrext', {
			housenr: 16,
			zipcode: '2584TX',
			provider_filter: null,
			dont_do_recursion: false,
		});
		expect(housenrext).toEqual(documented('postcodes/get_housenrext'));
		expect(housenrext.CADASTRAL.address.street).toBe('Zwaardstraat');
		// The identifier of the request replaces the document's where its reply repeats it.
		const enduser = await result('/broadband/v1', 'get_recent_transaction', { nid: '2408ZE000100100' });
		expect(enduser.nid).toBe('2408ZE000100100');
		expect(enduser.state).toBe((documented('broadband/get_recent_transaction') as { state: string }).state);
		// Methods without a reply example get a minimal result from the reply table.
		expect(await result('/email/v1', 'get_mailboxes', {})).toEqual({ mailboxes: ['info@example.com'] });
	});

	it('answers an unknown method with JSON-RPC "Method not found", and other paths as documented', async () => {
		const unknown = await rpc('/broadband/v1', 'get_housenrs', { zipcode: '2408ZE' });
		expect(unknown.status).toBe(200);
		expect(unknown.body.error).toEqual({
			code: -32601,
			message: 'Method not found: get_housenrs is not a method of /broadband/v1',
			data: { cid: expect.stringMatching(/^[0-9a-f-]{36}$/) },
		});

		const notFound = await send('POST', '/broadband/v2', { body: '{}' });
		expect(notFound.status).toBe(404);
		expect(notFound.headers.get('content-type')).toMatch(/^text\/html/);
		expect(notFound.text).toContain('The requested URL was not found on this server.');

		const get = await send('GET', '/postcodes/v1');
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');

		const parse = await send('POST', '/postcodes/v1', { body: '{"jsonrpc": "2.0", "id": 1, "method": ' });
		expect(parse.body).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringMatching(/^Parse error/) } });
		const envelope = await send('POST', '/postcodes/v1', { body: JSON.stringify({ jsonrpc: '1.0', id: 7, method: 'get_housenrs' }) });
		expect(envelope.body.error.code).toBe(-32600);
		expect(envelope.body.id).toBe(7);
	});

	it('refuses invalid params with the documented 011, naming the parameter and the expected format', async () => {
		const postcode = await rpc('/broadband/v1', 'zipcode', { zipcode: '2408 ZE', housenr: 10 });
		expect(postcode.status).toBe(200);
		expect(postcode.body.error.code).toBe(11);
		expect(postcode.body.error.message).toBe(
			`${message('011')} 'zipcode' must be a string matching ^[0-9]{4}[A-Z]{2}, got "2408 ZE"`,
		);
		expect(postcode.body.error.data.params).toEqual([
			{ param: 'zipcode', expected: 'a string matching ^[0-9]{4}[A-Z]{2}', got: '2408 ZE', problem: 'format' },
		]);

		const provider = await rpc('/broadband/v1', 'zipcode', { zipcode: '2408ZE', housenr: 10, filter: { provider: ['KPN'] } });
		expect(provider.body.error.code).toBe(11);
		expect(provider.body.error.message).toContain(
			`'filter.provider[0]' must be a string, one of TELE2|KPNWEAS|KPNWBA|EUROFIBER|ZIGGO|WAUWAU|NDIX|FOREFREEDOM, got "KPN"`,
		);

		const several = await rpc('/postcodes/v1', 'get_housenrext', { zipcode: '2408ZE', housenr: '10' });
		expect(several.body.error.message).toContain(`'housenr' must be an integer, got "10"`);
		const missing = await rpc('/broadband/v1', 'get_transaction', {});
		expect(missing.body.error.message).toContain(`'uuid' is required: a string`);
		const notObject = await rpc('/broadband/v1', 'get_transaction', ['uuid']);
		expect(notObject.body.error.message).toContain(`'params' must be an object`);
	});
});

describe('Nextpertise sandbox: stateful flows', () => {
	test('list_contract_durations answers for the carrier product asked for (the document keys its reply by it)', async () => {
		expect(await result('/broadband/v1', 'list_contract_durations', { filter: { carrier_product_id: 635 } })).toEqual({
			'635': { contract_durations: [12, 24], default_contract_duration: 12 },
		});
	});

	it('postcode → house numbers → zipcode (inline provider errors) → order_connection → get_transaction', async () => {
		const housenrs = await result('/postcodes/v1', 'get_housenrs', { zipcode: '2408ZE' });
		expect(housenrs.housenrs).toEqual(expect.arrayContaining([9, 10]));
		expect(housenrs.housenrs).not.toContain(41);
		expect(await result('/postcodes/v1', 'get_housenrs', { zipcode: '1234SS' })).toEqual({ housenrs: [] });

		const extensions = await result('/postcodes/v1', 'get_housenrext', { zipcode: '2408ZE', housenr: 10 });
		expect(extensions.CADASTRAL.housenrexts).toEqual(['', 'A', 'B']);
		expect(extensions.CADASTRAL.address).toMatchObject({ zipcode: '2408ZE', housenr: 10, street: 'Zuidpoolsingel' });
		expect(extensions.error).toEqual({});
		const noHouse = await result('/postcodes/v1', 'get_housenrext', { zipcode: '2408ZE', housenr: 99 });
		expect(noHouse).toEqual({ error: { CADASTRAL: { message: 'Invalid zipcode/housenr combination: (2408ZE,99,).', code: 2 } } });

		const check = await result('/broadband/v1', 'zipcode', { zipcode: '2408ZE', housenr: 10, housenrext: 'A', filter: { provider: [] } });
		expect(Object.keys(check.available).sort()).toEqual(['EUROFIBER', 'KPNWBA', 'KPNWEAS', 'TELE2']);
		expect(check.address).toMatchObject({ zipcode: '2408ZE', housenr: 10, housenrext: 'A' });
		expect(check.errors.map((error: { supplier: string }) => error.supplier).sort()).toEqual(['NDIX', 'WAUWAU', 'ZIGGO']);
		const two = await result('/broadband/basic/v1', 'zipcode', { zipcode: '2408ZE', housenr: 10, filter: { provider: ['KPNWBA', 'WAUWAU'] } });
		expect(Object.keys(two.available)).toEqual(['KPNWBA']);
		expect(two.errors).toEqual([expect.objectContaining({ supplier: 'WAUWAU', code: null })]);
		const invalid = await rpc('/broadband/v1', 'zipcode', { zipcode: '2408ZE', housenr: 99 });
		expect(invalid.body.error).toMatchObject({ code: 2, message: 'Invalid zipcode/housenr combination: (2408ZE,99,).' });

		const order = await result('/broadband/v1', 'order_connection', {
			zipcode: '2408ZE',
			housenr: 10,
			housenrext: 'A',
			carrier: 633,
			circuit: [{ circuit: 272, vlan: 6 }],
			sla: 606,
			contact_name: 'Mrs. Your Client',
			custwishdate: '2030-01-15',
		});
		expect(order).toEqual({ orderid: '2408ZE000100100', transaction_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		expect(order.orderid).toMatch(NID);
		const again = await result('/broadband/v1', 'order_connection', { zipcode: '2408ZE', housenr: 10, housenrext: 'A', carrier: 633, circuit: [{ circuit: 272 }] });
		expect(again.orderid).toBe('2408ZE000100200');

		const transaction = await result('/broadband/v1', 'get_transaction', { uuid: order.transaction_uuid });
		expect(transaction).toMatchObject({
			uuid: order.transaction_uuid,
			nid: order.orderid,
			action: 'new',
			state: 'new',
			open: true,
			customer_wish_date: '2030-01-15',
		});
		expect(transaction.document_after_transaction.circuits[0]).toMatchObject({ nid: '2408ZE000100101', vlan: '6' });
		expect((await result('/broadband/v1', 'get_recent_transaction', { nid: again.orderid })).uuid).toBe(again.transaction_uuid);
		expect(sandbox.nextpertiseState().transactions.map((entry) => entry.nid)).toEqual([order.orderid, again.orderid]);

		const unknown = await rpc('/broadband/v1', 'get_transaction', { uuid: 'ffffffff-0000-0000-0000-000000000000' });
		expect(unknown.body.error.code).toBe(1);
		expect(unknown.body.error.message).toBe(`Undocumented Error, please report to Nextpertise and refer to cid: ${unknown.body.error.data.cid}.`);

		sandbox.reset();
		expect((await rpc('/broadband/v1', 'get_transaction', { uuid: order.transaction_uuid })).body.error.code).toBe(1);
	});

	it('create_ticket → get_ticket → update_ticket', async () => {
		const created = await result('/support/v1', 'create_ticket', {
			subject: 'Connection down',
			comment: 'Router reboot did not help.',
			nid: '2408ZE000100100',
			contact: { name: 'John Doe', phone: '0612345678' },
		});
		expect(created).toEqual({ id: expect.any(Number) });
		const ticket = await result('/support/v1', 'get_ticket', { id: created.id });
		expect(ticket).toMatchObject({
			id: created.id,
			nid: '2408ZE000100100',
			subject: 'Connection down',
			status: 'new',
			description: 'Router reboot did not help.\n\nContactpersoon:\nJohn Doe\n0612345678',
		});
		expect(await result('/support/v1', 'update_ticket', { id: created.id, comment: { body: 'Fixed, thanks' }, solved: true })).toEqual({});
		const updated = await result('/support/v1', 'get_ticket', { id: created.id });
		expect(updated.status).toBe('solved');
		expect(updated.comments.map((comment: { body: string }) => comment.body)).toEqual([ticket.description, 'Fixed, thanks']);

		expect(await result('/support/v1', 'get_ticket', { id: 12345 })).toEqual(documented('support/get_ticket'));
		expect((await rpc('/support/v1', 'get_ticket', { id: 4242 })).body.error.code).toBe(1);
		const update = await rpc('/support/v1', 'update_ticket', { id: 4242, comment: { body: 'x' } });
		expect(update.body.error).toMatchObject({ code: 8, message: 'Failed to update requested (ticket 4242).' });
	});
});

describe('Nextpertise sandbox: paging', () => {
	it('serves the configured rows over pages with next_page null on the last', async () => {
		sandbox.setNextpertiseRows('list_tickets', 25);
		const pages = [];
		for (let page = 1; page <= 3; page++) {
			pages.push(await result('/support/v1', 'list_tickets', { pagination: { page, per_page: 10 } }));
		}
		expect(pages.map((page) => page.tickets.length)).toEqual([10, 10, 5]);
		expect(pages.map((page) => page.pagination)).toEqual([
			{ previous_page: null, next_page: 2, per_page: 10, count: 25 },
			{ previous_page: 1, next_page: 3, per_page: 10, count: 25 },
			{ previous_page: 2, next_page: null, per_page: 10, count: 25 },
		]);
		const ids = pages.flatMap((page) => page.tickets.map((ticket: { id: number }) => ticket.id));
		expect(new Set(ids).size).toBe(25);
		expect(pages[0].ticket_count).toBe(25);
		// Stable: asking for a page again gives the same rows.
		expect(await result('/support/v1', 'list_tickets', { pagination: { page: 2, per_page: 10 } })).toEqual(pages[1]);
	});

	it('defaults to 35 rows, reads per_page 0 as all, and pages user list_profiles by offset', async () => {
		const all = await result('/broadband/v1', 'list_transactions', { pagination: { page: 1, per_page: 0 } });
		expect(all.transactions).toHaveLength(NEXTPERTISE_DEFAULT_ROWS);
		expect(all.transactions.every((row: { nid: string }) => NID.test(row.nid))).toBe(true);
		expect(all.pagination.next_page).toBeNull();

		const set = await fetch(`${sandbox.url}/__sandbox/nextpertise/rows`, {
			method: 'POST',
			body: JSON.stringify({ method: 'user/list_profiles', count: 7 }),
		});
		expect(await set.json()).toEqual({ method: 'user/list_profiles', count: 7 });
		const first = await result('/user/v1', 'list_profiles', { paging: { offset: 0, length: 5 } });
		const second = await result('/user/v1', 'list_profiles', { paging: { offset: 5, length: 5 } });
		expect([first.profiles.length, second.profiles.length, first.count]).toEqual([5, 2, 7]);
		expect(() => sandbox.setNextpertiseRows('get_ticket', 3)).toThrow(/not a paged Nextpertise method/);
	});
});

describe('Nextpertise sandbox: faults and log', () => {
	it('applies failNext to Nextpertise paths: 429 with Retry-After, then success', async () => {
		sandbox.faults.failNext(1, { status: 429, retryAfterSeconds: 2 }, { pathIncludes: '/postcodes/v1' });
		const limited = await rpc('/postcodes/v1', 'get_housenrs', { zipcode: '2408ZE' });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect(limited.body).toEqual({ message: 'API rate limit exceeded' });
		expect((await rpc('/postcodes/v1', 'get_housenrs', { zipcode: '2408ZE' })).status).toBe(200);

		sandbox.faults.failNext(1, { kind: 'malformedJson' }, { pathIncludes: '/user/v1' });
		const malformed = await rpc('/user/v1', 'list_roles');
		expect(malformed.status).toBe(200);
		expect(() => JSON.parse(malformed.text)).toThrow();
	});

	it('answers HTTP 200 with a JSON-RPC error for a jsonRpcError fault, only on JSON-RPC endpoints', async () => {
		sandbox.faults.failNext(2, { kind: 'jsonRpcError', code: '007' }, { pathIncludes: '/broadband/v1' });
		const add = await fetch(`${sandbox.url}/__sandbox/faults`, {
			method: 'POST',
			body: JSON.stringify({ count: 1, fault: { kind: 'jsonRpcError', code: 12, message: 'Config Prohibited Error.' } }),
		});
		expect(add.status).toBe(200);

		for (let call = 0; call < 2; call++) {
			const failed = await rpc('/broadband/v1', 'list_providers');
			expect(failed.status).toBe(200);
			expect(failed.body.error).toEqual({ code: 7, message: 'Failed to delete requested (list_providers).', data: { cid: expect.any(String) } });
		}
		// The unmatched 012 rule is not used up by a KPN path, nor by the JWT login.
		expect((await send('GET', '/no/such/kpn/path')).status).toBe(404);
		expect((await login()).status).toBe(200);
		const prohibited = await rpc('/postcodes/v1', 'get_housenrs', { zipcode: '2408ZE' });
		expect(prohibited.body.error).toEqual({ code: 12, message: 'Config Prohibited Error.', data: { cid: expect.any(String) } });
		expect(await result('/broadband/v1', 'list_providers')).toEqual(documented('broadband/list_providers'));
		expect(() => sandbox.faults.failNext(1, { kind: 'jsonRpcError', code: 'abc' })).toThrow(/code/);
	});

	it('logs Nextpertise calls with authorization and password params masked', async () => {
		const token = (await login()).body.access_token as string;
		await result('/email/v1', 'update_password', { mailbox: 'info@example.com', password: 'Secret-123' }, `Bearer ${token}`);
		await rpc('/broadband/v1', 'list_providers', {}, null);

		expect(sandbox.log.map((entry) => [entry.method, entry.path, entry.status, entry.headers.authorization])).toEqual([
			['POST', '/jwt/log-in', 200, 'Basic ***'],
			['POST', '/email/v1', 200, 'Bearer ***'],
			['POST', '/broadband/v1', 401, undefined],
		]);
		expect(sandbox.log[1].body).toEqual({
			jsonrpc: '2.0',
			id: expect.any(Number),
			method: 'update_password',
			params: { mailbox: 'info@example.com', password: '***' },
		});
		expect(JSON.stringify(sandbox.log)).not.toContain('Secret-123');
		expect(JSON.stringify(sandbox.log)).not.toContain(token);
	});
});
