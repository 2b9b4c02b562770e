#!/usr/bin/env node
// `npm run bench` (full size) / `npm run bench -- --ci` or BENCH_SIZE=ci (reduced, for CI).
// A benchmark, not a test: it measures and prints; it asserts no timings. It fails only when a
// scenario cannot run at all (e.g. a workflow errors).
//   --only=smsBulk,coldLoad   run some scenarios
//   --no-write                print only (full size otherwise rewrites bench/results.json and the
//                             table in BENCHMARKS.md; the CI size writes bench/out/results.ci.json)
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';

import { N8N_VERSION, REPO_ROOT } from '../scripts/n8n/version.mjs';
import { buildPackageTarball, loadSandbox } from '../scripts/project.mjs';
import { prepareN8n } from './lib/n8n.mjs';
import { markdownTable, updateBenchmarksMd, writeResults } from './lib/report.mjs';
import { startSandboxProcess } from './lib/sandbox.mjs';
import { benchCredentials } from './lib/workflows.mjs';
import coldLoad from './scenarios/coldLoad.mjs';
import coldTokenStorm from './scenarios/coldTokenStorm.mjs';
import incidentAttachment from './scenarios/incidentAttachment.mjs';
import nextpertiseReturnAll from './scenarios/nextpertiseReturnAll.mjs';
import perItemReads from './scenarios/perItemReads.mjs';
import queueMode from './scenarios/queueMode.mjs';
import smsBulk from './scenarios/smsBulk.mjs';
import tokenReuse from './scenarios/tokenReuse.mjs';

/** Every scenario, in table order. A new one is one more module here. */
const SCENARIOS = [smsBulk, perItemReads, tokenReuse, coldTokenStorm, queueMode, nextpertiseReturnAll, incidentAttachment, coldLoad];

/**
 * Sizes: `full` is the size the targets are set for; `ci` keeps the CI step short (see BENCHMARKS.md).
 * Per-item reads: `perItemReads` addresses; the Parallel Requests values measured besides the
 * default at 50 ms (`perItemParallel`) and 200 ms (`perItemParallelSlow`); the 0 ms runs
 * (`perItemZeroRuns`, median), also with the legacy expression engine (`perItemLegacy`).
 * Cold token storm: `stormExecutions` executions at once × `stormItems` items.
 * Queue mode: `queueExecutions` executions at once × `queueItems` SMS (0 = not run: starting
 * PostgreSQL, Redis and n8n twice would double the CI step; `npm run test:queue` checks queue mode).
 */
const SIZES = {
	full: {
		name: 'full',
		smsItems: 1000,
		executions: 10,
		itemsPerExecution: 100,
		nextpertiseRows: 10_000,
		attachmentMb: 9,
		coldLoadRuns: 5,
		perItemReads: 300,
		perItemParallel: [1, 5, 10, 20],
		perItemParallelSlow: [20, 100],
		perItemLegacy: true,
		perItemZeroRuns: 3,
		stormExecutions: 10,
		stormItems: 20,
		queueExecutions: 20,
		queueItems: 500,
	},
	ci: {
		name: 'ci (reduced)',
		smsItems: 200,
		executions: 3,
		itemsPerExecution: 20,
		nextpertiseRows: 1_000,
		attachmentMb: 9,
		coldLoadRuns: 3,
		perItemReads: 60,
		perItemParallel: [1],
		perItemParallelSlow: [],
		perItemLegacy: false,
		perItemZeroRuns: 1,
		stormExecutions: 10,
		stormItems: 5,
		queueExecutions: 0,
		queueItems: 0,
	},
};
const LATENCY_MS = 20;

const argv = process.argv.slice(2);
const ci = argv.includes('--ci') || process.env.BENCH_SIZE === 'ci';
const write = !argv.includes('--no-write');
const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const size = ci ? SIZES.ci : SIZES.full;
const scenarios = SCENARIOS.filter((scenario) => !only || only.includes(scenario.id));

const started = Date.now();
const step = (text) => console.error(`[bench +${((Date.now() - started) / 1000).toFixed(0)} s] ${text}`);

function compileBench() {
	const result = spawnSync('npx', ['tsc', '-p', 'bench/tsconfig.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('tsc -p bench/tsconfig.json failed');
}

async function main() {
	step(`size ${size.name}, sandbox latency ${LATENCY_MS} ms per call; building the package, the sandbox and the in-process scripts`);
	const tarball = buildPackageTarball();
	const sandboxModule = loadSandbox();
	compileBench();
	const sandbox = await startSandboxProcess({ latencyMs: LATENCY_MS });
	step(`sandbox process on ${sandbox.url}`);
	const ctx = {
		size,
		latencyMs: LATENCY_MS,
		sandbox,
		clientId: sandboxModule.SANDBOX_CLIENT_ID,
		clientSecret: sandboxModule.SANDBOX_CLIENT_SECRET,
		nextpertise: { username: sandboxModule.NEXTPERTISE_SANDBOX_USERNAME, password: sandboxModule.NEXTPERTISE_SANDBOX_PASSWORD },
		n8n: undefined,
	};
	const rows = [];
	let failed = false;
	try {
		const runnable = scenarios.filter((scenario) => !scenario.pending);
		if (runnable.some((scenario) => scenario.needsN8n)) {
			step(`installing the package into a fresh n8n ${N8N_VERSION} user folder, importing credentials and workflows`);
			ctx.n8n = await prepareN8n({
				tarball,
				credentials: benchCredentials(sandbox.url, ctx.clientId, ctx.clientSecret, ctx.nextpertise),
				workflows: runnable.filter((scenario) => scenario.needsN8n).flatMap((scenario) => scenario.workflows(ctx)),
			});
		}
		for (const scenario of scenarios) {
			if (scenario.pending) {
				console.log(`pending: ${scenario.title}: ${scenario.pending}`);
				rows.push({ ...scenario.row(ctx), pending: scenario.pending, id: scenario.id });
				continue;
			}
			step(`${scenario.title}…`);
			try {
				for (const row of await scenario.run(ctx)) rows.push({ id: scenario.id, ...row });
			} catch (error) {
				failed = true;
				console.error(error);
				rows.push({ id: scenario.id, scenario: scenario.title, error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
			}
		}
	} finally {
		await sandbox.stop();
		ctx.n8n?.dispose();
	}

	const table = markdownTable(rows);
	const summary =
		`Size **${size.name}**, sandbox latency ${LATENCY_MS} ms per call, Node ${process.versions.node} ` +
		`(n8n ${N8N_VERSION} runs on its own Node 24), ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString().slice(0, 10)}.`;
	console.log(`\n${summary}\n\n${table}\n`);
	const results = {
		generatedAt: new Date().toISOString(),
		size,
		latencyMs: LATENCY_MS,
		node: process.versions.node,
		n8n: N8N_VERSION,
		machine: { cpus: cpus().length, model: cpus()[0]?.model },
		rows,
	};
	if (write && !only) {
		if (ci) {
			writeResults(join(REPO_ROOT, 'bench', 'out', 'results.ci.json'), results);
		} else {
			writeResults(join(REPO_ROOT, 'bench', 'results.json'), results);
			updateBenchmarksMd(join(REPO_ROOT, 'BENCHMARKS.md'), table, summary);
		}
	}
	step(`done${failed ? ' (a scenario FAILED)' : ''}`);
	if (failed) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
