// Cold token storm: E executions of one webhook workflow started at once in ONE `n8n start`
// process, on a credential that holds no token yet. How many token calls (or Nextpertise log-ins)
// reach the sandbox: ideally one for all executions. This package's KPN Incident node (get, one
// call per item) and Nextpertise node (zipcode, JWT) against n8n's HTTP Request node with the
// generic OAuth2 client-credentials credential, each workflow with a credential of its own.
import { setTimeout as sleep } from 'node:timers/promises';

import { importCredentials, portIsFree, runN8n, startEditor, waitForWebhook } from '../../scripts/n8n/instance.mjs';
import { STORM_TICKET, stormCredentials, stormWorkflow } from '../lib/workflows.mjs';

const WHERE = 'real n8n 2.41.1 (n8n start, production webhook, one process)';

const VARIANTS = [
	{ id: 'benchStormKpn', kind: 'kpnIncident', path: 'bench-storm-kpn', tokenPath: '/accesstoken', label: 'this package: KPN Incident node (get), KPN credential' },
	{ id: 'benchStormNxp', kind: 'nextpertise', path: 'bench-storm-nextpertise', tokenPath: '/jwt/log-in', label: 'this package: Nextpertise node (zipcode), JWT credential' },
	{ id: 'benchStormHttp', kind: 'httpRequest', path: 'bench-storm-http', tokenPath: '/accesstoken', label: 'baseline: HTTP Request v4.2 (GET incident) + OAuth2 (generic, client credentials)' },
];

/** The incident the KPN reads get, created straight at the sandbox (its own token; the log is cleared after). */
async function seedIncident(ctx) {
	const tokenReply = await fetch(`${ctx.sandbox.url}/oauth/client_credential/accesstoken?grant_type=client_credentials`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: ctx.clientId, client_secret: ctx.clientSecret }),
	});
	const token = await tokenReply.json();
	if (!tokenReply.ok || typeof token.access_token !== 'string') throw new Error(`seeding: token call answered ${tokenReply.status}`);
	const created = await fetch(`${ctx.sandbox.url}/network/kpn/incident/NewIncident`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
		body: JSON.stringify({ reference_number: 'BENCH-STORM', short_description: 'Benchmark incident', ci: 'BENCH-CI' }),
	});
	const incident = await created.json();
	const ticket = incident?.ticket_number ?? incident?.result?.ticket_number;
	if (!created.ok || ticket !== STORM_TICKET) throw new Error(`seeding: NewIncident answered ${created.status} ${JSON.stringify(incident).slice(0, 300)}`);
}

/** Fires `executions` POSTs at the production webhook at once; resolves when every run answered. */
async function storm(url, path, executions) {
	const started = Date.now();
	const replies = await Promise.all(
		Array.from({ length: executions }, async (_, index) => {
			const response = await fetch(`${url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ execution: index }),
				signal: AbortSignal.timeout(120_000),
			});
			return { status: response.status, text: await response.text() };
		}),
	);
	return { replies, wallMs: Date.now() - started };
}

export default {
	id: 'coldTokenStorm',
	title: 'Cold token storm',
	needsN8n: true,
	workflows: (ctx) =>
		VARIANTS.map((variant, index) =>
			stormWorkflow(variant.id, { kind: variant.kind, path: variant.path, count: ctx.size.stormItems, sandboxUrl: ctx.sandbox.url, index }),
		),
	async run(ctx) {
		const { stormExecutions: executions, stormItems: items } = ctx.size;
		const userFolder = ctx.n8n.userFolder;
		// Fresh credentials (no stored token), also when an earlier run of this user folder used them.
		await importCredentials({ userFolder, credentials: stormCredentials(ctx.sandbox.url, ctx.clientId, ctx.clientSecret, ctx.nextpertise) });
		for (const variant of VARIANTS) {
			const published = await runN8n({ userFolder, args: ['publish:workflow', `--id=${variant.id}`] });
			if (published.code !== 0) throw new Error(`publish:workflow ${variant.id} failed (${published.code}): ${(published.stdout + published.stderr).slice(-1500)}`);
		}
		const errors = [];
		const editor = await startEditor({ userFolder, log: (line) => /error/i.test(line) && errors.push(line) });
		const rows = [];
		try {
			for (const variant of VARIANTS) await waitForWebhook(editor.url, variant.path);
			for (const variant of VARIANTS) {
				await ctx.sandbox.reset();
				if (variant.kind !== 'nextpertise') await seedIncident(ctx);
				await ctx.sandbox.clearLog();
				const result = await storm(editor.url, variant.path, executions);
				// The last API calls may still be logged a moment after the last reply.
				await sleep(200);
				const { log } = await ctx.sandbox.calls();
				const failedReplies = result.replies.filter((reply) => reply.status !== 200);
				if (failedReplies.length > 0) {
					throw new Error(`${variant.id}: ${failedReplies.length} of ${executions} webhook calls answered ${failedReplies[0].status}: ${failedReplies[0].text.slice(0, 500)}${errors.length > 0 ? `\nn8n: ${errors.slice(-5).join('\n')}` : ''}`);
				}
				const token = log.filter((entry) => entry.path.endsWith(variant.tokenPath));
				const api = log.filter((entry) => !entry.path.endsWith(variant.tokenPath));
				const failedCalls = log.filter((entry) => entry.status !== 200).length;
				// Every execution read every item (a refused token would add calls, not replace them).
				const answered = api.filter((entry) => entry.status === 200).length;
				if (answered !== executions * items) {
					throw new Error(`${variant.id}: ${answered} API calls answered 200 for ${executions} executions × ${items} items`);
				}
				const isBase = variant.kind === 'httpRequest';
				rows.push({
					scenario: `Cold token storm: ${executions} executions × ${items} items at once, fresh credential`,
					variant: variant.label,
					where: WHERE,
					items: executions * items,
					httpCalls: log.length,
					tokenCalls: token.length,
					wallMs: result.wallMs,
					ratio:
						`${token.length} ${variant.tokenPath === '/jwt/log-in' ? 'log-in' : 'token call'}${token.length === 1 ? '' : 's'} for ${executions} executions; ` +
						`${api.length} API calls${failedCalls > 0 ? `, ${failedCalls} answered ≠ 200` : ''}; wall = first POST to last answer`,
					target: isBase ? 'baseline' : `1 token call: ${token.length === 1 ? 'met' : 'NOT met'}`,
					details: { executions, items, tokenCalls: token.length, apiCalls: api.length, failedCalls, tokenCallTimes: token.map((entry) => entry.at - token[0].at) },
				});
			}
		} finally {
			await editor.stop();
			await ctx.sandbox.reset();
		}
		// n8n's port is free again once it stopped (its task runners go with its process group).
		for (let attempt = 0; !(await portIsFree(editor.port)); attempt++) {
			if (attempt >= 20) throw new Error(`n8n's port ${editor.port} is still in use after it stopped`);
			await sleep(250);
		}
		return rows;
	},
};
