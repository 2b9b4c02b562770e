import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { nodeOutput, prepareN8n, runError } from './context.mjs';
import { runExample } from './examples.mjs';

let n8n;
before(async () => {
	n8n = await prepareN8n();
});
after(async () => {
	await n8n?.close();
});

const rpc = (path) => n8n.calls(path).filter((entry) => entry.method === 'POST');
const methods = (path) => rpc(path).map((entry) => entry.body?.method);

test('example "order connection": postcode → house numbers → availability → order → transaction', () => runExample(n8n, 'exNxpOrder'));

test('example "support ticket": create → get', () => runExample(n8n, 'exNxpTicket'));

test('example "list connections": Return All follows next_page over 3 pages', () => runExample(n8n, 'exNxpConnections'));

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
