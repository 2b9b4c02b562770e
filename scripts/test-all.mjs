// `npm run test:all`: every test the project has, each step timed. Works on a fresh clone.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
	['install dev dependencies if missing', 'node', ['scripts/ensure-install.mjs']],
	['lint, n8n scanner and unit tests (npm test)', 'npm', ['test']],
	['fault suite (npm run test:faults)', 'npm', ['run', 'test:faults']],
	['Debian chromium for the browser check', 'bash', ['scripts/install-chromium.sh']],
	['end-to-end tests in real n8n (npm run test:e2e)', 'npm', ['run', 'test:e2e']],
	['queue mode: main + 2 workers, PostgreSQL, Redis (npm run test:queue)', 'npm', ['run', 'test:queue']],
	// A benchmark, not a test: it fails only if a scenario cannot run. Reduced size (see BENCHMARKS.md).
	['benchmark, reduced size (npm run bench -- --ci)', 'npm', ['run', 'bench', '--', '--ci']],
];

const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(0);
for (const [label, command, args] of steps) {
	console.log(`\n=== ${label}`);
	const stepStarted = Date.now();
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	console.log(`=== ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds(stepStarted)} s`);
	if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log(`\n=== all tests passed in ${seconds(started)} s`);
