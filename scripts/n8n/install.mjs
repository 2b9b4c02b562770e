#!/usr/bin/env node
// Installs a pinned n8n (and the Node runtime it runs on) into the cache folder (once) and returns
// their paths. The default is N8N_DEFAULT of version.mjs; N8N_V1 is the 1.x line.
// CLI: `node scripts/n8n/install.mjs` (add `--force` to reinstall, `--v1` for the 1.x line).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDirOf, N8N_DEFAULT, N8N_V1 } from './version.mjs';

// The `node` package on npm only runs an install script that fetches this platform package;
// installing the platform package directly needs no install script.
const NODE_PKG = `node-${process.platform}-${process.arch}`;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Paths of an install inside the cache; nothing is checked or installed. `nodeDir` holds the Node
 * headers (include/node) that native modules are compiled against. With the 'system' runtime that
 * is the running Node's own prefix when it ships them, else the npm `node` package of the same
 * version is installed for its headers only.
 * @param {import('./version.mjs').N8nRelease} [release]
 */
export function n8nPaths(release = N8N_DEFAULT) {
	const cacheDir = cacheDirOf(release);
	const packageDir = join(cacheDir, 'node', 'node_modules', NODE_PKG); // also a headers dir (include/)
	const system = release.node === 'system';
	const systemPrefix = dirname(dirname(process.execPath));
	const systemHeaders = system && existsSync(join(systemPrefix, 'include', 'node', 'node_api.h'));
	return {
		release,
		cacheDir,
		// Version of the npm `node` package to install, or null when none is needed.
		nodePackage: !system ? release.node : systemHeaders ? null : process.versions.node,
		nodeDir: systemHeaders ? systemPrefix : packageDir,
		nodeBin: system ? process.execPath : join(packageDir, 'bin', 'node'),
		nodeVersion: system ? process.versions.node : release.node,
		n8nDir: join(cacheDir, 'n8n'),
		n8nBin: join(cacheDir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: join(cacheDir, 'installed.json'),
	};
}

/**
 * Makes sure a pinned n8n and its Node are installed in the cache; installs them if not.
 * @param {{ release?: import('./version.mjs').N8nRelease, log?: (line: string) => void, force?: boolean }} [options]
 * @returns {Promise<{ nodeBin: string, n8nBin: string, cacheDir: string }>}
 */
export async function ensureN8n({ release = N8N_DEFAULT, log = (line) => console.error(line), force = false } = {}) {
	const paths = n8nPaths(release);
	const result = { nodeBin: paths.nodeBin, n8nBin: paths.n8nBin, cacheDir: paths.cacheDir };
	if (!force && isInstalled(paths)) return result;

	const unlock = await lock(paths.cacheDir, log);
	try {
		// Another process may have finished the install while we waited for the lock.
		if (!force && isInstalled(paths)) return result;
		await install(paths, log);
		return result;
	} finally {
		unlock();
	}
}

function isInstalled({ release, marker, nodeBin, n8nBin }) {
	try {
		const m = JSON.parse(readFileSync(marker, 'utf8'));
		// Native modules built for the system Node only load on a Node with the same ABI.
		const sameAbi = release.node !== 'system' || m.nodeAbi === process.versions.modules;
		return m.n8n === release.n8n && m.node === release.node && sameAbi && existsSync(nodeBin) && existsSync(n8nBin);
	} catch {
		return false;
	}
}

async function install(paths, log) {
	const { release, cacheDir, nodePackage, nodeDir, nodeBin, nodeVersion, n8nDir, n8nBin, marker } = paths;
	const started = Date.now();
	const step = (text) => log(`[n8n install +${Math.round((Date.now() - started) / 1000)}s] ${text}`);

	// No marker means nothing in the folder can be trusted (e.g. an interrupted install): start clean.
	step(`installing n8n ${release.n8n} with Node ${nodeVersion} into ${cacheDir} (takes ~6-8 min, ~2-3 GB)`);
	rmSync(cacheDir, { recursive: true, force: true });
	mkdirSync(n8nDir, { recursive: true });

	if (nodePackage) {
		step(`npm install ${NODE_PKG}@${nodePackage}`);
		mkdirSync(join(cacheDir, 'node'), { recursive: true });
		writeJson(join(cacheDir, 'node', 'package.json'), { private: true });
		await npm(['install', '--ignore-scripts', `${NODE_PKG}@${nodePackage}`], {
			cwd: join(cacheDir, 'node'),
			log,
			step,
		});
	}

	// From here on npm, node-gyp and package scripts run on n8n's Node binary and build against its headers.
	const env = {
		...withoutNpmRunSettings(process.env),
		PATH: dirname(nodeBin) + delimiter + process.env.PATH,
		npm_config_nodedir: nodeDir,
	};
	writeJson(join(n8nDir, 'package.json'), {
		private: true,
		dependencies: { n8n: release.n8n },
		// n8n depends on xlsx by a tarball URL on a host that is not reachable here.
		overrides: { xlsx: '0.18.5' },
	});
	// Install scripts are skipped: several native packages try to download binaries from GitHub.
	step(`npm install n8n@${release.n8n} --ignore-scripts (~4 min)`);
	await npm(['install', '--ignore-scripts'], { cwd: n8nDir, env, log, step });

	// sqlite3 has no usable prebuilt binary here, so compile it (~1.5-2.5 min). isolated-vm (2.x only)
	// ships prebuilds.
	step('npm rebuild sqlite3 (compiles, ~2 min)');
	await npm(['rebuild', 'sqlite3', '--ignore-scripts=false'], { cwd: n8nDir, env, log, step });

	step('checking `n8n --version`');
	const versionOut = await capture(nodeBin, [n8nBin, '--version'], { cwd: n8nDir });
	if (!versionOut.includes(release.n8n)) throw new Error(`n8n --version printed "${versionOut}"`);
	// `--version` loads nothing else: also load the native modules n8n needs at start.
	// isolated-vm only where this n8n has it (2.x): a lookup by name would also find any copy in
	// the folders above the cache.
	const withIvm = existsSync(join(n8nDir, 'node_modules', 'isolated-vm', 'package.json'));
	step(`loading sqlite3${withIvm ? ' and isolated-vm' : ''}`);
	const loadNative = "require('sqlite3');" + (withIvm ? " new (require('isolated-vm').Isolate)().dispose();" : '');
	await capture(nodeBin, ['-e', loadNative], { cwd: n8nDir });

	writeJson(marker, {
		n8n: release.n8n,
		node: release.node,
		nodeVersion,
		nodeAbi: release.node === 'system' ? process.versions.modules : undefined,
		installedAt: new Date().toISOString(),
	});
	step(`done: n8n ${versionOut.trim()} on Node ${nodeVersion}`);
}

function writeJson(file, value) {
	writeFileSync(file, JSON.stringify(value, null, '\t') + '\n');
}

/**
 * Runs npm, forwarding its output (except deprecation/peer warnings) and printing a heartbeat while
 * it is quiet. If this process exits or is interrupted, npm and everything it started are killed, so
 * no orphan keeps writing into a folder the next install will clean.
 */
/**
 * The environment without what `npm run` adds (npm_config_*, npm_package_*, npm_lifecycle_*): run
 * from the project's scripts, npm would otherwise pass on the project's .npmrc (ignore-scripts,
 * legacy-peer-deps) to this separate install, and `npm rebuild sqlite3` would build nothing.
 */
function withoutNpmRunSettings(env) {
	return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_(config|package|lifecycle)_/i.test(key)));
}

