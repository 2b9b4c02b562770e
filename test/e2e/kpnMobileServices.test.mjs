import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { prepareN8n, runError } from './context.mjs';
import { runExample } from './examples.mjs';

let n8n;
before(async () => {
	n8n = await prepareN8n();
});
after(async () => {
	await n8n?.close();
});

test('example "mobile services": list → update subscriber (merged) → basket → order', () => runExample(n8n, 'exKpnMobile'));

test('an order answered 503 is reported and not repeated', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(3, { status: 503 }, { pathIncludes: '/contracting/basket/order' });
	const run = await n8n.execute('exKpnMobile');
	assert.equal(run.code, 1);
	assert.match(runError(run.json).message, /KPN: /);
	assert.equal(n8n.calls('/contracting/basket/order').length, 1);
});

test('example "fleet report": hierarchy, contract products (flattened), subscriber, main products', () => runExample(n8n, 'exKpnMobileReport'));
