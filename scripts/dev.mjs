// `npm run dev`: n8n with this package loaded as a community package, credentials and example
// workflows imported, everything pointed at the local KPN and Nextpertise sandbox. Ctrl-C stops it all.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { ensureN8n } from './n8n/install.mjs';
import { createUserFolder, importCredentials, importWorkflows, installPackage, OWNER, setupOwner, startEditor } from './n8n/instance.mjs';
import { CACHE_ROOT, N8N_VERSION, REPO_ROOT } from './n8n/version.mjs';

const EDITOR_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.KPN_SANDBOX_PORT ?? 7443);
const started = Date.now();
const step = (text) => console.log(`[dev ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}`);

const install = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'ensure-install.mjs')], { stdio: 'inherit' });
if (install.status !== 0) process.exit(install.status ?? 1);
// Imported only now: they need the dev dependencies installed above.
const { buildPackageTarball, exampleWorkflows, loadSandbox, sandboxCredentials, withN8nPort } = await import('./project.mjs');

step('building the package');
const tarball = buildPackageTarball();

step('starting the KPN sandbox');
const sandboxModule = loadSandbox();
const sandbox = await sandboxModule.startSandbox({ port: SANDBOX_PORT });
// Delivery reports for the SMS examples: every 4th recipient's SMS fails (006, handset busy).
sandbox.deliveryReports.configure({ statuses: [1, 1, 1, 4], errorCodes: ['006'], delayMs: 1000 });

step(`making sure n8n ${N8N_VERSION} is installed (first time: about 5 minutes)`);
await ensureN8n({ log: (line) => step(line) });

const userFolder = createUserFolder(join(CACHE_ROOT, 'dev-n8n'));
step(`loading the package into n8n (${userFolder})`);
await installPackage({ userFolder, tarball });
await importCredentials({ userFolder, credentials: sandboxCredentials(sandbox.url, sandboxModule) });
const workflows = withN8nPort(exampleWorkflows(), EDITOR_PORT);
await importWorkflows({ userFolder, workflows });

step('starting the n8n editor');
const forwarded = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('N8N_')));
const editor = await startEditor({
	userFolder,
	port: EDITOR_PORT,
	env: { ...forwarded, N8N_SECURE_COOKIE: 'false', N8N_DEV_RELOAD: 'true' },
});
await setupOwner(editor.url, { log: () => {} });

console.log(`
  n8n ${N8N_VERSION} is running with n8n-nodes-kpn-nextpertise: ${editor.url}
  Sign in as ${OWNER.email} / ${OWNER.password} (local demo account).
  Credentials "KPN (sandbox)", "KPN Mobile Service Management (sandbox)" and
  "Nextpertise (sandbox)" point at the sandbox on ${sandbox.url}; ${workflows.length} example workflow(s) are under Overview.
  Ctrl-C stops n8n and the sandbox.
`);

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	step('stopping');
	await editor.stop();
	await sandbox.close();
	process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
