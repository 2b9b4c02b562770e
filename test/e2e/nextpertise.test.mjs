import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { nodeOutput, prepareN8n, runError } from './context.mjs';

let n8n;
before(async () => {
	n8n = await prepareN8n();
});
after(async () => {
	await n8n?.close();
});

const rpc = (path) => n8n.calls(path).filter((entry) => entry.method === 'POST');
const methods = (path) => rpc(path).map((entry) => entry.body?.method);

test('example "order connection": postcode → house numbers → availability → order → transaction', async () => {
	n8n.sandbox.reset();
	const run = await n8n.execute('exNxpOrder');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	const [houses] = nodeOutput(run.json, 'House Numbers');
	assert.ok(houses.json.housenrs.includes(9), 'the document\'s house number 9 of 2408ZE');
	const [availability] = nodeOutput(run.json, 'Check Availability');
	assert.equal(availability.json.address.zipcode, '2408ZE');
	assert.ok(Object.keys(availability.json.available).length > 0, 'providers available');
	assert.equal(typeof availability.json.hasErrors, 'boolean');
	assert.ok(Array.isArray(availability.json.providerErrors));
	const [order] = nodeOutput(run.json, 'Order Connection');
	assert.match(order.json.orderid, /^2408ZE00009\d{4}$/);
	const [transaction] = nodeOutput(run.json, 'Get Transaction');
	assert.equal(transaction.json.uuid, order.json.transaction_uuid);
	assert.equal(transaction.json.nid, order.json.orderid);

	assert.deepEqual(methods('/postcodes/v1'), ['get_housenrs']);
	assert.deepEqual(rpc('/postcodes/v1')[0].body.params, { zipcode: '2408ZE' }, 'the postcode "2408 ZE" was normalised');
	assert.deepEqual(methods('/broadband/v1'), ['zipcode', 'order_connection', 'get_transaction']);
	const [sentOrder] = rpc('/broadband/v1').filter((entry) => entry.body.method === 'order_connection');
	assert.deepEqual(sentOrder.body.params, {
		zipcode: '2408ZE',
		housenr: 9,
		carrier: 635,
		circuit: [{ circuit: 514, vlan: 6 }],
		sla: 606,
		contract_duration: 12,
		contact_name: 'Mrs. Your Client',
		contact_phonenumber: '0101234567',
		enduser: { uuid: 'abcde123-0123-4abc-9876-012345678912' },
		confirm: { 'Terminate Voice': false },
	});
	assert.equal(n8n.calls('/jwt/log-in').length, 1, 'one JWT log-in for the whole run');
});

test('example "support ticket": create → get', async () => {
	n8n.sandbox.reset();
	const run = await n8n.execute('exNxpTicket');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	const [created] = nodeOutput(run.json, 'Create Ticket');
	assert.ok(Number.isInteger(created.json.id));
	const [ticket] = nodeOutput(run.json, 'Get Ticket');
	assert.equal(ticket.json.id, created.json.id);
	assert.equal(ticket.json.subject, 'Connection down for Nextpertise Office');
	assert.match(ticket.json.description, /John Doe/);
	assert.deepEqual(methods('/support/v1'), ['create_ticket', 'get_ticket']);
});

test('example "list connections": Return All follows next_page over 3 pages', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.setNextpertiseRows('list_connections', 250);
	const run = await n8n.execute('exNxpConnections');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	assert.equal(nodeOutput(run.json, 'All Connections').length, 250);
	const pages = rpc('/broadband/v1').map((entry) => entry.body.params.pagination);
	assert.deepEqual(pages, [
		{ page: 1, per_page: 100 },
		{ page: 2, per_page: 100 },
		{ page: 3, per_page: 100 },
	]);
});

test('JSON-RPC error 002 and bad input become error items with Continue On Fail; bad input is never sent', async () => {
	n8n.sandbox.reset();
	const run = await n8n.execute('e2eNxpUnknownAddr');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	const [unknown] = nodeOutput(run.json, 'Check Unknown Address');
	assert.match(unknown.json.error, /^Nextpertise error 002: /);
	const [bad] = nodeOutput(run.json, 'Bad Postcode');
	assert.match(bad.json.error, /zipcode/);
	assert.match(bad.json.error, /2408ZE/, 'the message shows the expected format by example');
	assert.deepEqual(methods('/postcodes/v1'), [], 'the bad postcode was refused before any request');
});

test('an order answered 503 is reported once and never re-sent', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(3, { status: 503 }, { pathIncludes: '/broadband/v1' });
	const run = await n8n.execute('e2eNxpOrderOnly');
	assert.equal(run.code, 1);
	assert.match(runError(run.json).message, /Nextpertise is temporarily unavailable \(HTTP 503\)/);
	assert.equal(rpc('/broadband/v1').length, 1);
});

test('a JSON-RPC error on an order fails the run with the documented meaning', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(1, { kind: 'jsonRpcError', code: '005' }, { pathIncludes: '/broadband/v1' });
	const run = await n8n.execute('e2eNxpOrderOnly');
	assert.equal(run.code, 1);
	const error = runError(run.json);
	assert.match(error.message, /^Nextpertise error 005: /);
	assert.equal(rpc('/broadband/v1').length, 1);
});
