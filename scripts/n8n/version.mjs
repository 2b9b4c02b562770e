// The one place where the n8n and Node versions used by `npm run dev` and the e2e tests are pinned.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** n8n release run by the scripts (2.41.3 does not install: a dependency is missing from npm). */
export const N8N_VERSION = '2.41.1';

/** Version of the npm `node` package that provides the Node runtime for n8n (n8n 2.x needs >= 22). */
export const NODE_VERSION = '24.21.0';

/**
 * n8n 1.x release that the example workflows are also checked on: the newest 1.123.x up to
 * 1.123.50 (1.123.50 installs and runs on Node 20).
 */
export const N8N_V1_VERSION = '1.123.50';

/**
 * An n8n install: the n8n version, and the Node runtime it runs on, either a version of the npm
 * `node` package (installed next to n8n) or 'system' (the Node running these scripts). `env` is
 * added to every n8n process of this install; a null value removes a variable.
 * @typedef {{ n8n: string, node: string, env?: Record<string, string | null> }} N8nRelease
 */

/** @type {N8nRelease} The install used by everything unless told otherwise. */
export const N8N_DEFAULT = Object.freeze({ n8n: N8N_VERSION, node: NODE_VERSION });

/** @type {N8nRelease} The 1.x line, on the Node that runs the scripts (n8n 1.123 supports Node 20). */
export const N8N_V1 = Object.freeze({
	n8n: N8N_V1_VERSION,
	node: 'system',
	env: Object.freeze({
		// 1.x has no module of that name and refuses to start when asked to disable it.
		N8N_DISABLED_MODULES: null,
	}),
});

/** Repository root: two levels up from this file. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folder holding the cached installs; override with env KPN_N8N_CACHE. */
export const CACHE_ROOT = process.env.KPN_N8N_CACHE
	? resolve(process.env.KPN_N8N_CACHE)
	: join(REPO_ROOT, '.cache');

/** Folder of an install: `<cache root>/n8n-<version>`. */
export function cacheDirOf(release = N8N_DEFAULT) {
	return join(CACHE_ROOT, `n8n-${release.n8n}`);
}

/** Folder of the default install. */
export const CACHE_DIR = cacheDirOf(N8N_DEFAULT);
