// Peak resident memory of a process, from /proc/<pid>/status (Linux): VmHWM is the kernel's own
// high-water mark of the resident set, so sampling it now and then still gives the true peak.
import { readFileSync } from 'node:fs';

export function statusKb(pid, field) {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined; // the process has gone
	}
}

/** Samples VmHWM of `pid` every `everyMs` until stop() is called; stop() returns the highest seen (MB). */
export function watchPeakRss(pid, everyMs = 50) {
	let peakKb = 0;
	const sample = () => {
		const hwm = statusKb(pid, 'VmHWM');
		if (hwm !== undefined && hwm > peakKb) peakKb = hwm;
	};
	sample();
	const timer = setInterval(sample, everyMs);
	return {
		stop() {
			sample();
			clearInterval(timer);
			return peakKb / 1024;
		},
	};
}
