import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TALLY_ENV } from './tally';

/** One tally file per fault-suite run; jest workers inherit the variable. */
export default function globalSetup(): void {
	process.env[TALLY_ENV] = join(mkdtempSync(join(tmpdir(), 'kpn-faults-')), 'tally.jsonl');
}
