// E executions × M items through one credential, in real n8n: how many token calls.
import { BASELINE_NODE, CREDENTIAL_IDS, PACKAGE_NODE, baselineSmsWorkflow, packageSmsWorkflow } from '../lib/workflows.mjs';
import { measureOnce } from './smsBulk.mjs';

const PACKAGE_ID = 'benchTokPkg';
const BASELINE_ID = 'benchTokHttp';

async function series(ctx, workflowId, nodeName) {
	await ctx.sandbox.reset();
	const runs = [];
	for (let i = 0; i < ctx.size.executions; i++) runs.push(await measureOnce(ctx, workflowId, nodeName, { reset: false }));
	const sum = (field) => runs.reduce((total, run) => total + run[field], 0);
	return {
		items: sum('items'),
		httpCalls: sum('httpCalls'),
		tokenCalls: sum('tokenCalls'),
		wallMs: sum('wallMs'),
		peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
		tokenCallsPerExecution: runs.map((run) => run.tokenCalls),
	};
}

export default {
	id: 'tokenReuse',
	title: 'Token reuse across executions',
	needsN8n: true,
	workflows: (ctx) => [
		packageSmsWorkflow(PACKAGE_ID, ctx.size.itemsPerExecution, CREDENTIAL_IDS.kpnTokens),
		baselineSmsWorkflow(BASELINE_ID, ctx.size.itemsPerExecution, ctx.sandbox.url, CREDENTIAL_IDS.oauthTokens),
	],
	async run(ctx) {
		const { executions, itemsPerExecution } = ctx.size;
		const scenario = `${executions} executions × ${itemsPerExecution} SMS, one credential`;
		const where = 'real n8n 2.41.1 (n8n execute, one process per execution)';
		const pkg = await series(ctx, PACKAGE_ID, PACKAGE_NODE);
		const base = await series(ctx, BASELINE_ID, BASELINE_NODE);
		return [
			{
				scenario,
				variant: 'this package: KPN SMS node',
				where,
				items: pkg.items,
				httpCalls: pkg.httpCalls,
				tokenCalls: pkg.tokenCalls,
				wallMs: pkg.wallMs,
				peakRssMb: pkg.peakRssMb,
				ratio: `${(base.tokenCalls / Math.max(1, pkg.tokenCalls)).toFixed(1)}× fewer token calls, ${(base.httpCalls / pkg.httpCalls).toFixed(1)}× fewer calls`,
				target: `1 token call: ${pkg.tokenCalls === 1 ? 'met' : 'NOT met'}`,
				details: { package: pkg, baseline: base },
			},
			{
				scenario,
				variant: 'baseline: HTTP Request + OAuth2 (generic)',
				where,
				items: base.items,
				httpCalls: base.httpCalls,
				tokenCalls: base.tokenCalls,
				wallMs: base.wallMs,
				peakRssMb: base.peakRssMb,
				ratio: 'baseline',
				target: `token calls per execution: ${base.tokenCallsPerExecution.join(', ')}`,
			},
		];
	},
};
