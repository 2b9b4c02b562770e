// Starts n8n in queue mode on this machine, on 127.0.0.1 only, and tears it all down again:
// a throw-away PostgreSQL cluster (run as the `postgres` user), a Redis server (installed by
// install-redis.sh when missing), one `n8n start` main and N `n8n worker` processes. Every n8n
// process gets its own user folder with the package tarball installed as a community package (a
// worker without it fails jobs with "Unrecognized node type"; a shared folder trips n8n's crash
// journal) and its own task-runner broker port; they share the database, Redis and the encryption
// key. Credentials and workflows are imported into PostgreSQL with the n8n CLI, and workflows
// published, before the main starts. Webhook executions then run on the workers, which log
// "Worker started execution <id> (job <n>)"; workerOf() and executionsPerWorker() read those lines.
//
// Usage:
//   const stack = await startQueueStack({ workers: 2, workflows, publish: ['wfId'], credentials, tarball });
//   await fetch(`${stack.mainUrl}/webhook/path`, { method: 'POST', ... });
//   stack.executionsPerWorker(); // e.g. [2, 2]
//   await stack.stop();
// Everything started is stopped and removed by stop(), when a step of the start fails, and when this
// process exits or gets SIGINT/SIGTERM/SIGHUP (not SIGKILL). Comes up in ~20-40 s with 2 workers.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort, importCredentials, importWorkflows, installPackage, killGroup, runN8n, setupOwner, spawnN8n } from '../n8n/instance.mjs';
import { ensureN8n } from '../n8n/install.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DB_NAME = 'n8n';
const DB_USER = 'n8n';
const DB_PASSWORD = 'n8n-local-only';
const TAIL_LINES = 60;

/**
 * @typedef {{ role: 'main' | 'worker', index: number, pid: number, userFolder: string, port: number,
 *   lines: string[] }} QueueProcess
 *   `port`: N8N_PORT of the main, QUEUE_HEALTH_CHECK_PORT of a worker. `lines`: every output line so far.
 * @typedef {{
 *   mainUrl: string,
 *   processes: QueueProcess[],
 *   workerOf: (executionId: string | number) => number | undefined,
 *   executionsPerWorker: () => number[],
 *   auth: Awaited<ReturnType<typeof setupOwner>>,
 *   env: Record<string, string>,
 *   postgres: { port: number, database: string, user: string, dataDir: string, lines: string[] },
 *   redis: { port: number, lines: string[] },
 *   stop: (options?: { together?: boolean }) => Promise<void>,
 * }} QueueStack
 *   `env`: the queue settings every n8n process got (DB_*, QUEUE_BULL_*, EXECUTIONS_MODE and the
 *   caller's `env`), e.g. to run more n8n CLI commands against the same database.
 */

/** Stacks not yet stopped: stopped by stopAllQueueStacks() and the exit/signal handlers. */
const live = new Set();
let hooked = false;

function hookProcess() {
	if (hooked) return;
	hooked = true;
	// Last resort: only synchronous work is possible here.
	process.on('exit', () => {
		for (const stack of live) stack.stopSync();
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, async () => {
			// All at once: instance.mjs's own handler exits as soon as the n8n processes are gone.
			const all = Promise.all([...live].map((stack) => stack.stop({ together: true })));
			await Promise.race([all, new Promise((r) => setTimeout(r, 15_000))]);
			process.exit(128 + constants.signals[signal]);
		});
	}
}

/** Stops every queue stack of this process that is still running. Never throws. */
export async function stopAllQueueStacks() {
	await Promise.all([...live].map((stack) => stack.stop()));
}

