// One n8n user folder with this package, the sandbox credentials and every example and e2e
// workflow imported, shared by the end-to-end tests of one file. The n8n is N8N_DEFAULT of
// scripts/n8n/version.mjs unless another release (N8N_V1) is given.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createUserFolder, executeWorkflow, importCredentials, importWorkflows, installPackage, nodeOutput } from '../../scripts/n8n/instance.mjs';
import { N8N_DEFAULT, REPO_ROOT } from '../../scripts/n8n/version.mjs';
import { buildPackageTarball, exampleWorkflows, loadSandbox, sandboxCredentials } from '../../scripts/project.mjs';

export { nodeOutput };

const timer = (label) => {
	const started = Date.now();
	return () => console.log(`# ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

/** @param {{ release?: import('../../scripts/n8n/version.mjs').N8nRelease }} [options] */
export async function prepareN8n({ release = N8N_DEFAULT } = {}) {
	let done = timer('build package');
	const tarball = buildPackageTarball();
	done();
	const sandboxModule = loadSandbox();
	const sandbox = await sandboxModule.startSandbox({ port: 0 });
	done = timer('install package and import credentials/workflows into n8n');
	const userFolder = createUserFolder();
	await installPackage({ userFolder, tarball, release });
	const credentials = sandboxCredentials(sandbox.url, sandboxModule);
	await importCredentials({ userFolder, credentials, release });
	const folder = join(REPO_ROOT, 'test', 'e2e', 'workflows');
	const e2eWorkflows = readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')));
	const workflows = [...exampleWorkflows(), ...e2eWorkflows];
	await importWorkflows({ userFolder, workflows, release });
	done();

	// Credentials (ids) that runs may have stored a token with since they were imported.
	const credentialsOf = (id) =>
		(workflows.find((w) => w.id === id)?.nodes ?? []).flatMap((node) => Object.values(node.credentials ?? {}).map((c) => c.id));
	const used = new Set();

	return {
		release,
		sandbox,
		userFolder,
		/** Runs a saved workflow with `n8n execute`; returns exit code, run JSON and output. */
		async execute(id) {
			for (const credential of credentialsOf(id)) used.add(credential);
			const finished = timer(`n8n execute ${id}`);
			const result = await executeWorkflow({ userFolder, id, release });
			finished();
			return result;
		},
		/**
		 * Makes sure the credentials of workflow `id` hold no token yet, as right after prepareN8n: if
		 * an earlier run used one of them, the sandbox credentials are imported again (~5 s).
		 */
		async freshCredentials(id) {
			if (!credentialsOf(id).some((credential) => used.has(credential))) return;
			const finished = timer(`re-import credentials for ${id}`);
			await importCredentials({ userFolder, credentials, release });
			used.clear();
			finished();
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
