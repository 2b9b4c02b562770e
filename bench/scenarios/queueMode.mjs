// Queue mode: E executions of a bulk-SMS webhook workflow started at once (N SMS each), in
// regular mode (one `n8n start`) and in n8n's queue mode (a main, 1 or 2 workers, PostgreSQL and
// Redis), all on this machine. Items/s = SMS sent ÷ time from the first POST to the last answer.
import { setTimeout as sleep } from 'node:timers/promises';

import { importCredentials, runN8n, startEditor, waitForWebhook } from '../../scripts/n8n/instance.mjs';
import { buildPackageTarball, loadSandbox } from '../../scripts/project.mjs';
import { startQueueStack } from '../../scripts/queue/stack.mjs';
import { bulkSmsOnWebhook, queueCredentials } from '../../test/queue/workflows.mjs';

const PATH = 'queue-sms';

/** One warm-up run, then E runs at once; returns the wall time and what the sandbox saw. */
async function load(ctx, url, executions, items) {
	const post = (offset, count) =>
		fetch(`${url}/webhook/${PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ offset, count }),
			signal: AbortSignal.timeout(300_000),
		}).then(async (response) => ({ status: response.status, text: await response.text() }));
	const warmUp = await post(9_000_000, 1);
	if (warmUp.status !== 200) throw new Error(`warm-up run answered ${warmUp.status}: ${warmUp.text.slice(0, 300)}`);
	await ctx.sandbox.reset();
	const started = Date.now();
	const replies = await Promise.all(Array.from({ length: executions }, (_, index) => post(index * items, items)));
	const wallMs = Date.now() - started;
	const failed = replies.filter((reply) => reply.status !== 200);
	if (failed.length > 0) throw new Error(`${failed.length} of ${executions} runs answered ${failed[0].status}: ${failed[0].text.slice(0, 300)}`);
	await sleep(200);
	const { log } = await ctx.sandbox.calls();
	const sent = log.filter((entry) => entry.path.endsWith('/send'));
	const delivered = sent.reduce((sum, entry) => sum + entry.body.messages.length, 0);
	if (delivered !== executions * items) throw new Error(`${delivered} SMS reached the sandbox, ${executions * items} expected`);
	return { wallMs, httpCalls: log.length, sendCalls: sent.length, tokenCalls: log.filter((entry) => entry.path.endsWith('/accesstoken')).length };
}

function row(ctx, variant, where, result, base) {
	const { queueExecutions: executions, queueItems: items } = ctx.size;
	const perSecond = (executions * items) / (result.wallMs / 1000);
	return {
		scenario: `Queue mode: ${executions} executions × ${items} SMS at once through a production webhook`,
		variant,
		where,
		items: executions * items,
		httpCalls: result.httpCalls,
		tokenCalls: result.tokenCalls,
		wallMs: result.wallMs,
		ratio: `${perSecond.toFixed(0)} SMS/s` + (base ? `; ${(perSecond / base).toFixed(2)} × regular mode` : ''),
		target: base ? 'on 2 cores workers give isolation, not speed' : 'baseline',
		details: { executions, items, sendCalls: result.sendCalls, smsPerSecond: Math.round(perSecond) },
	};
}

export default {
	id: 'queueMode',
	title: 'Queue mode',
	needsN8n: true,
	workflows: () => [bulkSmsOnWebhook()],
	async run(ctx) {
		const { queueExecutions: executions, queueItems: items } = ctx.size;
		if (!executions) return [];
		const sandboxModule = loadSandbox();
		const credentials = queueCredentials(ctx.sandbox.url, sandboxModule);
		const rows = [];

		const userFolder = ctx.n8n.userFolder;
		await importCredentials({ userFolder, credentials });
		const published = await runN8n({ userFolder, args: ['publish:workflow', '--id=qSmsBulk'] });
		if (published.code !== 0) throw new Error(`publish:workflow qSmsBulk failed: ${(published.stdout + published.stderr).slice(-1000)}`);
		const editor = await startEditor({ userFolder });
		let regular;
		try {
			await waitForWebhook(editor.url, PATH, 90_000);
			regular = await load(ctx, editor.url, executions, items);
		} finally {
			await editor.stop();
		}
		const base = (executions * items) / (regular.wallMs / 1000);
		rows.push(row(ctx, 'regular mode: one n8n process (SQLite)', 'real n8n 2.41.1, n8n start', regular));

		const tarball = buildPackageTarball();
		for (const workers of [1, 2]) {
			const stack = await startQueueStack({ workers, workflows: [bulkSmsOnWebhook()], publish: ['qSmsBulk'], credentials, tarball });
			try {
				await waitForWebhook(stack.mainUrl, PATH, 90_000);
				const result = await load(ctx, stack.mainUrl, executions, items);
				rows.push(row(ctx, `queue mode: main + ${workers} worker${workers === 1 ? '' : 's'} (PostgreSQL 15, Redis)`, 'real n8n 2.41.1, n8n start + n8n worker', result, base));
			} finally {
				await stack.stop();
			}
		}
		return rows;
	},
};
