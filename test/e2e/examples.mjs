// What a run of each example workflow (examples/) must give in real n8n: the run's outcome, its
// main node's output and the calls the sandbox received. Shared by the e2e files of every n8n line.
import assert from 'node:assert/strict';

import { exampleWorkflows } from '../../scripts/project.mjs';
import { nodeOutput } from './context.mjs';

/** Trigger types that `n8n execute` can start; any other trigger only runs in an active workflow. */
const MANUAL_TRIGGERS = new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.start']);

/** True if the workflow starts at a trigger that has to be activated (polling, webhook, …). */
export function needsActiveTrigger(workflow) {
	return workflow.nodes.some((node) => /trigger$/i.test(node.type) && !MANUAL_TRIGGERS.has(node.type));
}

/**
 * The example workflows (examples/*.json) in the order that runs them fastest in one user folder:
 * those whose checks count token requests first, so that no credentials need re-importing.
 */
export function examplesInRunOrder() {
	const first = (workflow) => (EXAMPLES[workflow.id]?.freshCredentials ? 0 : 1);
	return exampleWorkflows().sort((a, b) => first(a) - first(b));
}

const rpc = (n8n, path) => n8n.calls(path).filter((entry) => entry.method === 'POST');
const methods = (n8n, path) => rpc(n8n, path).map((entry) => entry.body?.method);

/**
 * Per example id: `prepare(n8n)` (optional, sets up the sandbox) and `check(run, n8n)`.
 * `freshCredentials`: the check counts token requests, so the run must start with credentials that
 * hold no token (runExample re-imports them if an earlier run may have stored one).
 */
export const EXAMPLES = {
	exKpnSmsBulk: {
		freshCredentials: true,
		check(run, n8n) {
			assert.equal(run.code, 0, run.stdout + run.stderr);
			const items = nodeOutput(run.json, 'KPN SMS');
			assert.equal(items.length, 1000);
			assert.equal(items[0].json.status, 'OK');
			assert.deepEqual(items[0].json.recipients, ['+31610000000']);
			assert.deepEqual(items[999].pairedItem, { item: 999 });
			assert.equal(new Set(items.map((item) => item.json.document_id)).size, 5);
			assert.equal(n8n.calls('/send').length, 5);
			assert.ok(n8n.calls('/send').every((entry) => entry.status === 200));
			assert.equal(n8n.calls('/accesstoken').length, 1);
			const sent = n8n.calls('/send').flatMap((entry) => entry.body.messages);
			assert.equal(sent.length, 1000);
			assert.equal(sent[0].content, 'Storing opgelost. Bericht voor 0610000000.');
		},
	},

	exKpnSmsSendDlr: {
		check(run, n8n) {
			assert.equal(run.code, 0, run.stdout + run.stderr);
			assert.equal(nodeOutput(run.json, 'KPN SMS').length, 8);
			const [call] = n8n.calls('/send');
			assert.equal(n8n.calls('/send').length, 1);
			assert.equal(call.body.messages.length, 8);
			assert.match(call.body.webhook_url, /^http:\/\/127\.0\.0\.1:\d+\/webhook\/[0-9a-f-]{36}\/delivery-report\?token=.+$/);
		},
	},

	exKpnIncident: {
		check(run, n8n) {
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
		},
	},

	exKpnDisturbances: {
		check(run, n8n) {
			assert.equal(run.code, 0, run.stdout + run.stderr);
			const items = nodeOutput(run.json, 'Open Disturbances');
			assert.equal(items.length, 10);
			assert.ok(items.every((item) => item.json.state === 'open'));
			assert.equal(n8n.calls('/failures')[0].query.state, 'open');
		},
	},

	exKpnMobile: {
		freshCredentials: true,
		check(run, n8n) {
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
		},
	},

	exKpnMobileReport: {
		check(run, n8n) {
			assert.equal(run.code, 0, run.stdout + run.stderr);
			assert.ok(nodeOutput(run.json, 'Top of the Hierarchy').length > 0);
			const rows = nodeOutput(run.json, 'Contract Products');
			assert.ok(rows.length > 3, 'one row per product of the three contracts');
			assert.ok(rows.every((row) => typeof row.json.path === 'string'));
			assert.equal(n8n.calls('/items').length, 3);
			assert.equal(nodeOutput(run.json, 'Subscriber Details')[0].json.id, 1234567);
			assert.ok(nodeOutput(run.json, 'Available Main Products').length > 0);
		},
	},

	exNxpOrder: {
		freshCredentials: true,
		check(run, n8n) {
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

			assert.deepEqual(methods(n8n, '/postcodes/v1'), ['get_housenrs']);
			assert.deepEqual(rpc(n8n, '/postcodes/v1')[0].body.params, { zipcode: '2408ZE' }, 'the postcode "2408 ZE" was normalised');
			assert.deepEqual(methods(n8n, '/broadband/v1'), ['zipcode', 'order_connection', 'get_transaction']);
			const [sentOrder] = rpc(n8n, '/broadband/v1').filter((entry) => entry.body.method === 'order_connection');
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
		},
	},

	exNxpTicket: {
		check(run, n8n) {
			assert.equal(run.code, 0, run.stdout + run.stderr);
			const [created] = nodeOutput(run.json, 'Create Ticket');
			assert.ok(Number.isInteger(created.json.id));
			const [ticket] = nodeOutput(run.json, 'Get Ticket');
			assert.equal(ticket.json.id, created.json.id);
			assert.equal(ticket.json.subject, 'Connection down for Nextpertise Office');
			assert.match(ticket.json.description, /John Doe/);
			assert.deepEqual(methods(n8n, '/support/v1'), ['create_ticket', 'get_ticket']);
		},
	},

	exNxpConnections: {
		prepare(n8n) {
			n8n.sandbox.setNextpertiseRows('list_connections', 250);
		},
		check(run, n8n) {
			assert.equal(run.code, 0, run.stdout + run.stderr);
			assert.equal(nodeOutput(run.json, 'All Connections').length, 250);
			const pages = rpc(n8n, '/broadband/v1').map((entry) => entry.body.params.pagination);
			assert.deepEqual(pages, [
				{ page: 1, per_page: 100 },
				{ page: 2, per_page: 100 },
				{ page: 3, per_page: 100 },
			]);
		},
	},
};

/**
 * Runs an example on a reset sandbox and checks it (EXAMPLES); returns the run.
 * @param {Awaited<ReturnType<typeof import('./context.mjs').prepareN8n>>} n8n
 */
export async function runExample(n8n, id) {
	const example = EXAMPLES[id];
	assert.ok(example, `test/e2e/examples.mjs has no check for the example workflow "${id}"`);
	if (example.freshCredentials) await n8n.freshCredentials(id);
	n8n.sandbox.reset();
	await example.prepare?.(n8n);
	const run = await n8n.execute(id);
	example.check(run, n8n);
	return run;
}
