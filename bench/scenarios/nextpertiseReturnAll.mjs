// Nextpertise Return All: the node pages for the user (broadband list_connections,
// `pagination {page, per_page}` until `next_page` is null). Expected calls: ⌈N / page size⌉
// JSON-RPC calls plus one /jwt/log-in. Measured twice:
// - in n8n-core's engine (bench/inprocess/nextpertiseReturnAll.ts) over the full N rows: rows out,
//   wall time, peak memory above what the process held before;
// - in real n8n (`n8n execute`) over a tenth of N, at most REAL_N8N_MAX_ROWS rows: `execute` prints the whole run,
//   and read through a pipe, larger runs came back cut off (seen at 2,000 and 10,000 rows; Items
//   then showed 0 and the target "NOT met"). bench/lib/n8n.mjs now has n8n print into a file,
//   which reads back whole runs of 30 MB, so this limit could be raised.
import { runInProcessScript } from '../lib/inprocess.mjs';
import { CREDENTIAL_IDS, NEXTPERTISE_NODE, nextpertiseReturnAllWorkflow } from '../lib/workflows.mjs';
import { measureOnce } from './smsBulk.mjs';

const WORKFLOW_ID = 'benchNxpReturnAll';
/** The page size the node asks for with Return All (nodes/Nextpertise/actions/paged.ts). */
const PAGE_SIZE = 100;
const REAL_N8N_MAX_ROWS = 1_000;

const expectedCalls = (rows) => Math.ceil(rows / PAGE_SIZE) + 1;

async function withRows(ctx, rows) {
	await ctx.sandbox.reset();
	await ctx.sandbox.admin('POST', 'nextpertise/rows', { method: 'list_connections', count: rows });
}

export default {
	id: 'nextpertiseReturnAll',
	title: 'Nextpertise Return All',
	needsN8n: true,
	workflows: () => [nextpertiseReturnAllWorkflow(WORKFLOW_ID, CREDENTIAL_IDS.nextpertise)],
	async run(ctx) {
		const rows = ctx.size.nextpertiseRows;
		const scenario = (count) => `Nextpertise Return All over ${count.toLocaleString('en')} rows`;

		await withRows(ctx, rows);
		const inProcess = await runInProcessScript('nextpertiseReturnAll', {
			sandboxUrl: ctx.sandbox.url,
			username: ctx.nextpertise.username,
			password: ctx.nextpertise.password,
		});
		if (!inProcess.ok) throw new Error(`Nextpertise Return All (in-process) failed: ${inProcess.error}`);
		const calls = await ctx.sandbox.calls();
		const inProcessRpc = calls.total - calls.token;

		const realRows = Math.min(Math.ceil(rows / 10), REAL_N8N_MAX_ROWS);
		await withRows(ctx, realRows);
		const real = await measureOnce(ctx, WORKFLOW_ID, NEXTPERTISE_NODE, { reset: false });
		const realRpc = real.httpCalls - real.tokenCalls;

		return [
			{
				scenario: scenario(rows),
				variant: 'this package: Nextpertise node (list_connections)',
				where: 'in-process: n8n-core WorkflowExecute (test harness), Node ' + process.versions.node,
				items: inProcess.rows,
				httpCalls: calls.total,
				tokenCalls: calls.token,
				wallMs: inProcess.wallMs,
				peakRssMb: inProcess.peakRssMb,
				ratio:
					`${inProcessRpc} JSON-RPC calls (${PAGE_SIZE} rows each) + ${calls.token} log-in; ` +
					`peak − before = ${inProcess.peakDeltaMb?.toFixed(0)} MB = ${((inProcess.peakDeltaMb * 1024) / inProcess.rows).toFixed(1)} KB per row`,
				target: `calls = ⌈${rows}/${PAGE_SIZE}⌉ + 1 = ${expectedCalls(rows)}: ${calls.total === expectedCalls(rows) && inProcess.rows === rows && inProcess.distinctRows === rows ? 'met' : 'NOT met'}`,
				details: { ...inProcess, httpCalls: calls.total, tokenCalls: calls.token, expectedCalls: expectedCalls(rows), pageSize: PAGE_SIZE },
			},
			{
				scenario: scenario(realRows),
				variant: 'this package: Nextpertise node (list_connections)',
				where: 'real n8n 2.41.1 (n8n execute)',
				items: real.items,
				httpCalls: real.httpCalls,
				tokenCalls: real.tokenCalls,
				wallMs: real.wallMs,
				peakRssMb: real.peakRssMb,
				ratio: `${realRpc} JSON-RPC calls + ${real.tokenCalls} log-in; ${((realRpc * ctx.latencyMs) / 1000).toFixed(1)} s of the wall time is sandbox latency`,
				target: `calls = ⌈${realRows}/${PAGE_SIZE}⌉ + 1 = ${expectedCalls(realRows)}: ${real.httpCalls === expectedCalls(realRows) && real.items === realRows ? 'met' : 'NOT met'}`,
				details: { ...real, expectedCalls: expectedCalls(realRows), pageSize: PAGE_SIZE },
			},
		];
	},
};
