import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core reads its settings folder at import time; give each jest worker an empty one.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'kpn-n8n-test-'));
process.env.TZ = 'UTC';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
