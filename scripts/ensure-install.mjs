// Installs the project's dev dependencies when they are missing or older than the lockfile, so
// `npm run dev` and `npm run test:all` work on a fresh clone as the first command.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lockfile = join(root, 'package-lock.json');

const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lockfile).mtimeMs;
if (stale) {
	console.log('Installing dev dependencies (npm ci)…');
	const started = Date.now();
	const result = spawnSync('npm', ['ci'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	console.log(`Dependencies installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
