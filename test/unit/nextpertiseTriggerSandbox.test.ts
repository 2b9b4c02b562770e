// The Nextpertise Trigger against the sandbox, which validates every request with the catalogue:
// writes made through the API show up as new events, transactions and tickets; admin changes as updates.
import type { IDataObject } from 'n8n-workflow';

import { NextpertiseTrigger } from '../../nodes/Nextpertise/NextpertiseTrigger.node';
import type { CredentialStore } from '../harness/credentialStore';
import { runPoll, type PollRun } from '../harness/runPoll';
import { useSandbox } from '../harness/sandboxSuite';
import { NEXTPERTISE_SANDBOX_PASSWORD, NEXTPERTISE_SANDBOX_USERNAME } from '../sandbox/server';

const suite = useSandbox();
const trigger = new NextpertiseTrigger();
const BASIC = `Basic ${Buffer.from(`${NEXTPERTISE_SANDBOX_USERNAME}:${NEXTPERTISE_SANDBOX_PASSWORD}`).toString('base64')}`;

/** One JSON-RPC call to the sandbox; returns its result. */
async function call(path: string, method: string, params: IDataObject): Promise<IDataObject> {
	const response = await fetch(`${suite.sandbox().url}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: BASIC },
		body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
	});
	const body = (await response.json()) as { result?: IDataObject; error?: unknown };
	if (body.error) throw new Error(JSON.stringify(body.error));
	return body.result!;
}

async function admin(method: string, path: string, body: unknown): Promise<{ status: number; body: IDataObject }> {
	const response = await fetch(`${suite.sandbox().url}/__sandbox${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as IDataObject };
}

const order = async () =>
	await call('/broadband/v1', 'order_connection', { zipcode: '2408ZE', housenr: 10, housenrext: 'A', carrier: 633, circuit: [{ circuit: 272, vlan: 6 }], sla: 606 });

function poller(parameters: Record<string, unknown>, credentials: CredentialStore = suite.nextpertiseCredentials()) {
	let staticData: IDataObject = {};
	return {
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollRun> {
			const run = await runPoll({ nodeType: trigger, parameters: parameters as never, credentials, staticData, mode });
			if (mode === 'trigger') staticData = run.staticData;
			if (run.error) throw run.error;
			return run;
		},
	};
}

const listCalls = (method: string) =>
	suite.sandbox().log.filter((entry) => (entry.body as IDataObject | undefined)?.method === method);

test('order_connection, then a poll: one new event and one new transaction', async () => {
	const events = poller({ triggerOn: 'event' });
	const transactions = poller({ triggerOn: 'transaction' }, suite.nextpertiseCredentials('jwt'));
	expect((await events.poll()).result).toBeNull();
	expect((await transactions.poll()).result).toBeNull();

	const ordered = await order();
	const newEvents = await events.poll();
	expect(newEvents.items.map((item) => item.json)).toEqual([
		expect.objectContaining({
			type: 'apirequest',
			method: 'broadband.order_connection',
			nid: ordered.orderid,
			transaction_uuid: ordered.transaction_uuid,
			event: 'new',
			previous_state: null,
		}),
	]);
	const newTransactions = await transactions.poll();
	expect(newTransactions.items.map((item) => item.json)).toEqual([
		expect.objectContaining({ uuid: ordered.transaction_uuid, state: 'new', event: 'new', previous_state: null }),
	]);
	expect((await events.poll()).result).toBeNull();
	expect((await transactions.poll()).result).toBeNull();
});

test('PATCH a transaction\'s state: one state change; cancel_transaction: another, and its event', async () => {
	const ordered = await order();
	const transactions = poller({ triggerOn: 'transaction', transactionEvents: ['stateChanged'] });
	const events = poller({ triggerOn: 'event', eventFilters: { transactionUuid: ordered.transaction_uuid } });
	await transactions.poll();
	await events.poll();

	const patched = await admin('PATCH', `/nextpertise/transactions/${String(ordered.transaction_uuid)}`, { state: 'processing' });
	expect(patched.status).toBe(200);
	const change = await transactions.poll();
	expect(change.items.map((item) => [item.json.uuid, item.json.state, item.json.event, item.json.previous_state])).toEqual([
		[ordered.transaction_uuid, 'processing', 'stateChanged', 'new'],
	]);
	expect((await transactions.poll()).result).toBeNull();

	await call('/broadband/v1', 'cancel_transaction', { uuid: ordered.transaction_uuid });
	expect((await transactions.poll()).items.map((item) => [item.json.state, item.json.previous_state])).toEqual([['cancelled', 'processing']]);
	expect((await events.poll()).items.map((item) => item.json.method)).toEqual(['broadband.cancel_transaction']);
	expect(listCalls('list_events').every((entry) => ((entry.body as IDataObject).params as IDataObject).filter !== undefined)).toBe(true);

	expect((await admin('PATCH', '/nextpertise/transactions/nope', { state: 'finished' })).status).toBe(404);
});

test('tickets: create_ticket fires New Ticket, update_ticket and PATCH fire Ticket Updated', async () => {
	const tickets = poller({ triggerOn: 'ticket' });
	await tickets.poll();
	const created = await call('/support/v1', 'create_ticket', { subject: 'Connection down', comment: 'Router reboot did not help.' });
	expect((await tickets.poll()).items.map((item) => [item.json.id, item.json.event])).toEqual([[created.id, 'new']]);

	// Same second as create_ticket would leave updated_at unchanged for a comment; the status changes to open.
	await call('/support/v1', 'update_ticket', { id: created.id, comment: { body: 'Still down.' } });
	expect((await tickets.poll()).items.map((item) => [item.json.id, item.json.status, item.json.previous_state])).toEqual([[created.id, 'open', 'new']]);

	const patched = await admin('PATCH', `/nextpertise/tickets/${String(created.id)}`, { status: 'solved' });
	expect(patched.body).toMatchObject({ id: created.id, status: 'solved' });
	expect((await tickets.poll()).items.map((item) => [item.json.status, item.json.event, item.json.previous_state])).toEqual([['solved', 'stateChanged', 'open']]);
	expect((await tickets.poll()).result).toBeNull();
	expect((await admin('PATCH', '/nextpertise/tickets/1', { status: 'solved' })).status).toBe(404);
});

test('admin events: stored with uuid, id and created_at; the type filter applies to them', async () => {
	const notifications = poller({ triggerOn: 'event', eventFilters: { type: 'notification' } });
	await notifications.poll();
	const added = await admin('POST', '/nextpertise/events', {
		events: [{ type: 'notification', nid: '2408ZE000100200', recipient: 'noc@example.com' }, { nid: '2408ZE000100200' }],
	});
	expect(added.body.events).toEqual([
		expect.objectContaining({ type: 'notification', id: 1_000_001, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), created_at: expect.any(String) }),
		expect.objectContaining({ type: 'apirequest', id: 1_000_002 }),
	]);
	const run = await notifications.poll();
	expect(run.items.map((item) => [item.json.id, item.json.type, item.json.recipient])).toEqual([[1_000_001, 'notification', 'noc@example.com']]);
	expect((await admin('POST', '/nextpertise/events', { events: 'x' })).status).toBe(400);
	expect(suite.sandbox().nextpertiseState().events).toHaveLength(2);
	suite.sandbox().reset();
	expect(suite.sandbox().nextpertiseState().events).toEqual([]);
});

test('one poll reads every page; manual mode returns the newest', async () => {
	suite.sandbox().setNextpertiseRows('list_transactions', 230);
	const ordered = await order();
	const run = await poller({ triggerOn: 'transaction', options: { includeExisting: true } }).poll();
	expect(run.items).toHaveLength(231);
	expect(run.items[230].json.uuid).toBe(ordered.transaction_uuid);
	expect(listCalls('list_transactions').map((entry) => ((entry.body as IDataObject).params as IDataObject).pagination)).toEqual([
		{ page: 1, per_page: 100 },
		{ page: 2, per_page: 100 },
		{ page: 3, per_page: 100 },
	]);

	const events = suite.sandbox().addNextpertiseEvents([{ type: 'broadband_event' }]);
	const manual = await poller({ triggerOn: 'event' }).poll('manual');
	expect(manual.items.map((item) => item.json.uuid)).toEqual([events[0].uuid]);
});
