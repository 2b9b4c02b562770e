// Benchmark child process: the Nextpertise node's Return All over many rows, run in n8n-core's
// WorkflowExecute (test/harness/runNode) against the sandbox process: rows out, wall time and the
// peak memory it took. (n8n's `execute` cannot print a 10,000-row run completely, so this size is
// measured here; the bench runs a smaller size in real n8n as well.)
// Usage: node --expose-gc nextpertiseReturnAll.js '{"sandboxUrl": …, "username": …, "password": …}'
import '../../test/setup/env';

import { readFileSync, writeFileSync } from 'node:fs';

import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { nextpertiseCredentialStore } from '../../test/harness/nextpertiseCredentials';
import { runNode } from '../../test/harness/runNode';

interface Args {
	sandboxUrl: string;
	username: string;
	password: string;
}

const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);

async function main(): Promise<void> {
	const args = JSON.parse(process.argv[2]) as Args;
	const credentials = nextpertiseCredentialStore({
		username: args.username,
		password: args.password,
		authentication: 'jwt',
		baseUrl: args.sandboxUrl,
	});
	const parameters = { resource: 'broadband', operation: 'list_connections', returnAll: true, additionalFields: {} };
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const rssBeforeKb = kb('VmRSS');
	let peakReset = true;
	try {
		writeFileSync('/proc/self/clear_refs', '5'); // Linux: reset the peak (VmHWM) to the current size
	} catch {
		peakReset = false;
	}
	const started = performance.now();
	const run = await runNode({ nodeType: new Nextpertise(), parameters: parameters as never, credentials });
	const wallMs = performance.now() - started;
	const peakKb = kb('VmHWM');
	const result = {
		ok: !run.error,
		error: run.error?.message,
		rows: run.items.length,
		distinctRows: new Set(run.items.map((item) => JSON.stringify(item.json))).size,
		wallMs,
		rssBeforeMb: rssBeforeKb / 1024,
		peakRssMb: peakKb / 1024,
		peakDeltaMb: peakReset ? (peakKb - rssBeforeKb) / 1024 : undefined,
		peakReset,
	};
	process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
}

main()
	.catch((error: unknown) => {
		process.stdout.write(`\nRESULT ${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`);
		process.exitCode = 1;
	})
	.finally(() => {
		if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
	});
