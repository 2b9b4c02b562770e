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

test('example "bulk send": 1000 items in 5 /send calls with 1 token', () => runExample(n8n, 'exKpnSmsBulk'));

test('a second execution reuses the stored token', async () => {
	n8n.sandbox.reset();
	const run = await n8n.execute('exKpnSmsBulk');
	assert.equal(run.code, 0);
	assert.equal(n8n.calls('/accesstoken').length, 0);
	assert.equal(n8n.calls('/send').length, 5);
});

test('429 twice with Retry-After, then all 1000 items delivered once', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(2, { status: 429, retryAfterSeconds: 1 }, { pathIncludes: '/send' });
	const run = await n8n.execute('exKpnSmsBulk');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	assert.deepEqual(n8n.calls('/send').map((entry) => entry.status), [429, 429, 200, 200, 200, 200, 200]);
	assert.equal(nodeOutput(run.json, 'KPN SMS').length, 1000);
});

test('an expired token is replaced once, nothing lost', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.revokeTokens();
	const run = await n8n.execute('exKpnSmsBulk');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	assert.equal(n8n.calls('/accesstoken').length, 1);
	assert.deepEqual(n8n.calls('/send').map((entry) => entry.status), [401, 200, 200, 200, 200, 200]);
});

test('Retry On Fail (on in the example) with a mid-run 500 after delivery: each number delivered once', async () => {
	n8n.sandbox.reset();
	// Call 3 of 5 is carried out by the sandbox, then answered with a 500: n8n runs the node again.
	n8n.sandbox.faults.failNext(1, { kind: 'appliedThen', status: 500 }, { pathIncludes: '/send', skip: 2 });
	const run = await n8n.execute('exKpnSmsBulk');
	assert.equal(run.code, 1, run.stdout + run.stderr);
	assert.deepEqual(n8n.calls('/send').map((entry) => entry.status), [200, 200, 500, 200, 200]);
	const delivered = n8n.sandbox.smsDeliveries().map((sms) => sms.number);
	assert.equal(delivered.length, 1000);
	assert.equal(new Set(delivered).size, 1000);
	const error = runError(run.json);
	assert.match(error.description, /Items 400–599 may have been sent in an earlier try of this node \(Retry On Fail\)/);
	assert.match(error.description, /items WERE sent \(items 0–199: document [^,]+, items 200–399: document [^,]+, items 600–799/);
});

test('a /send answered with a redirect to another host: not followed, the token stays here; Retry On Fail sends it again', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(1, { kind: 'redirect', status: 307 }, { pathIncludes: '/send' });
	const run = await n8n.execute('exKpnSmsBulk');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	// Nothing reached the other host; the refused call was never carried out, so the next try sent it.
	assert.deepEqual(n8n.sandbox.foreign.log, []);
	assert.deepEqual(n8n.calls('/send').map((entry) => entry.status), [307, 200, 200, 200, 200, 200]);
	const delivered = n8n.sandbox.smsDeliveries().map((sms) => sms.number);
	assert.equal(new Set(delivered).size, 1000);
	assert.equal(delivered.length, 1000);
	assert.equal(nodeOutput(run.json, 'KPN SMS').length, 1000);
});

test('a number in the 069 range fails the node with a clear error and sends nothing', async () => {
	n8n.sandbox.reset();
	const run = await n8n.execute('e2eSmsBadNumber');
	assert.equal(run.code, 1);
	const error = runError(run.json);
	assert.match(error.message, /Item 0: Recipients: "0691234567" is in the 069 range, which KPN does not accept for SMS/);
	assert.equal(n8n.calls('/send').length, 0);
});
