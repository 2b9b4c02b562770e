// The Nextpertise Trigger in n8n's real poll context, against nock: baselines, new and changed
// rows, filters, paging, failures that change nothing, manual mode, both credential types and redaction.
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { NextpertiseTrigger } from '../../nodes/Nextpertise/NextpertiseTrigger.node';
import { MAX_ROWS_PER_POLL } from '../../nodes/Nextpertise/trigger/readList';
import {
	mockNextpertiseLogins,
	NEXTPERTISE_PASSWORD,
	NEXTPERTISE_TEST_HOST,
	nextpertiseBasicHeader,
	nextpertiseCredentialStore,
} from '../harness/nextpertiseCredentials';
import type { CredentialStore } from '../harness/credentialStore';
import { runPoll, type PollRun } from '../harness/runPoll';

const trigger = new NextpertiseTrigger();

interface RpcRequest {
	path: string;
	method: string;
	params: IDataObject;
	authorization?: string;
}

/** A Nextpertise that serves `lists[method]` page by page (or `fail(request)` when it returns a reply). */
function nextpertise(lists: Record<string, IDataObject[]>) {
	const api = {
		lists,
		requests: [] as RpcRequest[],
		fail: undefined as undefined | ((request: RpcRequest) => [number, unknown] | undefined),
	};
	nock(NEXTPERTISE_TEST_HOST)
		.persist()
		.post(/^\/[a-z/]+\/v1$/)
		.reply(function (uri, body) {
			const envelope = body as { id: number; method: string; params: IDataObject };
			const request: RpcRequest = {
				path: uri,
				method: envelope.method,
				params: envelope.params,
				authorization: this.req.headers.authorization as string | undefined,
			};
			api.requests.push(request);
			const failure = api.fail?.(request);
			if (failure) return [failure[0], { jsonrpc: '2.0', id: envelope.id, ...(failure[1] as object) }];
			const rows = api.lists[envelope.method] ?? [];
			const itemsKey = envelope.method.replace(/^list_/, '');
			const { page = 1, per_page: perPage = 50 } = (envelope.params.pagination ?? {}) as { page?: number; per_page?: number };
			const start = (page - 1) * perPage;
			const result = {
				[itemsKey]: rows.slice(start, start + perPage),
				pagination: { previous_page: page > 1 ? page - 1 : null, next_page: start + perPage < rows.length ? page + 1 : null, per_page: perPage, count: rows.length },
			};
			return [200, { jsonrpc: '2.0', id: envelope.id, result }];
		});
	return api;
}

/** Polls like an active workflow: the static data of one poll is handed to the next, as JSON. */
function poller(parameters: Record<string, unknown>, credentials: CredentialStore = nextpertiseCredentialStore()) {
	let staticData: IDataObject = {};
	return {
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollRun> {
			const run = await runPoll({ nodeType: trigger, parameters: parameters as never, credentials, staticData, mode });
			if (mode === 'trigger') staticData = run.staticData;
			return run;
		},
		get staticData() {
			return staticData;
		},
	};
}

const event = (id: number, overrides: IDataObject = {}): IDataObject => ({
	id,
	uuid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
	type: 'apirequest',
	nid: '2408ZE000100200',
	transaction_uuid: null,
	method: 'broadband.order_connection',
	created_at: `2025-06-01T10:00:${String(id % 60).padStart(2, '0')}`,
	...overrides,
});
const transaction = (n: number, state = 'new', overrides: IDataObject = {}): IDataObject => ({
	uuid: `tx-${n}`,
	nid: `2408ZE0001${String(n).padStart(3, '0')}00`,
	action: 'new',
	state,
	created_at: `2025-06-0${(n % 9) + 1}T10:00:00`,
	last_updated: `2025-06-0${(n % 9) + 1}T10:00:00`,
	...overrides,
});
const ticket = (id: number, status = 'open', updatedAt = '2025-06-01T10:00:00Z', overrides: IDataObject = {}): IDataObject => ({
	id,
	subject: `Ticket ${id}`,
	status,
	created_at: '2025-06-01T09:00:00Z',
	updated_at: updatedAt,
	...overrides,
});
const fired = (run: PollRun) => run.items.map((item) => [item.json.uuid ?? item.json.id, item.json.event, item.json.previous_state]);
const listCalls = (api: ReturnType<typeof nextpertise>) => api.requests.filter((request) => request.method.startsWith('list_'));

