// Events start workflows in a running n8n (`n8n start`, the workflows published): KPN SMS delivery
// reports posted by the sandbox to the KPN SMS Trigger's production URL, and the Nextpertise
// Trigger polling list_events and list_transactions.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort, importWorkflows, runN8n, setupOwner, startEditor } from '../../scripts/n8n/instance.mjs';
import { exampleWorkflows, withN8nPort } from '../../scripts/project.mjs';
import { prepareN8n } from './context.mjs';
import { orderConnection, savedExecutions, until } from './running.mjs';

const SEND_EXAMPLE = 'exKpnSmsSendDlr';
const REPORTS_EXAMPLE = 'exKpnSmsDlr';
const NEXTPERTISE_EXAMPLE = 'exNxpChangesSms';
const FALLBACK_NUMBER = '+31612345699';

let n8n;
let editor;
let auth;
let reportUrl;

const executions = (workflowId) => savedExecutions(editor.url, auth.headers, workflowId);
const smsTo = (number) => n8n.calls('/send').flatMap((entry) => entry.body.messages).filter((message) => message.mobile_number === number);

before(async () => {
	n8n = await prepareN8n();
	// The examples point at n8n on 127.0.0.1:5678 (npm run dev); this n8n gets a free port.
	const port = await freePort();
	const onThisPort = withN8nPort(
		exampleWorkflows().filter((workflow) => [SEND_EXAMPLE, REPORTS_EXAMPLE].includes(workflow.id)),
		port,
	);
	await importWorkflows({ userFolder: n8n.userFolder, workflows: onThisPort });
	const sendNode = onThisPort.find((workflow) => workflow.id === SEND_EXAMPLE).nodes.find((node) => node.name === 'KPN SMS');
	reportUrl = sendNode.parameters.options.webhookUrl;
	for (const id of [REPORTS_EXAMPLE, NEXTPERTISE_EXAMPLE]) {
		const published = await runN8n({ userFolder: n8n.userFolder, args: ['publish:workflow', `--id=${id}`] });
		assert.equal(published.code, 0, published.stdout + published.stderr);
	}

	// The SMS is sent while n8n is not running yet: KPN's first delivery attempts fail and its
	// retries (60 s, 120 s, 240 s; a quarter of that here) reach the trigger once n8n is up.
	n8n.sandbox.deliveryReports.configure({ statuses: [1, 1, 1, 4], errorCodes: ['006'], retryScale: 0.25, concurrency: 8 });
	const sent = await n8n.execute(SEND_EXAMPLE);
	assert.equal(sent.code, 0, sent.stdout + sent.stderr);

	editor = await startEditor({ userFolder: n8n.userFolder, port, log: (line) => /rror/.test(line) && console.log(`# n8n: ${line}`) });
	auth = await setupOwner(editor.url, { log: () => {} });
});

after(async () => {
	await editor?.stop();
	await n8n?.close();
});

test('delivery reports of the example send: KPN retries reach n8n, one execution per report, failures texted to the fallback number', async () => {
	assert.equal(n8n.calls('/send').length, 1, 'the 8 numbers went out in one /send call');
	await until('every report delivered', () => n8n.sandbox.deliveryReports.isIdle(), 150_000);
	const attempts = n8n.sandbox.deliveryReports.attempts;
	const counters = n8n.sandbox.deliveryReports.counters();
	assert.equal(counters.posts, 8);
	assert.equal(counters.delivered, 8, JSON.stringify(attempts));
	assert.equal(counters.givenUp, 0);
	assert.ok(attempts.some((attempt) => attempt.status === 0), 'the first attempts found n8n down');

	await until('8 executions', async () => (await executions(REPORTS_EXAMPLE)).length >= 8);
	await sleep(2_000);
	const runs = await executions(REPORTS_EXAMPLE);
	assert.equal(runs.length, 8, 'one execution per report');
	const failed = runs.filter((run) => run.status !== 'success');
	const details = await Promise.all(
		failed.map((run) => fetch(`${editor.url}/rest/executions/${run.id}`, { headers: auth.headers }).then((response) => response.text())),
	);
	assert.deepEqual(failed, [], details.map((text) => text.slice(0, 3000)).join('\n'));

	await until('the fallback SMS', () => smsTo(FALLBACK_NUMBER).length >= 2);
	const texts = smsTo(FALLBACK_NUMBER).map((message) => message.content).sort();
	assert.deepEqual(texts, [
		'SMS aan +31612345673 niet afgeleverd: Failed (006 Recipient handset is temporarily unavailable or busy)',
		'SMS aan +31612345677 niet afgeleverd: Failed (006 Recipient handset is temporarily unavailable or busy)',
	]);
});

