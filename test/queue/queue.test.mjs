// n8n's queue mode (a main, two workers, PostgreSQL and Redis) running the package: executions
// started through production webhooks run on the workers; polling triggers poll on the main only;
// delivery reports arrive at the main. Everything is torn down afterwards, also when a check fails.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { portIsFree, waitForWebhook } from '../../scripts/n8n/instance.mjs';
import { buildPackageTarball, exampleWorkflows, loadSandbox } from '../../scripts/project.mjs';
import { startQueueStack } from '../../scripts/queue/stack.mjs';
import { orderConnection, savedExecutions, until } from '../e2e/running.mjs';
import { queueCredentials, queueWorkflows } from './workflows.mjs';

const WORKERS = 2;

/** Where the SMS example sends its delivery reports: the delivery-report example's URL, on the main. */
function deliveryReportUrl() {
	const send = exampleWorkflows().find((workflow) => workflow.id === 'exKpnSmsSendDlr');
	const url = new URL(send.nodes.find((node) => node.type === 'n8n-nodes-kpn-nextpertise.kpnSms').parameters.options.webhookUrl);
	return `${stack.mainUrl}${url.pathname}${url.search}`;
}

let sandbox;
let stack;

const calls = (pathEnd) => sandbox.log.filter((entry) => entry.path.endsWith(pathEnd));
const rpcMethods = (path) => calls(path).map((entry) => entry.body?.method);
const texts = (number) => calls('/send').flatMap((entry) => entry.body.messages).filter((message) => message.mobile_number === number);

async function post(path, body) {
	const response = await fetch(`${stack.mainUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body ?? {}),
	});
	return { status: response.status, body: await response.text() };
}

const executions = (workflowId) => savedExecutions(stack.mainUrl, stack.auth.headers, workflowId);

before(async () => {
	const sandboxModule = loadSandbox();
	sandbox = await sandboxModule.startSandbox({ port: 0 });
	const { workflows, publish } = queueWorkflows();
	stack = await startQueueStack({
		workers: WORKERS,
		workflows,
		publish,
		credentials: queueCredentials(sandbox.url, sandboxModule),
		tarball: buildPackageTarball(),
		log: (line) => console.log(`# ${line}`),
	});
	await waitForWebhook(stack.mainUrl, 'queue-sms');
	// The KPN triggers' first polls (on the main, with their own credential) fetch a token; let them
	// happen first, so that the token calls the bulk SMS test counts are the workers' alone.
	await until('the first trigger polls', () => calls('/failures').length >= 1 && calls('/GetActiveIncidents').length >= 1, 90_000);
});

/** Whether a process is gone. */
function gone(pid) {
	try {
		process.kill(pid, 0);
		return false;
	} catch {
		return true;
	}
}

after(async () => {
	await sandbox?.close();
	if (!stack) return;
	await stack.stop();
	// Torn down: every n8n process gone, and the ports of n8n, PostgreSQL and Redis free again.
	const ports = [...stack.processes.map((entry) => entry.port), stack.postgres.port, stack.redis.port];
	await until('everything stopped', async () => stack.processes.every((entry) => gone(entry.pid)) && (await Promise.all(ports.map(portIsFree))).every(Boolean), 30_000);
});

test('20 executions at once × 500 SMS on a credential with no token yet: 3 /send calls each, every number once, on both workers, a token call per worker at most', async () => {
	sandbox.reset();
	const runs = 20;
	const perRun = 500;
	const answers = await Promise.all(Array.from({ length: runs }, (_, index) => post('queue-sms', { offset: index * perRun, count: perRun })));
	assert.ok(answers.every((answer) => answer.status === 200), JSON.stringify(answers.slice(0, 3)));

	assert.equal(calls('/send').length, runs * Math.ceil(perRun / 200));
	const delivered = sandbox.smsDeliveries().map((delivery) => delivery.number);
	assert.equal(delivered.length, runs * perRun);
	assert.equal(new Set(delivered).size, runs * perRun, 'every number exactly once');
	// Only the workers run these executions; each fetches the token at most once for all of its runs.
	assert.ok(calls('/accesstoken').length >= 1 && calls('/accesstoken').length <= WORKERS, `${calls('/accesstoken').length} token calls`);

	const ran = (await executions('qSmsBulk')).slice(0, runs);
	const perWorker = Array(WORKERS).fill(0);
	for (const run of ran) {
		assert.equal(run.status, 'success');
		const worker = stack.workerOf(run.id);
		assert.notEqual(worker, undefined, `execution ${run.id} ran on a worker`);
		perWorker[worker]++;
	}
	assert.ok(perWorker.every((count) => count > 0), `executions per worker: ${perWorker}`);
	console.log(`# executions per worker: ${perWorker.join(' / ')}; token calls: ${calls('/accesstoken').length}`);
});

