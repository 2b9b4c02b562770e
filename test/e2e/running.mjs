// Helpers for tests against a running n8n (`n8n start`, regular or queue mode) and the sandbox.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits until `check()` (sync or async) is truthy; fails the test after `timeoutMs`. */
export async function until(what, check, timeoutMs = 45_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await sleep(250);
	}
	assert.fail(`timed out waiting for ${what}`);
}

/** The executions n8n saved for a workflow (every status, newest first), through its REST API. */
export async function savedExecutions(url, headers, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await fetch(`${url}/rest/executions?filter=${filter}&limit=100`, { headers });
	assert.equal(response.status, 200, await response.clone().text());
	return (await response.json()).data.results;
}

/** Orders a connection straight at the sandbox's Nextpertise API; returns `{orderid, transaction_uuid}`. */
export async function orderConnection(sandboxUrl) {
	const login = Buffer.from('sandbox-user:sandbox-password').toString('base64');
	const response = await fetch(`${sandboxUrl}/broadband/v1`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Basic ${login}` },
		body: JSON.stringify({
			jsonrpc: '2.0',
			id: 1,
			method: 'order_connection',
			params: { zipcode: '2408ZE', housenr: 10, housenrext: 'A', carrier: 633, circuit: [{ circuit: 272, vlan: 6 }], sla: 606 },
		}),
	});
	const reply = await response.json();
	assert.ok(reply.result?.orderid, JSON.stringify(reply));
	return reply.result;
}
