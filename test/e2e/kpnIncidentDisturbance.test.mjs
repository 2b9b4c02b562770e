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

test('example "incident lifecycle": create, comment, close, reopen, get many, get', async () => {
	const run = await n8n.execute('exKpnIncident');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	const created = nodeOutput(run.json, 'Create Incident')[0].json;
	assert.match(created.ticket_number, /^INC\d+$/);
	const read = nodeOutput(run.json, 'Get Incident')[0].json;
	assert.equal(read.ticket_number ?? read.number, created.ticket_number);
	assert.doesNotMatch(String(read.state), /Closed/);
	const active = nodeOutput(run.json, 'Active Incidents').map((item) => item.json.ticket_number ?? item.json.number);
	assert.ok(active.includes(created.ticket_number), 'the reopened incident is active again');
	assert.deepEqual(
		n8n.sandbox.log.map((entry) => `${entry.method} ${entry.path.replace(/^.*\/incident/, '')}`).filter((line) => !line.includes('accesstoken')),
		['POST /NewIncident', 'PATCH /UpdateIncident', 'PATCH /UpdateIncident', 'PATCH /UpdateIncident', 'GET /GetActiveIncidents', `GET /GetIncident/${created.ticket_number}`],
	);
	assert.deepEqual(n8n.calls('/UpdateIncident').map((entry) => entry.body.action), ['Comment', 'Close', 'Reopen']);
});

test('incident create answered 503 is reported once and never re-sent', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(3, { status: 503 }, { pathIncludes: '/NewIncident' });
	const run = await n8n.execute('exKpnIncident');
	assert.equal(run.code, 1);
	assert.match(runError(run.json).message, /KPN: /);
	assert.equal(n8n.calls('/NewIncident').length, 1);
	assert.equal(n8n.calls('/UpdateIncident').length, 0);
});

test('example "open disturbances": every open disturbance, simplified', async () => {
	n8n.sandbox.reset();
	const run = await n8n.execute('exKpnDisturbances');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	const items = nodeOutput(run.json, 'Open Disturbances');
	assert.equal(items.length, 10);
	assert.ok(items.every((item) => item.json.state === 'open'));
	assert.equal(n8n.calls('/failures')[0].query.state, 'open');
});

test('disturbance reads are retried after a 503', async () => {
	n8n.sandbox.reset();
	n8n.sandbox.faults.failNext(1, { status: 503 }, { pathIncludes: '/failures' });
	const run = await n8n.execute('exKpnDisturbances');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	assert.deepEqual(n8n.calls('/failures').map((entry) => entry.status), [503, 200]);
});
