// One n8n user folder with this package, the sandbox credentials and every example and e2e
// workflow imported, shared by the end-to-end tests of one run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createUserFolder, executeWorkflow, importCredentials, importWorkflows, installPackage, nodeOutput } from '../../scripts/n8n/instance.mjs';
import { REPO_ROOT } from '../../scripts/n8n/version.mjs';
import { buildPackageTarball, exampleWorkflows, loadSandbox, sandboxCredentials } from '../../scripts/project.mjs';

export { nodeOutput };

const timer = (label) => {
	const started = Date.now();
	return () => console.log(`# ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

export async function prepareN8n() {
	let done = timer('build package');
	const tarball = buildPackageTarball();
	done();
	const sandboxModule = loadSandbox();
	const sandbox = await sandboxModule.startSandbox({ port: 0 });
	done = timer('install package and import credentials/workflows into n8n');
	const userFolder = createUserFolder();
	await installPackage({ userFolder, tarball });
	await importCredentials({ userFolder, credentials: sandboxCredentials(sandbox.url, sandboxModule) });
	const folder = join(REPO_ROOT, 'test', 'e2e', 'workflows');
	const e2eWorkflows = readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')));
	await importWorkflows({ userFolder, workflows: [...exampleWorkflows(), ...e2eWorkflows] });
	done();

	return {
		sandbox,
		userFolder,
		/** Runs a saved workflow with `n8n execute`; returns exit code, run JSON and output. */
		async execute(id) {
			const finished = timer(`n8n execute ${id}`);
			const result = await executeWorkflow({ userFolder, id });
			finished();
			return result;
		},
		calls(pathEnd) {
			return sandbox.log.filter((entry) => entry.path.endsWith(pathEnd));
		},
		async close() {
			await sandbox.close();
		},
	};
}

/** The error n8n reports for a failed run (message and description). */
export function runError(json) {
	return json?.data?.resultData?.error ?? null;
}
