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

test('example "mobile services": list → update subscriber (merged) → basket → order', async () => {
	const run = await n8n.execute('exKpnMobile');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	const [subscriber] = nodeOutput(run.json, 'First Subscriber');
	const [put] = n8n.calls(`/hierarchy/subscribers/${subscriber.json.id}`).filter((entry) => entry.method === 'PUT');
	assert.equal(put.body.subscriber.comments, 'Moved to Utrecht');
	assert.equal(put.body.subscriber.firstName, subscriber.json.firstName, 'fields the user did not change are sent back unchanged');
	assert.equal(put.body.referenceNumber, `n8n-${subscriber.json.id}`);
	const [order] = nodeOutput(run.json, 'Order');
	assert.ok(order.json.orderId);
	assert.equal(n8n.calls('/contracting/basket/order').length, 1);
	assert.equal(n8n.calls('/grip/msm/accesstoken').length, 1, 'one MSM token for the whole run');
});

test('an order answered 503 is reported and not repeated', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(3, { status: 503 }, { pathIncludes: '/contracting/basket/order' });
	const run = await n8n.execute('exKpnMobile');
	assert.equal(run.code, 1);
	assert.match(runError(run.json).message, /KPN: /);
	assert.equal(n8n.calls('/contracting/basket/order').length, 1);
});

test('example "fleet report": hierarchy, contract products (flattened), subscriber, main products', async () => {
	n8n.sandbox.reset();
	const run = await n8n.execute('exKpnMobileReport');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	assert.ok(nodeOutput(run.json, 'Top of the Hierarchy').length > 0);
	const rows = nodeOutput(run.json, 'Contract Products');
	assert.ok(rows.length > 3, 'one row per product of the three contracts');
	assert.ok(rows.every((row) => typeof row.json.path === 'string'));
	assert.equal(n8n.calls('/items').length, 3);
	assert.equal(nodeOutput(run.json, 'Subscriber Details')[0].json.id, 1234567);
	assert.ok(nodeOutput(run.json, 'Available Main Products').length > 0);
});
