// Drives a pinned n8n (see install.mjs) against a user folder: install a community package,
// import credentials and workflows, execute a workflow headless, run the editor. Every function
// takes an optional `release` (version.mjs: N8N_DEFAULT unless given, or N8N_V1); a user folder
// belongs to one release.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { ensureN8n } from './install.mjs';
import { N8N_DEFAULT } from './version.mjs';

/** Fixed so credentials stay readable across runs of the same user folder. Not a secret. */
export const ENCRYPTION_KEY = 'kpn-nextpertise-local-dev-only';

/** Owner created by setupOwner() on a fresh instance (local use only). */
export const OWNER = {
	email: 'demo@example.com',
	password: 'Demo-Passw0rd',
	firstName: 'Demo',
	lastName: 'User',
};

/** Makes a fresh temporary user folder, or creates (if needed) and returns the given one. */
export function createUserFolder(path) {
	if (!path) return mkdtempSync(join(tmpdir(), 'n8n-user-'));
	mkdirSync(path, { recursive: true });
	return resolve(path);
}

/** Resolves with a TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePromise(port));
		});
	});
}

/** Whether nothing listens on 127.0.0.1:port. */
export function portIsFree(port) {
	return new Promise((resolvePromise) => {
		const server = createServer();
		server.once('error', () => resolvePromise(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
	});
}

/**
 * Waits until n8n has registered the production webhook `path` (POST only). n8n answers its health
 * checks before it has activated the published workflows; a GET on a POST-only webhook tells the
 * two states apart without starting a run: "… is not registered" before, "… not registered for GET
 * requests. Did you mean to make a POST request?" after.
 */
export async function waitForWebhook(url, path, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		const response = await fetch(`${url}/webhook/${path}`);
		last = `${response.status} ${await response.text()}`;
		if (/POST request/.test(last)) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the production webhook ${path} was not registered after ${timeoutMs} ms: ${last.slice(0, 300)}`);
}

/**
 * Environment for an n8n process. N8N_*, DB_*, NODE_ENV and NODE_OPTIONS of the calling process are
 * dropped (a test runner's NODE_ENV=test changes how n8n exits, a debugger's NODE_OPTIONS breaks
 * it); then come the release's own settings (`release.env`, a null value removes a variable), and
 * last anything you pass in `extra`, which wins over everything.
 */
export function n8nEnv({ nodeBin, userFolder, brokerPort, port, release = N8N_DEFAULT, extra = {} }) {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^(N8N_|DB_|NODE_ENV$|NODE_OPTIONS$)/.test(key)),
	);
	const env = {
		...inherited,
		// Anything n8n spawns with a bare `node` (its JS task runner does) must get n8n's Node too.
		PATH: dirname(nodeBin) + delimiter + process.env.PATH,
		NODE_ENV: 'production', // as in n8n's Docker image
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LOG_LEVEL: 'info', // at warn, `execute --rawOutput` prints no JSON
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// Offline machine: the MCP server registry refresh only logs a stack trace for api.n8n.io.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port ?? 5678),
		N8N_SECURE_COOKIE: 'false',
		...release.env,
		...extra,
	};
	for (const [key, value] of Object.entries(env)) if (value === null || value === undefined) delete env[key];
	return env;
}

// Process groups of running n8n children: stopped when this process is interrupted, killed when it exits.
const children = new Set();
let exitHooked = false;

/** Sends a signal to a child's whole process group (n8n and its task runners); ignores a gone group. */
export function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal); // n8n and its task runners
	} catch {
		// already gone
	}
}

function track(child) {
	children.add(child);
	child.once('exit', () => children.delete(child));
	if (exitHooked) return;
	exitHooked = true;
	process.once('exit', () => {
		for (const c of children) killGroup(c, 'SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, async () => {
			// Let n8n shut down cleanly (it takes < 1 s), but not forever.
			const exits = [...children].map((c) => new Promise((r) => c.once('exit', r)));
			for (const c of children) killGroup(c, 'SIGTERM');
			await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 5000))]);
			process.exit(128 + constants.signals[signal]);
		});
	}
}

/** Runs a command to completion without blocking the event loop. */
function run(command, args, options) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
	});
}

/**
 * Spawns `n8n <args>` on the release's Node in its own process group (with its own task-runner
 * broker port), tracked so it is stopped when this process is interrupted and killed when it exits.
 * @returns {Promise<import('node:child_process').ChildProcess>} stdout and stderr are pipes.
 */
export async function spawnN8n({ userFolder, args, port, env, log, release = N8N_DEFAULT }) {
	const { nodeBin, n8nBin } = await ensureN8n({ release, log });
	const brokerPort = await freePort();
	const child = spawn(nodeBin, [n8nBin, ...args], {
		cwd: userFolder,
		env: n8nEnv({ nodeBin, userFolder, brokerPort, port, release, extra: env }),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	track(child);
	return child;
}

/**
 * Runs `n8n <args>` to completion. `code` is the exit code, or 128 + signal number.
 * @returns {Promise<{ code: number, signal: string | null, stdout: string, stderr: string }>}
 */
export async function runN8n({ userFolder, args, env, log, release }) {
	const child = await spawnN8n({ userFolder, args, env, log, release });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const [exitCode, signal] = await new Promise((resolvePromise, reject) => {
		child.on('error', reject);
		child.on('close', (...result) => resolvePromise(result));
	});
	killGroup(child, 'SIGKILL'); // leftovers such as a task runner
	const code = exitCode ?? 128 + (constants.signals[signal] ?? 0);
	return { code, signal, stdout, stderr };
}

async function runOrThrow(options) {
	const result = await runN8n(options);
	if (result.code !== 0) {
		throw new Error(`n8n ${options.args.join(' ')} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
	}
	return result;
}

function withJsonFile(name, value, fn) {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-import-'));
	const file = join(dir, name);
	writeFileSync(file, JSON.stringify(value, null, 2));
	return fn(file).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/**
 * Imports credentials: `[{ id, name, type, data: { ...plain fields } }]` (data is encrypted by n8n).
 */
export function importCredentials({ userFolder, credentials, env, log, release }) {
	return withJsonFile('credentials.json', credentials, (file) =>
		runOrThrow({ userFolder, args: ['import:credentials', `--input=${file}`], env, log, release }),
	);
}

/** Imports workflows: `[{ id (≤ 21 chars), name, nodes, connections, ... }]`. */
export function importWorkflows({ userFolder, workflows, env, log, release }) {
	const list = workflows.map((w) => ({ active: false, settings: {}, connections: {}, ...w }));
	return withJsonFile('workflows.json', list, (file) =>
		runOrThrow({ userFolder, args: ['import:workflow', `--input=${file}`], env, log, release }),
	);
}

/**
 * Runs a saved workflow headless (`n8n execute --id --rawOutput`). `code` is 0 for a successful run,
 * 1 for a failed one. `json` is the run (`{ status, data: { resultData: { runData, error? } } }`) or null.
 * @returns {Promise<{ code: number, signal: string | null, json: any, stdout: string, stderr: string }>}
 */
export async function executeWorkflow({ userFolder, id, env, log, release }) {
	// Other log levels or formats prefix or hide the JSON lines.
	env = { ...env, N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'text' };
	const result = await runN8n({ userFolder, args: ['execute', `--id=${id}`, '--rawOutput'], env, log, release });
	const json = parseRunJson(result.stdout);
	// n8n 2.41 `execute` exits without disposing the expression engine's isolate pool, so about one
	// run in three dies with SIGSEGV while isolated-vm warms a new isolate. The run is complete by
	// then; take the outcome from the printed run, as the exit code would have given it.
	if (result.signal === 'SIGSEGV' && json) result.code = json.data?.resultData?.error ? 1 : 0;
	return { ...result, json };
}

/** The run JSON printed by `execute --rawOutput`: from a line `{` to the next line `}`. */
export function parseRunJson(stdout) {
	const lines = stdout.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start < 0) return null;
	const end = lines.indexOf('}', start + 1);
	if (end < 0) return null;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

/** Output items of one node in a run JSON from executeWorkflow: `[{ json, pairedItem, ... }]`. */
export function nodeOutput(json, nodeName, { run = 0, output = 0 } = {}) {
	return json?.data?.resultData?.runData?.[nodeName]?.[run]?.data?.main?.[output] ?? [];
}

/**
 * Installs a package tarball as a community package of this user folder
 * (`<userFolder>/.n8n/nodes/node_modules/<name>`). Replaces an earlier install of the same package.
 * @returns {Promise<{ name: string, version: string, dir: string }>}
 */
export async function installPackage({ userFolder, tarball, log = () => {}, release = N8N_DEFAULT }) {
	const { nodeBin } = await ensureN8n({ release, log });
	tarball = resolve(tarball);
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifest = join(nodesDir, 'package.json');
	if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));

	const manifestText = await run('tar', ['-xzOf', tarball, 'package/package.json']);
	if (manifestText.code !== 0) throw new Error(`cannot read package/package.json in ${tarball}: ${manifestText.stderr}`);
	const pkg = JSON.parse(manifestText.stdout);
	const dir = join(nodesDir, 'node_modules', pkg.name);
	// A rebuilt tarball usually keeps its version; remove the old copy so npm cannot keep it.
	rmSync(dir, { recursive: true, force: true });
	const args = ['install', tarball, '--omit=dev', '--omit=peer', '--legacy-peer-deps', '--no-audit', '--no-fund'];
	const result = await run('npm', args, {
		cwd: nodesDir,
		env: { ...process.env, PATH: dirname(nodeBin) + delimiter + process.env.PATH },
	});
	if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
	log(`installed ${pkg.name}@${pkg.version} into ${nodesDir}`);
	return { name: pkg.name, version: pkg.version, dir };
}