describe('Nextpertise Trigger: New Event', () => {
	test('the first poll records a baseline, a new event fires once, then never again', async () => {
		const api = nextpertise({ list_events: [event(1), event(2)] });
		const polls = poller({ triggerOn: 'event' });

		const first = await polls.poll();
		expect(first.error).toBeUndefined();
		expect(first.result).toBeNull();
		expect(polls.staticData['node:Node Under Test']).toMatchObject({ tracker: { version: 1, seen: { [event(1).uuid as string]: ['', expect.any(Number)] } } });

		api.lists.list_events = [event(3), event(1), event(2)];
		const second = await polls.poll();
		expect(second.error).toBeUndefined();
		expect(second.items).toEqual([{ json: { ...event(3), event: 'new', previous_state: null } }]);

		const third = await polls.poll();
		expect(third.error).toBeUndefined();
		expect(third.result).toBeNull();
		expect(api.requests.every((request) => request.path === '/broadband/v1' && request.method === 'list_events')).toBe(true);
	});

	test('Include Existing: the first poll outputs every event', async () => {
		nextpertise({ list_events: [event(1), event(2)] });
		const run = await poller({ triggerOn: 'event', options: { includeExisting: true } }).poll();
		expect(run.error).toBeUndefined();
		expect(fired(run)).toEqual([
			[event(1).uuid, 'new', null],
			[event(2).uuid, 'new', null],
		]);
	});

	test('an event without uuid is keyed by its id', async () => {
		const api = nextpertise({ list_events: [{ id: 7, type: 'notification' }] });
		const polls = poller({ triggerOn: 'event' });
		await polls.poll();
		api.lists.list_events = [{ id: 7, type: 'notification' }, { id: 8, type: 'notification' }];
		expect(fired(await polls.poll())).toEqual([[8, 'new', null]]);
	});

	test('filters are sent as list_events filter', async () => {
		const api = nextpertise({ list_events: [] });
		const run = await poller({
			triggerOn: 'event',
			eventFilters: { type: 'broadband_event', nid: ' 2408ZE000100200 ', transactionUuid: 'tx-1' },
		}).poll();
		expect(run.error).toBeUndefined();
		expect(api.requests.map((request) => request.params)).toEqual([
			{ filter: { type: 'broadband_event', nid: '2408ZE000100200', transaction_uuid: 'tx-1' }, pagination: { page: 1, per_page: 100 } },
		]);
	});

	test.each([
		[{ nid: '2408 ZE 10' }, 'NID'],
		[{ type: 'everything' }, 'Event Type'],
	])('a bad filter %j fails naming %s before any request', async (eventFilters, field) => {
		const api = nextpertise({ list_events: [event(1)] });
		const polls = poller({ triggerOn: 'event', eventFilters });
		const run = await polls.poll();
		expect(run.error?.message).toContain(`Filters: ${field} must`);
		expect(api.requests).toHaveLength(0);
		expect(polls.staticData).toEqual({});
	});

	test('manual mode returns the newest event; with none a clear error', async () => {
		const api = nextpertise({ list_events: [event(1), event(5), event(3)] });
		const polls = poller({ triggerOn: 'event' });
		const run = await polls.poll('manual');
		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([{ json: { ...event(5), event: 'new', previous_state: null } }]);
		expect(polls.staticData).toEqual({});

		api.lists.list_events = [];
		const none = await polls.poll('manual');
		expect(none.error?.constructor.name).toBe('NodeOperationError');
		expect(none.error?.message).toBe('Nextpertise lists no events that match the filters, so there is no test event');
	});
});

