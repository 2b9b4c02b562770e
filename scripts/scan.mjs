// `npm run scan`: runs the analyzer of @n8n/scan-community-package (the check n8n runs before it
// lists a community package) on this checkout, without publishing anything. Its CLI only scans a
// published version (it needs npm provenance and the GitHub source), so this calls the exported
// `analyzePackage` twice, as the CLI does: on the source (package.json, nodes/, credentials/) and on
// the packed tarball (its compiled .js and package.json). Exit code 1 if either has a finding.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

import { REPO_ROOT } from './n8n/version.mjs';
import { buildPackageTarball } from './project.mjs';

const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function unpack(tarball) {
	const dir = mkdtempSync(join(tmpdir(), 'kpn-scan-'));
	const packageDir = join(dir, 'package');
	mkdirSync(packageDir);
	const result = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`tar -xzf ${tarball} failed (exit ${result.status})`);
	return { dir, packageDir };
}

function report(label, result) {
	console.log(`${result.passed ? 'PASS' : 'FAIL'} ${label}${result.message ? `: ${result.message}` : ''}`);
	if (result.details) console.log(result.details);
	return result.passed;
}

const sourcePassed = report('source', await analyzePackage(REPO_ROOT, SOURCE_FILE_PATTERNS));

const tarball = buildPackageTarball();
const { dir, packageDir } = unpack(tarball);
let tarballPassed;
try {
	tarballPassed = report(`tarball ${tarball}`, await analyzePackage(packageDir, TARBALL_FILE_PATTERNS));
} finally {
	rmSync(dir, { recursive: true, force: true });
}

process.exit(sourcePassed && tarballPassed ? 0 : 1);