/** Splits a stream into lines (ANSI colours removed), calling `onLine` for each non-empty one. */
function readLines(stream, onLine) {
	let rest = '';
	stream.setEncoding('utf8');
	stream.on('data', (chunk) => {
		const parts = (rest + chunk).split(/\r?\n/);
		rest = parts.pop();
		for (const line of parts) if (line.trim()) onLine(line.replace(/\x1b\[[0-9;]*m/g, ''));
	});
	stream.on('end', () => {
		if (rest.trim()) onLine(rest.replace(/\x1b\[[0-9;]*m/g, ''));
		rest = '';
	});
}

/** Runs a command to completion; resolves `{ code, output }` (stdout + stderr). */
function run(command, args, options = {}) {
	return new Promise((resolvePromise) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		child.on('error', (error) => resolvePromise({ code: -1, output: output + String(error) }));
		child.on('close', (code, signal) => resolvePromise({ code: code ?? 128 + (constants.signals[signal] ?? 0), output }));
	});
}

async function runOrThrow(command, args, options) {
	const result = await run(command, args, options);
	if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code}):\n${tail(result.output)}`);
	return result;
}

function tail(text, n = TAIL_LINES) {
	const lines = Array.isArray(text) ? text : text.split('\n');
	return lines.slice(-n).join('\n');
}

/** Folder of the PostgreSQL server binaries (initdb, pg_ctl, postgres); env PG_BIN overrides. */
function pgBinDir() {
	const candidates = [process.env.PG_BIN, '/usr/local/bin'];
	try {
		const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
		candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
	} catch {
		// no Debian PostgreSQL packages
	}
	const dir = candidates.find((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
	if (!dir) throw new Error('PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; set PG_BIN');
	return dir;
}

/** Argument list prefix running a command as the `postgres` user when this process is root. */
function asPostgres(command, args) {
	if (process.getuid?.() === 0) return ['runuser', ['-u', 'postgres', '--', command, ...args]];
	return [command, args];
}

/** A spawned long-running child in its own process group; resolves once a line matches `ready`. */
function startDaemon({ name, command, args, ready, lines, timeoutMs = 60_000, log, options = {} }) {
	const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let done = false;
	const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
	const readyPromise = new Promise((resolvePromise, reject) => {
		const timer = setTimeout(() => {
			done = true;
			reject(new Error(`${name} not ready after ${timeoutMs} ms:\n${tail(lines)}`));
		}, timeoutMs);
		const onLine = (line) => {
			lines.push(line);
			if (!done && ready.test(line)) {
				done = true;
				clearTimeout(timer);
				log(`${name} ready`);
				resolvePromise();
			}
		};
		readLines(child.stdout, onLine);
		readLines(child.stderr, onLine);
		child.on('error', (error) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			reject(new Error(`${name}: ${error.message}`));
		});
		exited.then(({ code, signal }) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			// Let the last output arrive before quoting it.
			setTimeout(() => reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${tail(lines)}`)), 50);
		});
	});
	return { child, exited, ready: readyPromise };
}

function isRunning(child) {
	return child && child.exitCode === null && child.signalCode === null;
}