describe('Nextpertise Trigger: Transaction', () => {
	test('a state change fires once with previous_state; a new transaction fires as new', async () => {
		const api = nextpertise({ list_transactions: [transaction(1), transaction(2)] });
		const polls = poller({ triggerOn: 'transaction' });
		expect((await polls.poll()).result).toBeNull();

		api.lists.list_transactions = [transaction(1, 'processing'), transaction(2), transaction(3)];
		const second = await polls.poll();
		expect(second.error).toBeUndefined();
		expect(second.items.map((item) => item.json)).toEqual([
			{ ...transaction(1, 'processing'), event: 'stateChanged', previous_state: 'new' },
			{ ...transaction(3), event: 'new', previous_state: null },
		]);
		expect((await polls.poll()).result).toBeNull();
		expect(api.requests.every((request) => request.path === '/broadband/v1' && request.method === 'list_transactions')).toBe(true);
	});

	test('Events: only State Change', async () => {
		const api = nextpertise({ list_transactions: [transaction(1)] });
		const polls = poller({ triggerOn: 'transaction', transactionEvents: ['stateChanged'] });
		await polls.poll();
		api.lists.list_transactions = [transaction(1, 'finished'), transaction(2)];
		expect(fired(await polls.poll())).toEqual([['tx-1', 'stateChanged', 'new']]);
	});

	test('filters are sent, and checked with the catalogue before any request', async () => {
		const api = nextpertise({ list_transactions: [] });
		const ok = await poller({ triggerOn: 'transaction', transactionFilters: { action: 'migrate_out', nid: '2408ZE000100200' } }).poll();
		expect(ok.error).toBeUndefined();
		expect(api.requests[0].params).toEqual({ filter: { action: 'migrate_out', nid: '2408ZE000100200' }, pagination: { page: 1, per_page: 100 } });

		const badNid = await poller({ triggerOn: 'transaction', transactionFilters: { nid: '2408ze000100200' } }).poll();
		expect(badNid.error?.message).toBe('Filters: NID must match ^[0-9]{4}[A-Z]{2}[0-9]{5}[0-9A-Z]{4}$ (got "2408ze000100200")');
		const badAction = await poller({ triggerOn: 'transaction', transactionFilters: { action: 'sell' } }).poll();
		expect(badAction.error?.message).toBe('Filters: Action must be one of offer, new, migrate, change, terminate, migrate_out (got "sell")');
		expect(api.requests).toHaveLength(1);
	});

	test('changing the filters starts a new baseline', async () => {
		const api = nextpertise({ list_transactions: [transaction(1)] });
		const parameters: Record<string, unknown> = { triggerOn: 'transaction' };
		const polls = poller(parameters);
		await polls.poll();
		parameters.transactionFilters = { action: 'new' };
		api.lists.list_transactions = [transaction(1, 'finished'), transaction(2)];
		expect((await polls.poll()).result).toBeNull();
	});
});

describe('Nextpertise Trigger: Support Ticket', () => {
	test('a new ticket, a new comment (updated_at) and a status change each fire once', async () => {
		const api = nextpertise({ list_tickets: [ticket(100001)] });
		const polls = poller({ triggerOn: 'ticket' });
		expect((await polls.poll()).result).toBeNull();

		api.lists.list_tickets = [ticket(100002, 'new'), ticket(100001)];
		expect(fired(await polls.poll())).toEqual([[100002, 'new', null]]);

		api.lists.list_tickets = [ticket(100001, 'open', '2025-06-02T08:00:00Z'), ticket(100002, 'new')];
		const comment = await polls.poll();
		expect(comment.items.map((item) => item.json)).toEqual([
			{ ...ticket(100001, 'open', '2025-06-02T08:00:00Z'), event: 'stateChanged', previous_state: 'open' },
		]);

		api.lists.list_tickets = [ticket(100001, 'solved', '2025-06-02T09:00:00Z'), ticket(100002, 'new')];
		expect(fired(await polls.poll())).toEqual([[100001, 'stateChanged', 'open']]);
		expect((await polls.poll()).result).toBeNull();
		expect(api.requests.every((request) => request.path === '/support/v1' && request.method === 'list_tickets')).toBe(true);
	});

	test('search and closed are sent; Events: only New Ticket', async () => {
		const api = nextpertise({ list_tickets: [ticket(1)] });
		const polls = poller({ triggerOn: 'ticket', ticketEvents: ['new'], ticketFilters: { search: 'fiber', includeClosed: false } });
		await polls.poll();
		api.lists.list_tickets = [ticket(1, 'solved', '2025-06-03T00:00:00Z'), ticket(2)];
		expect(fired(await polls.poll())).toEqual([[2, 'new', null]]);
		expect(api.requests[0].params).toEqual({ closed: false, filter: { search: 'fiber' }, pagination: { page: 1, per_page: 100 } });
	});
});

