// Real n8n for the benchmark: one user folder with the package installed, the benchmark's
// credentials and workflows imported, and `n8n execute` runs whose peak memory is sampled.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureN8n } from '../../scripts/n8n/install.mjs';
import {
	createUserFolder,
	freePort,
	importCredentials,
	importWorkflows,
	installPackage,
	n8nEnv,
	nodeOutput,
	parseRunJson,
} from '../../scripts/n8n/instance.mjs';
import { watchPeakRss } from './memory.mjs';

export { nodeOutput };

/** A fresh user folder with the package tarball installed and the given credentials and workflows. */
export async function prepareN8n({ tarball, credentials, workflows, log }) {
	const userFolder = createUserFolder();
	await installPackage({ userFolder, tarball, log });
	await importCredentials({ userFolder, credentials });
	await importWorkflows({ userFolder, workflows });
	return {
		userFolder,
		execute: (id, env) => executeMeasured({ userFolder, id, env }),
		dispose: () => rmSync(userFolder, { recursive: true, force: true }),
	};
}

// n8n processes still running: their process groups are killed if the benchmark exits early.
const running = new Set();
let hooked = false;
function track(child) {
	running.add(child);
	child.once('close', () => running.delete(child));
	if (hooked) return;
	hooked = true;
	process.once('exit', () => {
		for (const live of running) {
			try {
				process.kill(-live.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	});
	for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
}

/**
 * `n8n execute --id=… --rawOutput` with the peak resident memory of the n8n process sampled from
 * /proc. Returns the run JSON (null if none was printed), the exit code and the peak RSS in MB.
 */
export async function executeMeasured({ userFolder, id, env: extraEnv = {} }) {
	const { nodeBin, n8nBin } = await ensureN8n({ log: () => {} });
	const brokerPort = await freePort();
	// At other log levels or formats n8n prints no run JSON, or prefixes its lines.
	const env = n8nEnv({ nodeBin, userFolder, brokerPort, extra: { ...extraEnv, N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'text' } });
	// n8n prints the run and exits at once: into a pipe, whatever Node had not written yet is lost
	// (runs of a few MB came back cut off, exit code 0). Writes to a file are synchronous, so the
	// run's stdout goes to a file and is read back after the process has exited.
	const outDir = mkdtempSync(join(tmpdir(), 'n8n-bench-out-'));
	const outFd = openSync(join(outDir, 'stdout'), 'w');
	const started = Date.now();
	let child;
	try {
		child = spawn(nodeBin, [n8nBin, 'execute', `--id=${id}`, '--rawOutput'], {
			cwd: userFolder,
			env,
			stdio: ['ignore', outFd, 'pipe'],
			detached: true,
		});
	} finally {
		closeSync(outFd); // the child has its own copy
	}
	track(child);
	const memory = watchPeakRss(child.pid);
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const [code, signal] = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (...result) => resolve(result));
	});
	const peakRssMb = memory.stop();
	const stdout = readFileSync(join(outDir, 'stdout'), 'utf8');
	rmSync(outDir, { recursive: true, force: true });
	try {
		process.kill(-child.pid, 'SIGKILL'); // task runners n8n started
	} catch {
		// already gone
	}
	const json = parseRunJson(stdout);
	// n8n 2.41 `execute` sometimes dies with SIGSEGV while disposing its isolate pool after the run
	// was printed (see scripts/n8n/instance.mjs); the printed run is complete.
	const ok = json ? !json.data?.resultData?.error : code === 0;
	return { ok, code, signal, json, stdout, stderr, peakRssMb, processMs: Date.now() - started };
}

/** Items, wall time (the node's own executionTime) and error of one node in a run JSON. */
export function nodeRun(json, nodeName) {
	const task = json?.data?.resultData?.runData?.[nodeName]?.[0];
	return {
		items: nodeOutput(json, nodeName),
		executionMs: task?.executionTime,
		startTime: task?.startTime,
		error: task?.error ?? json?.data?.resultData?.error ?? null,
	};
}