/** SIGTERM to the group, SIGKILL after `graceMs`; then SIGKILL to the group for leftovers. */
async function stopGroup(child, exited, graceMs) {
	if (!child?.pid) return;
	if (isRunning(child)) {
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
	killGroup(child, 'SIGKILL');
}

/** Polls `url` until it answers 200, the process exits, or the time is up. */
async function waitHttpOk({ name, url, child, exited, lines, timeoutMs }) {
	let early = null;
	exited.then((e) => (early = e));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (early) {
			await new Promise((r) => setTimeout(r, 50));
			throw new Error(`${name} exited (${early.code ?? early.signal}) before it was ready:\n${tail(lines)}`);
		}
		if (Date.now() > deadline) throw new Error(`${name} not ready after ${timeoutMs} ms (pid ${child.pid}):\n${tail(lines)}`);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * Starts PostgreSQL, Redis, an n8n main and `workers` n8n workers in queue mode, all on 127.0.0.1,
 * with the package tarball installed in every n8n process's user folder.
 * @param {{
 *   workers?: number,
 *   workflows?: object[],
 *   publish?: string[],
 *   credentials?: object[],
 *   tarball: string,
 *   env?: Record<string, string>,
 *   log?: (line: string) => void,
 *   timeoutMs?: number,
 * }} options
 *   `workflows`: workflow JSON objects to import; `publish`: ids of those to publish (activate) before
 *   the main starts; `credentials`: as importCredentials() takes them; `env`: extra env for every n8n
 *   process; `log`: progress lines (not n8n's output: see `processes[i].lines`); `timeoutMs`: per
 *   process readiness timeout (default 180 s).
 * @returns {Promise<QueueStack>}
 */
export async function startQueueStack({
	workers = 2,
	workflows = [],
	publish = [],
	credentials = [],
	tarball,
	env = {},
	log = () => {},
	timeoutMs = 180_000,
} = {}) {
	if (!tarball) throw new Error('startQueueStack: `tarball` is required (buildPackageTarball())');
	const started = Date.now();
	const step = (text) => log(`[queue +${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);
	hookProcess();

	const dirs = [];
	/** @type {{ child: import('node:child_process').ChildProcess, exited: Promise<any> }[]} */
	const n8nChildren = [];
	/** @type {QueueProcess[]} */
	const processes = [];
	const pgLines = [];
	const redisLines = [];
	let redis = null;
	let pg = null;
	let pgDataDir = null;
	let pgCtl = null;
	const startedBy = new Map(); // execution id → worker index

	let stopping = null;
	const removeDirs = () => {
		for (const dir of dirs) {
			try {
				rmSync(dir, { recursive: true, force: true });
			} catch {
				// best effort
			}
		}
	};
	const pgStopSync = () => {
		if (!pg || !pgCtl) return;
		if (isRunning(pg.child)) {
			const [cmd, args] = asPostgres(pgCtl, ['stop', '-D', pgDataDir, '-m', 'immediate', '-w', '-t', '10']);
			spawnSync(cmd, args, { stdio: 'ignore', timeout: 15_000 });
		}
		killGroup(pg.child, 'SIGKILL');
	};
	const stack = {
		stopSync() {
			live.delete(stack);
			for (const { child } of n8nChildren) killGroup(child, 'SIGKILL');
			if (redis) killGroup(redis.child, 'SIGKILL');
			pgStopSync();
			removeDirs();
		},
		// n8n first (workers may still be writing results), then Redis and PostgreSQL; `together`
		// stops all at once (signal handlers).
		stop({ together = false } = {}) {
			stopping ??= (async () => {
				try {
					const n8n = Promise.all(n8nChildren.map(({ child, exited }) => stopGroup(child, exited, 10_000).catch(() => {})));
					if (!together) await n8n;
					const services = [
						redis ? stopGroup(redis.child, redis.exited, 5_000).catch(() => {}) : null,
						(async () => {
							if (!pg || !pgCtl) return;
							if (isRunning(pg.child)) {
								const [cmd, args] = asPostgres(pgCtl, ['stop', '-D', pgDataDir, '-m', 'immediate', '-w', '-t', '10']);
								await run(cmd, args);
							}
							await stopGroup(pg.child, pg.exited, 5_000).catch(() => {});
						})().catch(() => {}),
					];
					await Promise.all([n8n, ...services]);
				} catch {
					// never throws
				} finally {
					removeDirs();
					live.delete(stack);
				}
			})();
			return stopping;
		},
	};
	live.add(stack);

	try {
		// Redis, PostgreSQL and the community-package installs are independent: run them side by side.
		const root = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
		dirs.push(root);
		const userFolders = Array.from({ length: workers + 1 }, (_, i) => join(root, i === 0 ? 'main' : `worker-${i - 1}`));

		const redisUp = (async () => {
			await runOrThrow('bash', [join(HERE, 'install-redis.sh')], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
			const port = await freePort();
			redis = startDaemon({
				name: 'redis-server',
				command: 'redis-server',
				args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
				ready: /Ready to accept connections/,
				lines: redisLines,
				log: step,
			});
			await redis.ready;
			return port;
		})();

		const pgUp = (async () => {
			const bin = pgBinDir();
			pgCtl = join(bin, 'pg_ctl');
			// Its own temporary folder, owned by `postgres` (initdb refuses to run as root).
			const pgRoot = mkdtempSync(join(tmpdir(), 'n8n-queue-pg-'));
			dirs.push(pgRoot);
			pgDataDir = join(pgRoot, 'data');
			if (process.getuid?.() === 0) chownSync(pgRoot, ...postgresIds());
			const [initCmd, initArgs] = asPostgres(join(bin, 'initdb'), [
				'-D', pgDataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-locale', '--no-sync',
			]);
			await runOrThrow(initCmd, initArgs);
			const port = await freePort();
			const [cmd, args] = asPostgres(join(bin, 'postgres'), [
				'-D', pgDataDir,
				'-p', String(port),
				'-c', 'listen_addresses=127.0.0.1',
				'-c', `unix_socket_directories=${pgRoot}`,
				'-c', 'fsync=off',
				'-c', 'synchronous_commit=off',
				'-c', 'full_page_writes=off',
				'-c', 'max_connections=200',
			]);
			pg = startDaemon({ name: 'postgres', command: cmd, args, ready: /database system is ready to accept connections/, lines: pgLines, log: step });
			await pg.ready;
			// Two -c: CREATE DATABASE cannot share a transaction with other statements.
			const sql = ['-c', `CREATE USER ${DB_USER} PASSWORD '${DB_PASSWORD}'`, '-c', `CREATE DATABASE ${DB_NAME} OWNER ${DB_USER}`];
			await runOrThrow('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', ...sql], {
				env: { ...process.env, PGPASSWORD: '' },
			});
			return port;
		})();

		const installs = (async () => {
			await ensureN8n({ log: step });
			await Promise.all(userFolders.map((userFolder) => installPackage({ userFolder, tarball, log: () => {} })));
			step(`package installed in ${userFolders.length} user folders`);
		})();

		const settled = await Promise.allSettled([redisUp, pgUp, installs]);
		const failed = settled.find((s) => s.status === 'rejected');
		if (failed) throw failed.reason;
		const [redisPort, pgPort] = settled.map((s) => s.value);
		step(`postgres on 127.0.0.1:${pgPort}, redis on 127.0.0.1:${redisPort}`);

		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: DB_NAME,
			DB_POSTGRESDB_USER: DB_USER,
			DB_POSTGRESDB_PASSWORD: DB_PASSWORD,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			// Manual runs started through the REST API go to the workers too.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LOG_FORMAT: 'text',
			...env,
		};
		const mainFolder = userFolders[0];

		// The first CLI command migrates the database; nothing else may run then.
		if (credentials.length) {
			await importCredentials({ userFolder: mainFolder, credentials, env: queueEnv, log: step });
			step(`imported ${credentials.length} credential(s)`);
		}
		if (workflows.length) {
			await importWorkflows({ userFolder: mainFolder, workflows, env: queueEnv, log: step });
			step(`imported ${workflows.length} workflow(s)`);
		}
		if (!credentials.length && !workflows.length) {
			const result = await runN8n({ userFolder: mainFolder, args: ['list:workflow'], env: queueEnv, log: step });
			if (result.code !== 0) throw new Error(`n8n list:workflow failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
			step('database migrated');
		}
		for (const id of publish) {
			const result = await runN8n({ userFolder: mainFolder, args: ['publish:workflow', `--id=${id}`], env: queueEnv, log: step });
			if (result.code !== 0) {
				throw new Error(`n8n publish:workflow --id=${id} failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
			}
			step(`published workflow ${id}`);
		}

		// Main and workers side by side.
		const launch = async (role, index, userFolder) => {
			const port = await freePort();
			const extra = { ...queueEnv };
			if (role === 'worker') {
				Object.assign(extra, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				});
			}
			const args = role === 'main' ? ['start'] : ['worker'];
			const child = await spawnN8n({ userFolder, args, port: role === 'main' ? port : await freePort(), env: extra, log: step });
			const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
			n8nChildren.push({ child, exited });
			/** @type {QueueProcess} */
			const proc = { role, index, pid: child.pid, userFolder, port, lines: [] };
			processes.push(proc);
			const onLine = (line) => {
				proc.lines.push(line);
				if (role !== 'worker') return;
				const m = /Worker started execution (\S+)/.exec(line);
				if (m && !startedBy.has(m[1])) startedBy.set(m[1], index);
			};
			readLines(child.stdout, onLine);
			readLines(child.stderr, onLine);
			const name = role === 'main' ? 'n8n main' : `n8n worker ${index}`;
			const url = role === 'main' ? `http://127.0.0.1:${port}/healthz/readiness` : `http://127.0.0.1:${port}/healthz`;
			await waitHttpOk({ name, url, child, exited, lines: proc.lines, timeoutMs });
			step(`${name} ready (pid ${child.pid}, port ${port})`);
		};
		const launches = [launch('main', 0, mainFolder), ...userFolders.slice(1).map((folder, i) => launch('worker', i, folder))];
		const results = await Promise.allSettled(launches);
		const launchFailed = results.find((r) => r.status === 'rejected');
		if (launchFailed) throw launchFailed.reason;
		processes.sort((a, b) => (a.role === b.role ? a.index - b.index : a.role === 'main' ? -1 : 1));

		const main = processes.find((p) => p.role === 'main');
		const mainUrl = `http://127.0.0.1:${main.port}`;
		const auth = await setupOwner(mainUrl, { log: step });
		step(`queue stack up: ${mainUrl}, ${workers} worker(s)`);

		return Object.assign(stack, {
			mainUrl,
			processes,
			auth,
			env: queueEnv,
			postgres: { port: pgPort, database: DB_NAME, user: DB_USER, dataDir: pgDataDir, lines: pgLines },
			redis: { port: redisPort, lines: redisLines },
			/** Index of the worker that started the execution, from its "Worker started execution" line. */
			workerOf: (executionId) => startedBy.get(String(executionId)),
			/** Number of executions each worker started (index = worker index). */
			executionsPerWorker: () => {
				const counts = Array(workers).fill(0);
				for (const index of startedBy.values()) counts[index]++;
				return counts;
			},
		});
	} catch (error) {
		step(`start failed, stopping what was started: ${error.message.split('\n')[0]}`);
		await stack.stop();
		throw error;
	}
}

/** uid and gid of the `postgres` user. */
function postgresIds() {
	const out = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (out.status !== 0 || gid.status !== 0) throw new Error('no `postgres` user on this machine (PostgreSQL server not installed?)');
	return [Number(out.stdout.trim()), Number(gid.stdout.trim())];
}
