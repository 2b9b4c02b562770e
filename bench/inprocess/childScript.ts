// What every bench/inprocess script shares: measuring the peak memory a run adds, and printing one
// RESULT line for bench/lib/inprocess.mjs (also when the run throws).
import { readFileSync, writeFileSync } from 'node:fs';

import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);

export interface Measured<T> {
	value: T;
	wallMs: number;
	rssBeforeMb: number;
	peakRssMb: number;
	/** Peak minus the resident size just before the run; undefined where the peak cannot be reset. */
	peakDeltaMb: number | undefined;
	peakReset: boolean;
}

/** Runs `run` after a garbage collection, with the kernel's peak-memory mark reset first. */
export async function measurePeak<T>(run: () => Promise<T>): Promise<Measured<T>> {
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	gc?.();
	const rssBeforeKb = kb('VmRSS');
	let peakReset = true;
	try {
		writeFileSync('/proc/self/clear_refs', '5'); // Linux: "5" resets the peak (VmHWM) to the current size
	} catch {
		peakReset = false;
	}
	const started = performance.now();
	const value = await run();
	const wallMs = performance.now() - started;
	const peakKb = kb('VmHWM');
	return {
		value,
		wallMs,
		rssBeforeMb: rssBeforeKb / 1024,
		peakRssMb: peakKb / 1024,
		peakDeltaMb: peakReset ? (peakKb - rssBeforeKb) / 1024 : undefined,
		peakReset,
	};
}

/** Runs the script's main with its JSON argument and prints `RESULT {…}`. */
export function runChildScript<A>(main: (args: A) => Promise<Record<string, unknown>>): void {
	main(JSON.parse(process.argv[2]) as A)
		.then((result) => process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`))
		.catch((error: unknown) => {
			process.stdout.write(`\nRESULT ${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`);
			process.exitCode = 1;
		})
		.finally(() => {
			if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
		});
}
