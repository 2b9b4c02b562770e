// Cold load: require every node and credential class of the package and build their descriptions,
// in fresh processes; n8n's own HTTP Request node measured the same way as the baseline.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { n8nPaths } from '../../scripts/n8n/install.mjs';
import { REPO_ROOT } from '../../scripts/n8n/version.mjs';

const SCRIPT = join(REPO_ROOT, 'bench', 'lib', 'coldLoad.cjs');

function runChild(nodeBin, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, [SCRIPT, JSON.stringify(args)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.once('error', reject);
		child.once('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`cold load failed (${code}): ${stderr.slice(-2000)}`))));
	});
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(nodeBin, args, times) {
	const runs = [];
	for (let i = 0; i < times; i++) runs.push(await runChild(nodeBin, args));
	return {
		loadMs: median(runs.map((run) => run.loadMs)),
		preloadMs: median(runs.map((run) => run.preloadMs)),
		peakRssMb: median(runs.map((run) => run.peakRssMb)),
		classes: runs[0].classes,
		descriptionBytes: runs[0].descriptionBytes,
		node: runs[0].node,
		runs: runs.map((run) => Math.round(run.loadMs)),
	};
}

export default {
	id: 'coldLoad',
	title: 'Cold load of the package',
	async run(ctx) {
		const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
		const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => join(REPO_ROOT, file));
		const ours = { preload: createRequire(join(REPO_ROOT, 'package.json')).resolve('n8n-workflow'), files };
		// n8n's Node and n8n's HTTP Request node, when the pinned n8n is installed (it is after e2e).
		const { nodeBin, n8nDir } = n8nPaths();
		const nodesBase = join(n8nDir, 'node_modules', 'n8n-nodes-base');
		const haveN8n = existsSync(nodeBin) && existsSync(nodesBase);
		const runtime = haveN8n ? nodeBin : process.execPath;
		const times = ctx.size.coldLoadRuns;
		const result = await measure(runtime, ours, times);
		const rows = [];
		let baseline;
		if (haveN8n) {
			const requireN8n = createRequire(join(nodesBase, 'package.json'));
			baseline = await measure(runtime, {
				preload: requireN8n.resolve('n8n-workflow'),
				files: [join(nodesBase, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js'), join(nodesBase, 'dist', 'credentials', 'OAuth2Api.credentials.js')],
			}, times);
		}
		const where = `fresh Node ${result.node} process per run, median of ${times}; n8n-workflow loaded first, not counted`;
		rows.push({
			scenario: 'Cold load: require + build descriptions',
			variant: `this package: ${result.classes} classes (${pkg.n8n.nodes.length} nodes, ${pkg.n8n.credentials.length} credentials)`,
			where,
			items: null,
			httpCalls: 0,
			tokenCalls: 0,
			wallMs: result.loadMs,
			peakRssMb: result.peakRssMb,
			ratio: baseline ? `${(result.loadMs / baseline.loadMs).toFixed(2)} × the HTTP Request node's load` : '',
			target: '',
			details: { package: result, baseline },
		});
		if (baseline) {
			rows.push({
				scenario: 'Cold load: require + build descriptions',
				variant: "baseline: n8n's HTTP Request node (v1–v4) + OAuth2 credential",
				where,
				items: null,
				httpCalls: 0,
				tokenCalls: 0,
				wallMs: baseline.loadMs,
				peakRssMb: baseline.peakRssMb,
				ratio: 'baseline',
				target: '',
			});
		}
		return rows;
	},
};