test('a report KPN sends again starts no second execution', async () => {
	const before = (await executions(REPORTS_EXAMPLE)).length;
	n8n.sandbox.deliveryReports.configure({ statuses: [1], duplicates: 2, retryScale: 0.001, concurrency: 1 });
	const { posts } = n8n.sandbox.deliveryReports.generate(reportUrl, 5, { status: 1 });
	assert.equal(posts, 15, '5 reports, each posted 3 times');
	await until('the reports posted', () => n8n.sandbox.deliveryReports.isIdle(), 60_000);
	await until('5 executions', async () => (await executions(REPORTS_EXAMPLE)).length >= before + 5);
	await sleep(2_000);
	assert.equal((await executions(REPORTS_EXAMPLE)).length, before + 5);
	const answers = n8n.sandbox.deliveryReports.attempts.slice(-15).map((attempt) => attempt.status);
	assert.deepEqual(answers, Array(15).fill(200), 'repeats are answered 200 so KPN stops retrying');
});

test('a POST without the secret gets 401, a malformed one 400; neither starts the workflow', async () => {
	const before = (await executions(REPORTS_EXAMPLE)).length;
	const withoutSecret = reportUrl.replace(/\?.*$/, '');
	const report = { document_id: 'doc-e2e', mobile_number: '+31612345678', status: 4, StatusDateTime: 1_764_680_000, error_code: '002' };
	const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	const refused = await post(withoutSecret, report);
	assert.equal(refused.status, 401);
	assert.deepEqual(await refused.json(), { error: 'Unauthorized: missing or wrong secret' });
	assert.equal((await post(`${withoutSecret}?token=wrong`, report)).status, 401);
	const malformed = await post(reportUrl, { document_id: 'doc-e2e', status: 1 });
	assert.equal(malformed.status, 400);
	assert.deepEqual(await malformed.json(), { error: 'Not a delivery report: the report has no mobile_number' });
	await sleep(2_000);
	assert.equal((await executions(REPORTS_EXAMPLE)).length, before);

	const accepted = await post(reportUrl, report);
	assert.equal(accepted.status, 200);
	assert.deepEqual(await accepted.json(), { received: 1, fired: 1, repeated: 0 });
	await until('its execution', async () => (await executions(REPORTS_EXAMPLE)).length === before + 1);
});

test('Nextpertise Trigger: one SMS per new event and per transaction state change', async () => {
	const listCalls = (method) => n8n.calls('/broadband/v1').filter((entry) => entry.body?.method === method);
	// n8n polls each trigger once a minute; the first poll only records what exists.
	await until('the first polls', () => listCalls('list_events').length >= 1 && listCalls('list_transactions').length >= 1, 90_000);
	const orderTexts = () => n8n.calls('/send').flatMap((entry) => entry.body.messages).filter((message) => message.mobile_number === '+31612345678');
	assert.equal(orderTexts().length, 0, 'what existed before is not texted');

	const { orderid: nid, transaction_uuid: uuid } = await orderConnection(n8n.sandbox.url);

	await until('SMS for the new event and the new transaction', () => orderTexts().length >= 2, 150_000);
	await sleep(3_000);
	assert.deepEqual(orderTexts().map((message) => message.content).sort(), [`Nextpertise: broadband.order_connection voor ${nid}`, `Transactie ${nid} (new): new`]);

	assert.ok(n8n.sandbox.patchNextpertiseTransaction(uuid, { state: 'processing' }));
	await until('SMS for the state change', () => orderTexts().length >= 3, 150_000);
	const polls = listCalls('list_transactions').length;
	await until('one more poll', () => listCalls('list_transactions').length > polls, 90_000);
	await sleep(3_000);
	const texts = orderTexts().map((message) => message.content);
	assert.equal(texts.length, 3, JSON.stringify(texts));
	assert.equal(texts[2], `Transactie ${nid} (new): new → processing`);
});
