// Nextpertise Return All over N rows in real n8n: the node pages for the user (broadband
// list_connections, `pagination {page, per_page}` until `next_page` is null). Expected calls:
// ⌈N / page size⌉ JSON-RPC calls plus one /jwt/log-in. Peak memory of the n8n process, per row.
import { CREDENTIAL_IDS, NEXTPERTISE_NODE, nextpertiseReturnAllWorkflow } from '../lib/workflows.mjs';
import { measureOnce } from './smsBulk.mjs';

const WORKFLOW_ID = 'benchNxpReturnAll';
/** The page size the node asks for with Return All (nodes/Nextpertise/actions/paged.ts). */
const PAGE_SIZE = 100;

export default {
	id: 'nextpertiseReturnAll',
	title: 'Nextpertise Return All',
	needsN8n: true,
	workflows: () => [nextpertiseReturnAllWorkflow(WORKFLOW_ID, CREDENTIAL_IDS.nextpertise)],
	async run(ctx) {
		const rows = ctx.size.nextpertiseRows;
		await ctx.sandbox.reset();
		await ctx.sandbox.admin('POST', 'nextpertise/rows', { method: 'list_connections', count: rows });
		const result = await measureOnce(ctx, WORKFLOW_ID, NEXTPERTISE_NODE, { reset: false });
		const expectedCalls = Math.ceil(rows / PAGE_SIZE) + 1;
		const rpcCalls = result.httpCalls - result.tokenCalls;
		return [
			{
				scenario: `Nextpertise Return All over ${rows.toLocaleString('en')} rows`,
				variant: 'this package: Nextpertise node (list_connections)',
				where: 'real n8n 2.41.1 (n8n execute)',
				items: result.items,
				httpCalls: result.httpCalls,
				tokenCalls: result.tokenCalls,
				wallMs: result.wallMs,
				peakRssMb: result.peakRssMb,
				ratio: `${rpcCalls} JSON-RPC calls for ${result.items} rows (${PAGE_SIZE} per page) + ${result.tokenCalls} log-in; ${Math.round((rpcCalls * ctx.latencyMs) / 10) / 100} s of it is sandbox latency`,
				target: `calls = ⌈${rows}/${PAGE_SIZE}⌉ + 1 log-in = ${expectedCalls}: ${result.httpCalls === expectedCalls && result.items === rows ? 'met' : 'NOT met'}`,
				details: { ...result, expectedCalls, pageSize: PAGE_SIZE },
			},
		];
	},
};