function npm(args, { cwd, env = withoutNpmRunSettings(process.env), log, step }) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn('npm', [...args, '--no-audit', '--no-fund'], {
			cwd,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group: node-gyp, make and compilers included
		});
		const killGroup = () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		};
		const onSignal = (signal) => process.exit(128 + constants.signals[signal]);
		process.on('exit', killGroup);
		for (const signal of SIGNALS) process.on(signal, onSignal);
		const cleanup = () => {
			clearInterval(heartbeat);
			process.off('exit', killGroup);
			for (const signal of SIGNALS) process.off(signal, onSignal);
		};

		let lastOutput = Date.now();
		const heartbeat = setInterval(() => {
			if (Date.now() - lastOutput > 20_000) step(`npm ${args[0]} still running…`);
		}, 20_000);
		const tail = [];
		const onData = (chunk) => {
			for (const line of chunk.toString().split('\n')) {
				if (!line.trim() || /Unknown (user|env) config "nodedir"/.test(line)) continue;
				tail.push(line);
				if (tail.length > 40) tail.shift();
				if (line.startsWith('npm warn')) continue;
				log(`  ${line}`);
				lastOutput = Date.now();
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', (error) => {
			cleanup();
			reject(error);
		});
		child.on('close', (code) => {
			cleanup();
			if (code === 0) resolvePromise();
			else reject(new Error(`npm ${args.join(' ')} failed (exit ${code}) in ${cwd}:\n${tail.join('\n')}`));
		});
	});
}

/** Runs a command and resolves with its stdout; rejects on a non-zero exit. */
function capture(command, args, { cwd }) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.stderr.on('data', (chunk) => (err += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolvePromise(out) : reject(new Error(`${command} ${args.join(' ')} exit ${code}: ${err}`)),
		);
	});
}

/**
 * Cross-process lock so two test runs do not install at once: a directory next to the cache
 * folder holding the owner's pid. A lock left by a dead process is taken over.
 */
async function lock(cacheDir, log) {
	const lockDir = `${cacheDir}.lock`;
	mkdirSync(dirname(lockDir), { recursive: true });
	let warned = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			return () => rmSync(lockDir, { recursive: true, force: true });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let pid = 0;
		try {
			pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
		} catch {
			// The owner may not have written its pid yet, or died before it could.
		}
		if (pid ? !isAlive(pid) : ageMs(lockDir) > 10_000) {
			rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!warned) log(`[n8n install] waiting for another install (pid ${pid || '?'}) to finish…`);
		warned = true;
		await new Promise((r) => setTimeout(r, 2000));
	}
}

function ageMs(path) {
	try {
		return Date.now() - statSync(path).mtimeMs;
	} catch {
		return 0;
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const t0 = Date.now();
	const release = process.argv.includes('--v1') ? N8N_V1 : N8N_DEFAULT;
	ensureN8n({ release, force: process.argv.includes('--force') }).then(
		(result) => {
			console.log(JSON.stringify(result, null, 2));
			console.error(`ready in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
		},
		(error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