test('Retry On Fail on a worker: a /send that was carried out and then answered 500 is not sent again', async () => {
	sandbox.reset();
	sandbox.faults.failNext(1, { kind: 'appliedThen', status: 500 }, { pathIncludes: '/send', skip: 2 });
	const answer = await post('queue-sms', { offset: 100_000, count: 500 });
	assert.equal(answer.status, 500, answer.body);
	const delivered = sandbox.smsDeliveries().map((delivery) => delivery.number);
	assert.equal(delivered.length, 500, 'each number delivered once');
	assert.equal(new Set(delivered).size, 500);
	const [run] = await executions('qSmsBulk');
	assert.equal(run.status, 'error');
	assert.notEqual(stack.workerOf(run.id), undefined);
});

test('the Incident lifecycle and the Nextpertise order flow run on the workers', async () => {
	sandbox.reset();
	const incident = await post('queue-incident');
	assert.equal(incident.status, 200, incident.body);
	assert.deepEqual(calls('/UpdateIncident').map((entry) => entry.body.action), ['Comment', 'Close', 'Reopen']);
	assert.equal(calls('/NewIncident').length, 1);

	const order = await post('queue-order');
	assert.equal(order.status, 200, order.body);
	assert.deepEqual(rpcMethods('/broadband/v1'), ['zipcode', 'order_connection', 'get_transaction']);
	assert.equal(JSON.parse(order.body).uuid, sandbox.nextpertiseState().transactions[0].uuid);

	for (const id of ['qIncident', 'qNxpOrder']) {
		const [run] = await executions(id);
		assert.equal(run.status, 'success');
		assert.notEqual(stack.workerOf(run.id), undefined, `${id} ran on a worker`);
	}
});

test('delivery reports arrive at the main and fire one execution each; repeats fire none', async () => {
	sandbox.reset();
	sandbox.deliveryReports.configure({ duplicates: 1, concurrency: 8 });
	const { posts } = sandbox.deliveryReports.generate(deliveryReportUrl(), 10, { status: 1 });
	assert.equal(posts, 20);
	await until('the reports posted', () => sandbox.deliveryReports.isIdle(), 60_000);
	assert.ok(sandbox.deliveryReports.attempts.every((attempt) => attempt.status === 200));
	await until('10 executions', async () => (await executions('exKpnSmsDlr')).length >= 10, 60_000);
	await sleep(3_000);
	const runs = await executions('exKpnSmsDlr');
	assert.equal(runs.length, 10, 'one execution per report');
	assert.ok(runs.every((run) => run.status === 'success' && stack.workerOf(run.id) !== undefined));
});

test('polling triggers poll on the main only and fire once per change', async () => {
	// Three triggers poll every minute: Disturbance, Incident, Nextpertise (events, transactions).
	const polls = () => ({
		disturbance: calls('/failures').length,
		incident: calls('/GetActiveIncidents').length,
		transactions: rpcMethods('/broadband/v1').filter((method) => method === 'list_transactions').length,
	});
	sandbox.reset();
	const started = Date.now();
	await until('a poll of each', () => Object.values(polls()).every((count) => count >= 1), 75_000);

	sandbox.setDisturbances([{ id: 9101, state: 'open', region: 'Utrecht', type: 'geographical-broadband', cause: 'disturbance', description: 'Kabel geraakt' }]);
	await orderConnection(sandbox.url);

	await until('the disturbance SMS', () => texts('+31612345678').some((message) => message.content.includes('9101')), 90_000);
	await until('the order SMS', () => texts('+31612345678').filter((message) => /order_connection|Transactie/.test(message.content)).length >= 2, 90_000);
	await sleep(5_000);
	const minutes = (Date.now() - started) / 60_000;
	const counts = polls();
	for (const [name, count] of Object.entries(counts)) {
		assert.ok(count <= Math.ceil(minutes) + 1, `${name}: ${count} polls in ${minutes.toFixed(1)} min: only the main polls`);
	}
	const disturbanceTexts = texts('+31612345678').filter((message) => message.content.includes('9101'));
	assert.equal(disturbanceTexts.length, 1, 'one SMS for the new disturbance');
	const orderTexts = texts('+31612345678').filter((message) => /order_connection|Transactie/.test(message.content));
	assert.equal(orderTexts.length, 2, 'one SMS for the new event, one for the new transaction');
	console.log(`# polls in ${minutes.toFixed(1)} min: ${JSON.stringify(counts)}`);
});