/**
 * Starts `n8n start` on 127.0.0.1 and waits until it is ready (GET /healthz/readiness → 200;
 * plain /healthz answers before the REST routes exist).
 * @param {{ userFolder: string, port?: number, env?: object, log?: (line: string) => void, timeoutMs?: number,
 *   release?: import('./version.mjs').N8nRelease }} options
 *   port defaults to a free port; `log` receives n8n's output lines.
 * @returns {Promise<{ url: string, port: number, pid: number, stop: () => Promise<void> }>}
 */
export async function startEditor({ userFolder, port, env, log, timeoutMs = 90_000, release }) {
	port ??= await freePort();
	const child = await spawnN8n({ userFolder, args: ['start'], port, env, log, release });
	const url = `http://127.0.0.1:${port}`;
	const tail = [];
	const onData = (chunk) => {
		for (const line of chunk.toString().split('\n')) {
			if (!line.trim()) continue;
			log?.(line);
			tail.push(line);
			if (tail.length > 40) tail.shift();
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));

	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
		killGroup(child, 'SIGKILL'); // task runners that outlived n8n
	};

	const deadline = Date.now() + timeoutMs;
	let early = null;
	exited.then((e) => (early = e));
	for (;;) {
		if (early) throw new Error(`n8n start exited (${early.code ?? early.signal}) before it was healthy:\n${tail.join('\n')}`);
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n start was not healthy after ${timeoutMs} ms:\n${tail.join('\n')}`);
		}
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return { url, port, pid: child.pid, stop };
}

/**
 * Creates the owner account (OWNER) if the instance has none, then logs in.
 * @returns {Promise<{ cookie: string, headers: Record<string, string>, email: string, password: string }>}
 *   `headers` (cookie + browser-id) authenticate later requests, e.g. GET `${url}/types/nodes.json`.
 */
export async function setupOwner(url, { log = (line) => console.error(line) } = {}) {
	const browserId = 'kpn-n8n-scripts';
	const post = (path, body) =>
		fetch(`${url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify(body),
		});

	const setup = await post('/rest/owner/setup', OWNER);
	const setupText = await setup.text();
	// 400 means an owner exists already (reused user folder): logging in is enough then.
	if (!setup.ok && setup.status !== 400) throw new Error(`POST /rest/owner/setup: ${setup.status} ${setupText}`);
	if (setup.ok) log(`n8n owner created: ${OWNER.email} / ${OWNER.password}`);

	const login = await post('/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	if (!login.ok) {
		throw new Error(`POST /rest/login: ${login.status} ${await login.text()} (owner setup said: ${setup.status} ${setupText})`);
	}
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('POST /rest/login returned no n8n-auth cookie');
	return { cookie, headers: { cookie, 'browser-id': browserId }, email: OWNER.email, password: OWNER.password };
}
