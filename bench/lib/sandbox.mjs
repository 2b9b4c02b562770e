// The sandbox as a separate process on 127.0.0.1 (compiled from test/sandbox), driven over its
// admin API like any other client would: latency, reset, request log.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { REPO_ROOT } from '../../scripts/n8n/version.mjs';

const CLI = join(REPO_ROOT, '.cache', 'sandbox-dist', 'test', 'sandbox', 'cli.js');

/**
 * Starts `node cli.js --port 0` and resolves once it prints its URL.
 * @returns {Promise<SandboxProcess>}
 */
export async function startSandboxProcess({ latencyMs }) {
	const child = spawn(process.execPath, [CLI, '--port', '0'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const url = await new Promise((resolve, reject) => {
		const onData = (chunk) => {
			output += chunk;
			const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (found) resolve(found[1]);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => reject(new Error(`sandbox exited (${code}) before listening:\n${output}`)));
		child.once('error', reject);
	});
	const sandbox = new SandboxProcess(child, url, latencyMs);
	await sandbox.reset();
	return sandbox;
}

export class SandboxProcess {
	constructor(child, url, latencyMs) {
		this.child = child;
		this.url = url;
		this.latencyMs = latencyMs;
	}

	async admin(method, path, body) {
		const response = await fetch(`${this.url}/__sandbox/${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${text}`);
		return text ? JSON.parse(text) : null;
	}

	/** Clears log, faults and state (issued tokens stay valid), then sets the latency again. */
	async reset() {
		await this.admin('POST', 'reset');
		await this.admin('POST', 'latency', { ms: this.latencyMs });
	}

	async clearLog() {
		await this.admin('DELETE', 'log');
	}

	/** The request log since the last reset/clear, summarised: calls in all, token calls, per path. */
	async calls() {
		const log = await this.admin('GET', 'log');
		const token = log.filter((entry) => /\/accesstoken$|\/jwt\/log-in$/.test(entry.path));
		return {
			total: log.length,
			token: token.length,
			api: log.length - token.length,
			failed: log.filter((entry) => entry.status >= 400).length,
			log,
		};
	}

	async stop() {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGTERM');
		await exited;
	}
}