describe('Nextpertise Trigger: paging and failures', () => {
	test('one poll reads every page', async () => {
		const rows = Array.from({ length: 250 }, (_, index) => transaction(index + 1));
		const api = nextpertise({ list_transactions: rows });
		const run = await poller({ triggerOn: 'transaction', options: { includeExisting: true } }).poll();
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.uuid)).toEqual(rows.map((row) => row.uuid));
		expect(api.requests.map((request) => request.params.pagination)).toEqual([
			{ page: 1, per_page: 100 },
			{ page: 2, per_page: 100 },
			{ page: 3, per_page: 100 },
		]);
	});

	test(`more than ${MAX_ROWS_PER_POLL} rows: the poll fails, asks for narrower filters and records nothing`, async () => {
		const rows = Array.from({ length: MAX_ROWS_PER_POLL + 1 }, (_, index) => ({ id: index + 1, status: 'open', updated_at: 'x' }));
		const api = nextpertise({ list_tickets: rows });
		const polls = poller({ triggerOn: 'ticket' });
		const run = await polls.poll();
		expect(run.error?.message).toBe('list_tickets lists more than 5,000 tickets');
		expect(run.error?.description).toContain('Narrow the list with the trigger\'s filters');
		expect(polls.staticData).toEqual({});
		expect(listCalls(api)).toHaveLength(51);
	});

	test.each([
		['a JSON-RPC error', [200, { error: { code: 7, message: 'Permission denied', data: { cid: 'c-1' } } }] as [number, unknown]],
		['HTTP 500', [500, { message: 'An unexpected error occurred' }] as [number, unknown]],
	])('%s fails the poll and changes nothing: the next poll still reports the change', async (_name, failure) => {
		const api = nextpertise({ list_transactions: [transaction(1)] });
		const polls = poller({ triggerOn: 'transaction' });
		await polls.poll();
		const before = polls.staticData;
		// The second page fails: rows of the first page must not be recorded either.
		api.lists.list_transactions = [transaction(1, 'cancelled'), ...Array.from({ length: 100 }, (_, index) => transaction(index + 2))];
		api.fail = (request) => ((request.params.pagination as IDataObject).page === 2 ? failure : undefined);
		const failed = await polls.poll();
		expect(failed.error?.message).toMatch(/Permission denied|HTTP 500/);
		expect(failed.result).toBeNull();
		expect(polls.staticData).toEqual(before);

		api.fail = undefined;
		const next = await polls.poll();
		expect(next.error).toBeUndefined();
		expect(fired(next)[0]).toEqual(['tx-1', 'stateChanged', 'new']);
	}, 20_000);
});

describe('Nextpertise Trigger: credentials and redaction', () => {
	test('Basic auth', async () => {
		const api = nextpertise({ list_events: [event(1)] });
		const run = await poller({ triggerOn: 'event' }).poll('manual');
		expect(run.error).toBeUndefined();
		expect(api.requests[0].authorization).toBe(nextpertiseBasicHeader());
	});

	test('JWT: one log-in, the token sent as Bearer', async () => {
		const logins = mockNextpertiseLogins();
		const api = nextpertise({ list_events: [event(1)] });
		const polls = poller({ triggerOn: 'event' }, nextpertiseCredentialStore({ authentication: 'jwt' }));
		const run = await polls.poll();
		expect(run.error).toBeUndefined();
		expect(logins.calls()).toBe(1);
		expect(api.requests[0].authorization).toBe('Bearer jwt-1');
	});

	test('a secret in a row is masked in the output', async () => {
		const api = nextpertise({ list_tickets: [ticket(1)] });
		const polls = poller({ triggerOn: 'ticket' });
		await polls.poll();
		api.lists.list_tickets = [ticket(1), ticket(2, 'new', '2025-06-01T10:00:00Z', { description: `password is ${NEXTPERTISE_PASSWORD}` })];
		const run = await polls.poll();
		expect(run.items).toHaveLength(1);
		expect(JSON.stringify(run.items)).not.toContain(NEXTPERTISE_PASSWORD);
	});
});
