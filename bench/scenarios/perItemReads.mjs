// Per-item reads in real n8n: N addresses, one Nextpertise JSON-RPC `zipcode` call each, by this
// package's Nextpertise node and by n8n's HTTP Request node (Basic auth, the same POST per item).
// All nodes of one latency run in ONE `n8n execute` run, one after the other; the sandbox log's
// arrival times and in-flight counts are split by each node's start and execution time.
// Latencies: 50 ms (also the package with Parallel Requests 1, 5, 10, 20), 200 ms (also 20 and
// 100), and 0 ms for the per-item cost of the nodes themselves (n8n evaluating their parameters,
// making the request, reading the answer), at full size also with n8n's legacy expression engine.
import { nodeRun } from '../lib/n8n.mjs';
import { CREDENTIAL_IDS, ZIPCODE_PROVIDER_FILTER, perItemReadsWorkflow } from '../lib/workflows.mjs';

const ALL_ID = 'benchReadsAll';
const SLOW_ID = 'benchReadsSlow';
const PAIR_ID = 'benchReadsPair';
const WHERE = 'real n8n 2.41.1 (n8n execute, all nodes of one latency in one run)';

const PACKAGE = { kind: 'package', name: 'Nextpertise (default)' };
const HTTP = { kind: 'httpRequest', name: 'HTTP Request' };
const SET = { kind: 'set', name: 'Set (reference)' };
const parallel = (count) => ({ kind: 'package', name: `Nextpertise (${count} parallel)`, parallelRequests: count });

/** 50 ms: the default, the baseline, and the package at each Parallel Requests value of the size. */
const allVariants = (size) => [PACKAGE, HTTP, ...size.perItemParallel.map(parallel)];
/** 200 ms: the default, the baseline, and (full size) the package at a few high Parallel Requests values. */
const slowVariants = (size) => [PACKAGE, HTTP, ...size.perItemParallelSlow.map(parallel)];
/** 0 ms: the default and the baseline, and n8n's Set node as a reference. */
const PAIR = [PACKAGE, HTTP, SET];

const workflow = (ctx, id, variants) =>
	perItemReadsWorkflow(id, {
		count: ctx.size.perItemReads,
		variants,
		sandboxUrl: ctx.sandbox.url,
		nextpertiseCredentialId: CREDENTIAL_IDS.nextpertiseReads,
		basicCredentialId: CREDENTIAL_IDS.nextpertiseBasic,
	});

/** The sandbox calls that arrived while a node ran (n8n runs one node at a time). */
function callsDuring(log, node) {
	const end = node.startTime + node.executionMs;
	return log.filter((entry) => entry.at >= node.startTime && entry.at <= end);
}

/** One node of the run: its time, and the sandbox calls that arrived while it ran. */
function measureNode(json, log, variant, count) {
	const name = variant.name;
	const node = nodeRun(json, name);
	if (node.error) throw new Error(`${name} failed: ${node.error.message ?? JSON.stringify(node.error).slice(0, 500)}`);
	if (node.executionMs === undefined || node.startTime === undefined) throw new Error(`${name} did not run`);
	const calls = callsDuring(log, node);
	const token = calls.filter((entry) => entry.path.endsWith('/jwt/log-in'));
	const rpc = calls.filter((entry) => entry.path === '/broadband/v1');
	const expectedCalls = variant.kind === 'set' ? 0 : count;
	// Each item must carry the zipcode answer: the result's fields (package) or the JSON-RPC reply
	// with a result (HTTP Request: a JSON-RPC error also comes with HTTP 200).
	const answered = (json) => (variant.kind === 'httpRequest' ? typeof json?.result?.available === 'object' : variant.kind === 'set' || typeof json?.available === 'object');
	const failedItems = node.items.filter((item) => !answered(item.json)).length;
	if (node.items.length !== count || failedItems > 0 || rpc.length !== expectedCalls || calls.some((entry) => entry.status !== 200)) {
		throw new Error(
			`${name}: ${node.items.length} items out (${failedItems} failed), ${rpc.length} zipcode calls for ${count} items, ` +
				`statuses ${[...new Set(calls.map((entry) => entry.status))].join(', ')}`,
		);
	}
	return {
		items: node.items.length,
		httpCalls: calls.length,
		tokenCalls: token.length,
		wallMs: node.executionMs,
		maxInFlight: Math.max(0, ...calls.map((entry) => entry.inFlight ?? 0)),
		beforeFirstCallMs: calls.length > 0 ? calls[0].at - node.startTime : undefined,
		afterLastCallMs: calls.length > 0 ? node.startTime + node.executionMs - calls.at(-1).at : undefined,
	};
}

/** Runs a workflow once at `latencyMs`; returns each variant's measurement and the run's totals. */
async function runAt(ctx, workflowId, variants, latencyMs, env) {
	await ctx.sandbox.reset();
	await ctx.sandbox.admin('POST', 'latency', { ms: latencyMs });
	const run = await ctx.n8n.execute(workflowId, env);
	if (!run.ok || !run.json) {
		const error = run.json?.data?.resultData?.error;
		throw new Error(`${workflowId} at ${latencyMs} ms failed: ${error?.message ?? `exit ${run.code} ${run.signal ?? ''} ${run.stderr.slice(-1500)}`}`);
	}
	const { log } = await ctx.sandbox.calls();
	const inFlight = await ctx.sandbox.admin('GET', 'in-flight');
	const count = ctx.size.perItemReads;
	const nodes = Object.fromEntries(variants.map((variant) => [variant.name, measureNode(run.json, log, variant, count)]));
	// The warm-up branch (the first log-in of the Nextpertise credential happens there).
	const warmUpTokenCalls = log.filter((entry) => entry.path.endsWith('/jwt/log-in')).length - Object.values(nodes).reduce((sum, node) => sum + node.tokenCalls, 0);
	return { nodes, warmUpTokenCalls, maxInFlight: inFlight.max, peakRssMb: run.peakRssMb, processMs: run.processMs };
}

