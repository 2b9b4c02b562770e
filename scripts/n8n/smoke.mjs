#!/usr/bin/env node
// Smoke test of the n8n scripts: install, community package, import, execute, editor.
// Usage: node scripts/n8n/smoke.mjs [--keep]   (--keep leaves the temp user folder behind)
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureN8n } from './install.mjs';
import {
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackage,
	nodeOutput,
	setupOwner,
	startEditor,
} from './instance.mjs';

const PKG = 'n8n-nodes-smoke-hello';
const seconds = (t0) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;
const check = (ok, message) => {
	if (!ok) throw new Error(`smoke check failed: ${message}`);
	console.log(`ok - ${message}`);
};

/** Packs a minimal community node package (one node, no dependencies) and returns the tarball path. */
function makeTarball() {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-smoke-pkg-'));
	mkdirSync(join(dir, 'dist/nodes/SmokeHello'), { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({
			name: PKG,
			version: '0.0.1',
			keywords: ['n8n-community-node-package'],
			files: ['dist'],
			n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/SmokeHello/SmokeHello.node.js'] },
		}),
	);
	writeFileSync(
		join(dir, 'dist/nodes/SmokeHello/SmokeHello.node.js'),
		`class SmokeHello {
	description = {
		displayName: 'Smoke Hello', name: 'smokeHello', group: ['transform'], version: 1,
		description: 'Greets', defaults: { name: 'Smoke Hello' }, inputs: ['main'], outputs: ['main'],
		properties: [{ displayName: 'Who', name: 'who', type: 'string', default: 'world' }],
	};
	async execute() {
		return [this.getInputData().map((item, i) => ({
			json: { ...item.json, greeting: 'hello ' + this.getNodeParameter('who', i) },
			pairedItem: { item: i },
		}))];
	}
}
module.exports = { SmokeHello };
`,
	);
	const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' });
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
	return join(dir, pack.stdout.trim().split('\n').pop());
}

const workflow = {
	id: 'kpnSmokeHello01',
	name: 'Smoke hello',
	nodes: [
		{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: randomUUID(),
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				assignments: { assignments: [{ id: randomUUID(), name: 'hello', value: 'world', type: 'string' }] },
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: 'Community',
			type: `${PKG}.smokeHello`,
			typeVersion: 1,
			position: [440, 0],
			parameters: { who: 'KPN' },
		},
	],
	connections: {
		Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
		Set: { main: [[{ node: 'Community', type: 'main', index: 0 }]] },
	},
};

const failing = {
	id: 'kpnSmokeFail01',
	name: 'Smoke failing',
	nodes: [
		{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: randomUUID(),
			name: 'Fail',
			type: 'n8n-nodes-base.stopAndError',
			typeVersion: 1,
			position: [220, 0],
			parameters: { errorMessage: 'smoke failure' },
		},
	],
	connections: { Start: { main: [[{ node: 'Fail', type: 'main', index: 0 }]] } },
};

const credential = {
	id: 'kpnSmokeCred01',
	name: 'Smoke header auth',
	type: 'httpHeaderAuth',
	data: { name: 'X-Smoke', value: 'not-a-secret' },
};

async function main() {
	let t = performance.now();
	const { nodeBin, n8nBin } = await ensureN8n();
	console.log(`ensureN8n: ${seconds(t)} (${nodeBin}, ${n8nBin})`);

	const userFolder = createUserFolder();
	console.log(`user folder: ${userFolder}`);
	const tarball = makeTarball();
	let editor;
	try {
		t = performance.now();
		const pkg = await installPackage({ userFolder, tarball });
		console.log(`installPackage ${pkg.name}@${pkg.version}: ${seconds(t)}`);

		t = performance.now();
		await importCredentials({ userFolder, credentials: [credential] });
		console.log(`importCredentials: ${seconds(t)}`);

		t = performance.now();
		await importWorkflows({ userFolder, workflows: [workflow, failing] });
		console.log(`importWorkflows: ${seconds(t)}`);

		t = performance.now();
		const run = await executeWorkflow({ userFolder, id: workflow.id });
		console.log(`executeWorkflow: ${seconds(t)} (exit ${run.code})`);
		if (run.code !== 0 || !run.json) console.log(run.stdout, run.stderr);
		const set = nodeOutput(run.json, 'Set').map((item) => item.json);
		const community = nodeOutput(run.json, 'Community').map((item) => item.json);
		console.log('Set output:', JSON.stringify(set));
		console.log('Community output:', JSON.stringify(community));
		check(run.code === 0, 'execute exits 0');
		check(JSON.stringify(set) === '[{"hello":"world"}]', 'Set node outputs {hello:"world"}');
		check(community[0]?.greeting === 'hello KPN', 'community node ran');

		t = performance.now();
		const failed = await executeWorkflow({ userFolder, id: failing.id });
		console.log(`executeWorkflow (failing): ${seconds(t)} (exit ${failed.code})`);
		check(failed.code === 1, 'a failed run gives code 1');
		check(failed.json?.data?.resultData?.error?.message === 'smoke failure', 'the run JSON holds the error');

		t = performance.now();
		editor = await startEditor({ userFolder });
		console.log(`startEditor: ${seconds(t)} (${editor.url})`);
		const { headers } = await setupOwner(editor.url, { log: console.log });
		const response = await fetch(`${editor.url}/types/nodes.json`, { headers });
		check(response.ok, `GET /types/nodes.json → ${response.status}`);
		const types = await response.json();
		console.log(`node types: ${types.length}`);
		check(types.length > 100, 'n8n lists its built-in nodes');
		const credentials = await (await fetch(`${editor.url}/rest/credentials`, { headers })).json();
		check(
			credentials.data?.some((c) => c.id === credential.id),
			'the imported credential is listed by the editor',
		);
		check(
			types.some((type) => type.name === `${PKG}.smokeHello`),
			`n8n lists the community node ${PKG}.smokeHello`,
		);
	} finally {
		t = performance.now();
		await editor?.stop();
		if (editor) console.log(`editor stop: ${seconds(t)}`);
		rmSync(dirname(tarball), { recursive: true, force: true });
		if (process.argv.includes('--keep')) console.log(`kept ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	}
	console.log('smoke test passed');
}

main().catch((error) => {
	console.error(error.stack ?? error);
	process.exit(1);
});
