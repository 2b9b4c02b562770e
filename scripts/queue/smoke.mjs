#!/usr/bin/env node
// By-hand check of the queue-mode launcher: sandbox + queue stack with 2 workers, a published
// webhook → KPN SMS workflow, 4 POSTs at once; checks the sandbox got the /send calls, that workers
// ran the executions, and that stop() leaves no process or port behind.
// Run: node scripts/queue/smoke.mjs
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

import { buildPackageTarball, loadSandbox, sandboxCredentials } from '../project.mjs';
import { startQueueStack } from './stack.mjs';

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
const log = (line) => console.error(line);

const sandboxModule = loadSandbox();
const sandbox = await sandboxModule.startSandbox({ port: 0 });
const tarball = buildPackageTarball();
console.error(`[${secs()}s] sandbox ${sandbox.url}, tarball ${tarball}`);

const workflow = {
	id: 'queueSmoke01',
	name: 'Queue smoke: webhook → KPN SMS',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'a0000000-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'a0000000-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'POST', path: 'smoke', responseMode: 'lastNode', options: {} },
		},
		{
			id: 'a0000000-0000-4000-8000-000000000002',
			name: 'KPN SMS',
			type: 'n8n-nodes-kpn-nextpertise.kpnSms',
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'message',
				operation: 'send',
				sender: 'KPN',
				recipients: '={{ $json.body.to }}',
				message: '=Queue smoke {{ $json.body.n }}',
				options: {},
			},
			credentials: { kpnApi: { id: 'kpnSandboxApi01', name: 'KPN (sandbox)' } },
		},
	],
	connections: { Webhook: { main: [[{ node: 'KPN SMS', type: 'main', index: 0 }]] } },
};

const failures = [];
const check = (ok, text) => {
	console.error(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
	if (!ok) failures.push(text);
};

const startAt = Date.now();
const stack = await startQueueStack({
	workers: 2,
	workflows: [workflow],
	publish: [workflow.id],
	credentials: sandboxCredentials(sandbox.url, sandboxModule),
	tarball,
	log,
});
const upSeconds = (Date.now() - startAt) / 1000;
console.error(`[${secs()}s] stack up in ${upSeconds.toFixed(1)} s: ${stack.mainUrl}`);

const ports = [stack.postgres.port, stack.redis.port, ...stack.processes.map((p) => p.port)];
const pids = stack.processes.map((p) => p.pid);
try {
	console.error('memory (RSS of each process group, MB):');
	for (const p of stack.processes) console.error(`  ${p.role} ${p.index}: ${groupRssMb(p.pid)}`);

	const posts = await Promise.all(
		[1, 2, 3, 4].map(async (n) => {
			const response = await fetch(`${stack.mainUrl}/webhook/smoke`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ to: `0612345${String(n).padStart(3, '0')}`, n }),
			});
			return { status: response.status, body: await response.text() };
		}),
	);
	console.error(`[${secs()}s] webhook answers: ${posts.map((p) => `${p.status} ${p.body.slice(0, 80)}`).join(' | ')}`);
	check(posts.every((p) => p.status === 200), 'all 4 webhook POSTs answered 200');

	// Worker "started" lines may trail the HTTP answers slightly.
	for (let i = 0; i < 20 && stack.executionsPerWorker().reduce((a, b) => a + b, 0) < 4; i++) await new Promise((r) => setTimeout(r, 250));
	const sends = sandbox.log.filter((entry) => entry.path.endsWith('/send'));
	check(sends.length === 4, `sandbox got 4 /send calls (got ${sends.length})`);
	const perWorker = stack.executionsPerWorker();
	console.error(`executionsPerWorker: ${JSON.stringify(perWorker)}`);
	check(perWorker.reduce((a, b) => a + b, 0) === 4, 'workers started 4 executions');
	const main = stack.processes.find((p) => p.role === 'main');
	check(!main.lines.some((l) => /Workflow execution finished successfully/.test(l)), 'main ran no execution itself');
	const executions = await (await fetch(`${stack.mainUrl}/rest/executions?filter={}`, { headers: stack.auth.headers })).json();
	const list = executions.data?.results ?? executions.data ?? [];
	console.error(`executions in DB: ${list.map((e) => `${e.id}:${e.status}→worker ${stack.workerOf(e.id)}`).join(', ')}`);
	check(list.length === 4 && list.every((e) => e.status === 'success'), '4 successful executions in the database');
	check(list.every((e) => stack.workerOf(e.id) !== undefined), 'workerOf() knows every execution');
} finally {
	const stopAt = Date.now();
	await stack.stop();
	console.error(`[${secs()}s] stopped in ${((Date.now() - stopAt) / 1000).toFixed(1)} s`);
	await sandbox.close();
}

await new Promise((r) => setTimeout(r, 500));
const leftovers = execFileSync('ps', ['-eo', 'pid,pgid,args'], { encoding: 'utf8' })
	.split('\n')
	.filter((line) => /postgres|redis-server|n8n/.test(line) && !line.includes('ps -eo'));
const ours = leftovers.filter((line) => pids.some((pid) => line.trim().split(/\s+/)[1] === String(pid)) || line.includes('n8n-queue-'));
check(ours.length === 0, `no process left${ours.length ? `:\n${ours.join('\n')}` : ''}`);
for (const port of ports) check(await portFree(port), `port ${port} free`);
check(!existsSync(stack.postgres.dataDir), 'postgres data dir removed');
check(!stack.processes.some((p) => existsSync(p.userFolder)), 'user folders removed');

console.error(failures.length ? `${failures.length} check(s) failed` : `all checks passed (stack up in ${upSeconds.toFixed(1)} s)`);
process.exit(failures.length ? 1 : 0);

function groupRssMb(pgid) {
	const out = execFileSync('ps', ['-eo', 'pgid,rss'], { encoding: 'utf8' });
	let kb = 0;
	for (const line of out.split('\n').slice(1)) {
		const [g, rss] = line.trim().split(/\s+/);
		if (g === String(pgid)) kb += Number(rss);
	}
	return Math.round(kb / 1024);
}

function portFree(port) {
	return new Promise((resolvePromise) => {
		const server = createServer();
		server.once('error', () => resolvePromise(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
	});
}
