// Benchmark child process: require node and credential classes and build their descriptions, in a
// fresh process. n8n-workflow is loaded first and timed apart (n8n has it loaded already).
// Usage: node coldLoad.cjs '{"preload": "/abs/path/to/n8n-workflow", "files": ["/abs/…/X.node.js", …]}'
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const args = JSON.parse(process.argv[2]);
const started = performance.now();
require(args.preload);
const preloaded = performance.now();
let classes = 0;
let descriptionBytes = 0;
for (const file of args.files) {
	for (const value of Object.values(require(file))) {
		// Only the exported classes (a node file may export helper functions too).
		if (typeof value !== 'function' || !/^class\b/.test(Function.prototype.toString.call(value))) continue;
		const instance = new value();
		// A versioned node keeps one description per version; n8n builds them all.
		const descriptions = instance.nodeVersions
			? Object.values(instance.nodeVersions).map((version) => version.description)
			: [instance.description ?? { name: instance.name, properties: instance.properties }];
		descriptionBytes += JSON.stringify(descriptions).length;
		classes++;
	}
}
const loaded = performance.now();
const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
process.stdout.write(
	JSON.stringify({ preloadMs: preloaded - started, loadMs: loaded - preloaded, classes, descriptionBytes, peakRssMb: hwm / 1024, node: process.version }),
);
