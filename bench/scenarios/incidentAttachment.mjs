// KPN Incident Create with a large attachment, run in n8n-core's engine in a child process
// (bench/inprocess/incidentAttachment.ts): peak memory above what the process held before.
import { runInProcessScript } from '../lib/inprocess.mjs';

const MODES = [
	['store', "file in n8n's binary store on disk (filesystem mode, n8n 2.x default)"],
	['memory', 'file in memory as Base64 (n8n 1.x default mode)'],
];

export default {
	id: 'incidentAttachment',
	title: 'Incident create with a large attachment',
	async run(ctx) {
		const megabytes = ctx.size.attachmentMb;
		const rows = [];
		for (const [mode, label] of MODES) {
			await ctx.sandbox.reset();
			const result = await runInProcessScript('incidentAttachment', { sandboxUrl: ctx.sandbox.url, clientId: ctx.clientId, clientSecret: ctx.clientSecret, megabytes, mode });
			if (!result.ok) throw new Error(`incident attachment (${mode}) failed: ${result.error}`);
			// The warm-up (a small file, own token) is part of the log: count the measured run only.
			const calls = await ctx.sandbox.calls();
			const measured = calls.log.slice(-2);
			const factor = result.peakDeltaMb / megabytes;
			rows.push({
				scenario: `Incident create, ${megabytes} MB attachment`,
				variant: label,
				where: 'in-process: n8n-core WorkflowExecute (test harness), Node ' + process.versions.node,
				items: 1,
				httpCalls: measured.length,
				tokenCalls: measured.filter((entry) => entry.path.endsWith('/accesstoken')).length,
				wallMs: result.wallMs,
				peakRssMb: result.peakRssMb,
				ratio: `peak − before = ${result.peakDeltaMb.toFixed(1)} MB = ${factor.toFixed(1)} × attachment`,
				target: `< 4 × attachment: ${factor < 4 ? 'met' : 'NOT met'}`,
				details: result,
			});
		}
		return rows;
	},
};
