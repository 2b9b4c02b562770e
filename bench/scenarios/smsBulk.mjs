// SMS to N numbers in real n8n: this package's KPN SMS node vs the same job done the way a user
// would without it (HTTP Request node, generic OAuth2 client-credentials credential, one call per item).
import { nodeRun } from '../lib/n8n.mjs';
import { BASELINE_NODE, CREDENTIAL_IDS, PACKAGE_NODE, baselineSmsWorkflow, packageSmsWorkflow } from '../lib/workflows.mjs';

const PACKAGE_ID = 'benchSmsPkg';
const BASELINE_ID = 'benchSmsHttp';

/** Runs a saved workflow once against a freshly reset sandbox and measures one node. */
export async function measureOnce(ctx, workflowId, nodeName, { reset = true, env } = {}) {
	if (reset) await ctx.sandbox.reset();
	else await ctx.sandbox.clearLog();
	const run = await ctx.n8n.execute(workflowId, env);
	const calls = await ctx.sandbox.calls();
	const node = nodeRun(run.json, nodeName);
	if (!run.ok) throw new Error(`${workflowId} failed: ${node.error?.message ?? run.stderr.slice(-2000)}`);
	// Where the node's time went: reading its parameters for every item (expressions), until the
	// first request arrived at the sandbox, then the requests themselves.
	const firstCallAt = calls.log[0]?.at;
	const beforeFirstCallMs = firstCallAt !== undefined && node.startTime ? firstCallAt - node.startTime : undefined;
	return {
		beforeFirstCallMs,
		fromFirstCallMs: beforeFirstCallMs === undefined ? undefined : node.executionMs - beforeFirstCallMs,
		items: node.items.length,
		failedItems: node.items.filter((item) => item.json?.error !== undefined).length,
		httpCalls: calls.total,
		tokenCalls: calls.token,
		failedCalls: calls.failed,
		wallMs: node.executionMs,
		peakRssMb: run.peakRssMb,
		processMs: run.processMs,
	};
}

export default {
	id: 'smsBulk',
	title: 'SMS bulk send',
	needsN8n: true,
	workflows: (ctx) => [
		packageSmsWorkflow(PACKAGE_ID, ctx.size.smsItems, CREDENTIAL_IDS.kpnSms),
		baselineSmsWorkflow(BASELINE_ID, ctx.size.smsItems, ctx.sandbox.url, CREDENTIAL_IDS.oauthSms),
	],
	async run(ctx) {
		const items = ctx.size.smsItems;
		const where = 'real n8n 2.41.1 (n8n execute)';
		const pkg = await measureOnce(ctx, PACKAGE_ID, PACKAGE_NODE);
		const base = await measureOnce(ctx, BASELINE_ID, BASELINE_NODE);
		// How much of the node's time is n8n evaluating its expressions: the same run with n8n's
		// older in-process expression engine instead of the default isolated-vm one.
		const legacy = await measureOnce(ctx, PACKAGE_ID, PACKAGE_NODE, { env: { N8N_EXPRESSION_ENGINE: 'legacy' } });
		const expectedCalls = Math.ceil(items / 200) + 1;
		const fewer = base.httpCalls / pkg.httpCalls;
		const latencyBudget = pkg.httpCalls * ctx.latencyMs;
		const wallRatio = pkg.wallMs / latencyBudget;
		const callsRatio = pkg.fromFirstCallMs / latencyBudget;
		return [
			{
				scenario: `SMS to ${items} numbers`,
				variant: 'this package: KPN SMS node',
				where,
				items: pkg.items,
				httpCalls: pkg.httpCalls,
				tokenCalls: pkg.tokenCalls,
				wallMs: pkg.wallMs,
				peakRssMb: pkg.peakRssMb,
				ratio:
					`${fewer.toFixed(1)}× fewer calls; wall = ${wallRatio.toFixed(1)} × (calls × ${ctx.latencyMs} ms): ` +
					`${Math.round(pkg.beforeFirstCallMs)} ms before the first request (n8n evaluating ${items} items' expressions), then ${Math.round(pkg.fromFirstCallMs)} ms = ${callsRatio.toFixed(2)} × for the calls`,
				target: `≤ ${expectedCalls} calls: ${pkg.httpCalls <= expectedCalls ? 'met' : 'NOT met'}; ≥ 20× fewer: ${fewer >= 20 ? 'met' : 'NOT met'}; wall ≤ 1.3 × ${latencyBudget} ms: ${wallRatio <= 1.3 ? 'met' : 'NOT met'} (calls alone: ${callsRatio <= 1.3 ? 'met' : 'NOT met'})`,
				details: { package: pkg, baseline: base, expectedCalls, callsFewer: fewer, wallToLatencyBudget: wallRatio, callPhaseToLatencyBudget: callsRatio },
			},
			{
				scenario: `SMS to ${items} numbers`,
				variant: 'this package, n8n started with N8N_EXPRESSION_ENGINE=legacy (token already stored)',
				where,
				items: legacy.items,
				httpCalls: legacy.httpCalls,
				tokenCalls: legacy.tokenCalls,
				wallMs: legacy.wallMs,
				peakRssMb: legacy.peakRssMb,
				ratio:
					`wall = ${(legacy.wallMs / (legacy.httpCalls * ctx.latencyMs)).toFixed(1)} × (calls × ${ctx.latencyMs} ms): ` +
					`${Math.round(legacy.beforeFirstCallMs)} ms before the first request, then ${Math.round(legacy.fromFirstCallMs)} ms for the calls`,
				target: 'for comparison: n8n\'s expression engine',
				details: { legacyExpressionEngine: legacy },
			},
			{
				scenario: `SMS to ${items} numbers`,
				variant: 'baseline: HTTP Request + OAuth2 (generic), 1 call per item',
				where,
				items: base.items,
				httpCalls: base.httpCalls,
				tokenCalls: base.tokenCalls,
				wallMs: base.wallMs,
				peakRssMb: base.peakRssMb,
				ratio: 'baseline',
				target: base.failedItems > 0 || base.failedCalls > 0 ? `${base.failedCalls} failed calls` : '',
			},
		];
	},
};
