import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * The fault suite's shared counters. Test files run in separate jest workers, so every scenario
 * appends one JSON line to the file named by KPN_FAULTS_TALLY (set by globalSetup); globalTeardown
 * adds them up, prints the summary and fails the run if anything was lost, duplicated or leaked.
 */
export interface ScenarioRecord {
	/** Node family, e.g. "KPN SMS". */
	family: string;
	/** What was done, e.g. "429 with Retry-After on call 2 of 5, then success". */
	scenario: string;
	kind: 'fault' | 'badInput' | 'pending';
	/** Input items (or expected list rows) the scenario started with. */
	items: number;
	/** Items that were neither delivered nor reported (as an error item or the node's error). */
	itemsLost: number;
	/** Writes (SMS, incident, order, …) that reached KPN more than once. */
	duplicateWrites: number;
	/** Items or list rows that came out more than once. */
	duplicateDeliveries: number;
	/** Secrets (client secret, password, token values) found in outputs or errors. */
	secretsFound: number;
	/** Why a pending scenario did not run. */
	note?: string;
}

export const TALLY_ENV = 'KPN_FAULTS_TALLY';

export function recordScenario(record: ScenarioRecord): void {
	const file = process.env[TALLY_ENV];
	// Run outside `npm run test:faults` (e.g. one file with plain jest): the asserts still apply.
	if (!file) return;
	appendFileSync(file, `${JSON.stringify(record)}\n`);
}

export function readTally(file: string): ScenarioRecord[] {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as ScenarioRecord);
}

export interface TallySummary {
	families: Array<{ family: string; scenarios: number; badInput: number; pending: number } & Counters>;
	total: { scenarios: number; badInput: number; pending: number } & Counters;
}

interface Counters {
	itemsLost: number;
	duplicateWrites: number;
	duplicateDeliveries: number;
	secretsFound: number;
}

export function summarize(records: ScenarioRecord[]): TallySummary {
	const empty = () => ({ scenarios: 0, badInput: 0, pending: 0, itemsLost: 0, duplicateWrites: 0, duplicateDeliveries: 0, secretsFound: 0 });
	const byFamily = new Map<string, ReturnType<typeof empty>>();
	const total = empty();
	for (const record of records) {
		const family = byFamily.get(record.family) ?? empty();
		byFamily.set(record.family, family);
		for (const target of [family, total]) {
			if (record.kind === 'pending') target.pending++;
			else if (record.kind === 'badInput') target.badInput++;
			else target.scenarios++;
			target.itemsLost += record.itemsLost;
			target.duplicateWrites += record.duplicateWrites;
			target.duplicateDeliveries += record.duplicateDeliveries;
			target.secretsFound += record.secretsFound;
		}
	}
	const families = [...byFamily.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([family, counters]) => ({ family, ...counters }));
	return { families, total };
}

/** The printed summary: one row per node family and a total. */
export function formatSummary(summary: TallySummary, pendingNotes: string[]): string {
	const header = ['node family', 'fault scenarios', 'bad-input cases', 'pending', 'items lost', 'duplicate writes', 'duplicate deliveries', 'secrets found'];
	const row = (name: string, c: TallySummary['total']) =>
		[name, c.scenarios, c.badInput, c.pending, c.itemsLost, c.duplicateWrites, c.duplicateDeliveries, c.secretsFound].map(String);
	const rows = [...summary.families.map((family) => row(family.family, family)), row('TOTAL', summary.total)];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
	const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
	const t = summary.total;
	return [
		'',
		'Fault suite summary',
		line(header),
		rule,
		...rows.slice(0, -1).map(line),
		rule,
		line(rows[rows.length - 1]),
		'',
		`scenarios run: ${t.scenarios + t.badInput} (${t.scenarios} fault scenarios, ${t.badInput} bad-input cases)` +
			` | items lost: ${t.itemsLost} | duplicate writes: ${t.duplicateWrites}` +
			` | duplicate deliveries: ${t.duplicateDeliveries} | secrets found: ${t.secretsFound}`,
		...pendingNotes.map((note) => `pending: ${note}`),
		'',
	].join('\n');
}
