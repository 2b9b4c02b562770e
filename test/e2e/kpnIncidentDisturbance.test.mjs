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

test('example "incident lifecycle": create, comment, close, reopen, get many, get', () => runExample(n8n, 'exKpnIncident'));

test('incident create answered 503 is reported once and never re-sent', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(3, { status: 503 }, { pathIncludes: '/NewIncident' });
	const run = await n8n.execute('exKpnIncident');
	assert.equal(run.code, 1);
	assert.match(runError(run.json).message, /KPN: /);
	assert.equal(n8n.calls('/NewIncident').length, 1);
	assert.equal(n8n.calls('/UpdateIncident').length, 0);
});

test('example "open disturbances": every open disturbance, simplified', () => runExample(n8n, 'exKpnDisturbances'));

test('disturbance reads are retried after a 503', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(1, { status: 503 }, { pathIncludes: '/failures' });
	const run = await n8n.execute('exKpnDisturbances');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	assert.deepEqual(n8n.calls('/failures').map((entry) => entry.status), [503, 200]);
});
