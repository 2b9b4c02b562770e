// Builds what the dev command and the end-to-end tests run: the package tarball and the sandbox.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { REPO_ROOT } from './n8n/version.mjs';

// Build output of this checkout (KPN_N8N_CACHE may point n8n's cache elsewhere; these stay here).
const BUILD_CACHE = join(REPO_ROOT, '.cache');

const require = createRequire(import.meta.url);

function run(command, args) {
	const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
	return result.stdout;
}

/** `npm run build`, then `npm pack` into .cache/pack; returns the tarball's path. */
export function buildPackageTarball() {
	run('npm', ['run', 'build', '--silent']);
	const packDir = join(BUILD_CACHE, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	run('npm', ['pack', '--silent', '--pack-destination', packDir]);
	const tarball = readdirSync(packDir).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	return join(packDir, tarball);
}

/** Compiles the sandbox (test/sandbox, TypeScript) and returns its module. */
export function loadSandbox() {
	run('npx', ['tsc', '-p', 'test/sandbox/tsconfig.json']);
	return require(join(BUILD_CACHE, 'sandbox-dist', 'test', 'sandbox', 'server.js'));
}

/** Credentials that point the package's credential types at a sandbox URL. */
export function sandboxCredentials(sandboxUrl, sandboxModule) {
	const client = { clientId: sandboxModule.SANDBOX_CLIENT_ID, clientSecret: sandboxModule.SANDBOX_CLIENT_SECRET };
	return [
		{
			id: 'kpnSandboxApi01',
			name: 'KPN (sandbox)',
			type: 'kpnApi',
			data: {
				...client,
				baseUrl: sandboxUrl,
				tokenUrl: `${sandboxUrl}/oauth/client_credential/accesstoken?grant_type=client_credentials`,
			},
		},
		{
			id: 'kpnSandboxMsm01',
			name: 'KPN Mobile Service Management (sandbox)',
			type: 'kpnMobileServiceManagementApi',
			data: {
				...client,
				baseUrl: sandboxUrl,
				tokenUrl: `${sandboxUrl}/oauth/grip/msm/accesstoken?grant_type=client_credentials`,
			},
		},
		{
			id: 'nxpSandboxApi01',
			name: 'Nextpertise (sandbox)',
			type: 'nextpertiseApi',
			data: {
				username: sandboxModule.NEXTPERTISE_SANDBOX_USERNAME,
				password: sandboxModule.NEXTPERTISE_SANDBOX_PASSWORD,
				authentication: 'jwt',
				baseUrl: sandboxUrl,
			},
		},
	];
}

/** The example workflows in examples/, one JSON file each. */
export function exampleWorkflows(folder = join(REPO_ROOT, 'examples')) {
	return readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')));
}

/** Where the examples expect n8n (`npm run dev`'s default), e.g. in the SMS delivery-report URL. */
export const EXAMPLES_N8N_URL = 'http://127.0.0.1:5678/';

/** The workflows with every URL of n8n on 127.0.0.1:5678 moved to another port. */
export function withN8nPort(workflows, port) {
	return workflows.map((workflow) => JSON.parse(JSON.stringify(workflow).replaceAll(EXAMPLES_N8N_URL, `http://127.0.0.1:${port}/`)));
}
