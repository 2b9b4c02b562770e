// The one place where the n8n and Node versions used by `npm run dev` and the e2e tests are pinned.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** n8n release run by the scripts (2.41.3 does not install: a dependency is missing from npm). */
export const N8N_VERSION = '2.41.1';

/** Version of the npm `node` package that provides the Node runtime for n8n (n8n 2.x needs >= 22). */
export const NODE_VERSION = '24.21.0';

/** Repository root: two levels up from this file. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folder holding the cached installs; override with env KPN_N8N_CACHE. */
export const CACHE_ROOT = process.env.KPN_N8N_CACHE
	? resolve(process.env.KPN_N8N_CACHE)
	: join(REPO_ROOT, '.cache');

/** Folder of this n8n version's install: `<cache root>/n8n-<version>`. */
export const CACHE_DIR = join(CACHE_ROOT, `n8n-${N8N_VERSION}`);
