import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

import { formatSummary, readTally, summarize, TALLY_ENV } from './tally';

/**
 * Prints "scenarios run / items lost / duplicate writes / secrets found" for the whole suite and
 * fails the run when any of the counters is not zero (or when no scenario reported at all).
 */
export default function globalTeardown(): void {
	const file = process.env[TALLY_ENV];
	if (!file) return;
	const records = readTally(file);
	rmSync(dirname(file), { recursive: true, force: true });
	const summary = summarize(records);
	const pendingNotes = [...new Set(records.filter((record) => record.kind === 'pending').map((record) => `${record.family}: ${record.note ?? record.scenario}`))];
	console.log(formatSummary(summary, pendingNotes));
	const { total } = summary;
	const problems = [
		total.itemsLost > 0 ? `${total.itemsLost} item(s) lost` : '',
		total.duplicateWrites > 0 ? `${total.duplicateWrites} duplicate write(s)` : '',
		total.duplicateDeliveries > 0 ? `${total.duplicateDeliveries} duplicate deliveries` : '',
		total.secretsFound > 0 ? `${total.secretsFound} secret(s) found in outputs or errors` : '',
		total.scenarios + total.badInput === 0 ? 'no scenario reported to the tally' : '',
	].filter((problem) => problem !== '');
	if (problems.length > 0) throw new Error(`Fault suite: ${problems.join(', ')}`);
}
