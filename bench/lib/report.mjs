// The benchmark table (console and BENCHMARKS.md) and bench/results.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const COLUMNS = [
	['Scenario', (row) => row.scenario],
	['Variant', (row) => row.variant],
	['Where', (row) => row.where],
	['Items', (row) => (row.items === null || row.items === undefined ? '—' : String(row.items))],
	['HTTP calls', (row) => number(row.httpCalls)],
	['Token calls', (row) => number(row.tokenCalls)],
	['Wall time', (row) => (row.wallMs === undefined ? '—' : `${Math.round(row.wallMs).toLocaleString('en')} ms`)],
	['Peak RSS', (row) => (row.peakRssMb === undefined ? '—' : `${Math.round(row.peakRssMb)} MB`)],
	['Ratio', (row) => row.ratio ?? ''],
	['Target', (row) => row.target ?? ''],
];

function number(value) {
	return value === undefined || value === null ? '—' : value.toLocaleString('en');
}

function cells(row) {
	if (row.pending) return [row.scenario, row.variant, row.where, '—', '—', '—', '—', '—', `pending: ${row.pending}`, row.target ?? ''];
	if (row.error) return [row.scenario, row.variant ?? '', row.where ?? '', '—', '—', '—', '—', '—', `FAILED: ${row.error}`, ''];
	return COLUMNS.map(([, value]) => value(row));
}

/** A Markdown table (also readable on a terminal). */
export function markdownTable(rows) {
	const header = COLUMNS.map(([title]) => title);
	const body = rows.map(cells).map((line) => line.map((cell) => String(cell).replace(/\|/g, '\\|')));
	return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((line) => `| ${line.join(' | ')} |`)].join('\n');
}

export function writeResults(file, results) {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
}

const START = '<!-- bench-table:start -->';
const END = '<!-- bench-table:end -->';

/** Replaces the table between the markers in BENCHMARKS.md with this run's. */
export function updateBenchmarksMd(file, table, summary) {
	const text = readFileSync(file, 'utf8');
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	if (start < 0 || end < start) throw new Error(`${file} has no ${START} … ${END} block`);
	writeFileSync(file, `${text.slice(0, start + START.length)}\n${summary}\n\n${table}\n${text.slice(end)}`);
}