const ms = (value) => `${Math.round(value).toLocaleString('en')} ms`;
const perItem = (value, count) => `${(value / count).toFixed(2)} ms`;
const runDetails = (result) => ({ maxInFlight: result.maxInFlight, warmUpTokenCalls: result.warmUpTokenCalls, peakRssMb: result.peakRssMb, processMs: result.processMs });

export default {
	id: 'perItemReads',
	title: 'Per-item reads (Nextpertise zipcode)',
	needsN8n: true,
	workflows: (ctx) => [workflow(ctx, ALL_ID, allVariants(ctx.size)), workflow(ctx, SLOW_ID, slowVariants(ctx.size)), workflow(ctx, PAIR_ID, PAIR)],
	async run(ctx) {
		const count = ctx.size.perItemReads;
		const rows = [];
		const filter = `filter.provider ${JSON.stringify(ZIPCODE_PROVIDER_FILTER)}`;
		try {
			for (const [workflowId, variants, latencyMs] of [
				[ALL_ID, allVariants(ctx.size), 50],
				[SLOW_ID, slowVariants(ctx.size), 200],
			]) {
				const result = await runAt(ctx, workflowId, variants, latencyMs);
				const base = result.nodes[HTTP.name];
				for (const variant of variants) {
					const node = result.nodes[variant.name];
					const isBase = variant === HTTP;
					// Compared as printed (two decimals): 1.004 reads "1.00" and counts as met.
					const ratio = Number((node.wallMs / base.wallMs).toFixed(2));
					const floor = Math.ceil(count / node.maxInFlight) * latencyMs;
					rows.push({
						scenario: `Per-item reads: zipcode × ${count} addresses, ${latencyMs} ms latency`,
						variant: isBase
							? `baseline: HTTP Request v4.2 + Basic Auth, 1 JSON-RPC POST per item (${filter})`
							: `this package: Nextpertise node, Parallel Requests ${variant.parallelRequests ?? 'not set (default)'}`,
						where: WHERE,
						items: node.items,
						httpCalls: node.httpCalls,
						tokenCalls: node.tokenCalls,
						wallMs: node.wallMs,
						ratio:
							`${isBase ? 'baseline' : `${ratio.toFixed(2)} × HTTP Request`}; ${node.maxInFlight} in flight at most; ` +
							`latency alone: ⌈${count}/${node.maxInFlight}⌉ × ${latencyMs} ms = ${ms(floor)}`,
						target: isBase ? '' : `≤ 1.0 × HTTP Request: ${ratio <= 1 ? 'met' : 'NOT met'}`,
						details: { ...node, latencyMs, parallelRequests: variant.parallelRequests ?? null, latencyFloorMs: floor, run: runDetails(result) },
					});
				}
			}

			// No latency: what each node costs per item by itself; at full size also with n8n's older
			// in-process expression engine, to show how much of it is the default (isolated-vm) engine.
			// Absolute times vary between runs on a busy machine: median of a few runs (engines taking turns).
			const engines = [
				{ label: '', env: undefined },
				...(ctx.size.perItemLegacy ? [{ label: ', N8N_EXPRESSION_ENGINE=legacy', env: { N8N_EXPRESSION_ENGINE: 'legacy' } }] : []),
			];
			const runs = engines.map(() => []);
			for (let round = 0; round < ctx.size.perItemZeroRuns; round++) {
				for (const [index, engine] of engines.entries()) runs[index].push(await runAt(ctx, PAIR_ID, PAIR, 0, engine.env));
			}
			const times = ctx.size.perItemZeroRuns;
			const where = times > 1 ? `${WHERE}, median of ${times} runs` : WHERE;
			for (const [index, engine] of engines.entries()) {
				const median = (variant) => {
					const sorted = runs[index].map((run) => run.nodes[variant.name]).sort((a, b) => a.wallMs - b.wallMs);
					return sorted[Math.floor(sorted.length / 2)];
				};
				const base = median(HTTP);
				for (const variant of PAIR) {
					const node = median(variant);
					const label = {
						[PACKAGE.name]: 'this package: Nextpertise node, Parallel Requests not set (default)',
						[HTTP.name]: 'baseline: HTTP Request v4.2 + Basic Auth',
						[SET.name]: "reference: n8n's Set node, 1 expression per item, no request",
					}[variant.name];
					const compared = variant === HTTP ? 'baseline' : `${(node.wallMs / base.wallMs).toFixed(2)} × HTTP Request`;
					rows.push({
						scenario: `Per-item cost: zipcode × ${count} addresses, 0 ms latency${engine.label}`,
						variant: label,
						where,
						items: node.items,
						httpCalls: node.httpCalls,
						tokenCalls: node.tokenCalls,
						wallMs: node.wallMs,
						ratio:
							`${perItem(node.wallMs, count)} per item; ${compared}` +
							(node.httpCalls > 0 ? `; ${node.maxInFlight} in flight at most; ${ms(node.afterLastCallMs)} after the last request arrived` : ''),
						target: '',
						details: {
							...node,
							latencyMs: 0,
							engine: engine.env?.N8N_EXPRESSION_ENGINE ?? 'default',
							msPerItem: node.wallMs / count,
							wallMsOfEachRun: runs[index].map((run) => run.nodes[variant.name].wallMs),
						},
					});
				}
			}
		} finally {
			await ctx.sandbox.reset(); // the bench's own latency again
		}
		return rows;
	},
};
