// Scenarios measured in n8n-core's engine (test/harness/runNode) rather than a full n8n: each
// script in bench/inprocess/ is compiled to .cache/bench-dist and run in a fresh Node process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { REPO_ROOT } from '../../scripts/n8n/version.mjs';

/** Runs one compiled bench/inprocess script in a child Node process; resolves its RESULT line. */
export function runInProcessScript(name, args) {
	const script = join(REPO_ROOT, '.cache', 'bench-dist', 'bench', 'inprocess', `${name}.js`);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', script, JSON.stringify(args)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.once('error', reject);
		child.once('close', () => {
			const line = output.split('\n').find((text) => text.startsWith('RESULT '));
			if (!line) return reject(new Error(`${name} printed no result:\n${output.slice(-2000)}`));
			resolve(JSON.parse(line.slice('RESULT '.length)));
		});
	});
}

