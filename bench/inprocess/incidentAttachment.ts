// Benchmark child process: one KPN Incident Create with a large attachment, run in n8n-core's
// WorkflowExecute (test/harness/runNode) against the sandbox process, and the peak memory it took.
// Usage: node --expose-gc incidentAttachment.js '{"sandboxUrl": …, "clientId": …, "clientSecret": …, "megabytes": 9, "mode": "memory"|"store"}'
import '../../test/setup/env';

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { memoryFile, withBinaryInput } from '../../test/harness/binaryItems';
import { kpnCredentialStore } from '../../test/harness/kpnCredentials';
import { runNode } from '../../test/harness/runNode';
import { measurePeak, runChildScript } from './childScript';

interface Args {
	sandboxUrl: string;
	clientId: string;
	clientSecret: string;
	megabytes: number;
	/** memory: Base64 in the item (n8n 1.x default mode); store: files on disk (n8n 2.x default, filesystem mode). */
	mode: 'memory' | 'store';
}

/**
 * n8n's filesystem binary mode in small: files are written to a temporary folder and every read
 * is a fresh read from disk (registered with n8n-core's BinaryDataService as mode "benchdisk").
 */
function diskStore(): { put(content: Buffer, name: string): IBinaryData } {
	const folder = mkdtempSync(join(tmpdir(), 'kpn-bench-binary-'));
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
	const manager = {
		init: async () => {},
		getAsBuffer: async (fileId: string) => await readFile(join(folder, fileId)),
		getMetadata: async (fileId: string) => ({ fileName: fileId, mimeType: 'application/octet-stream', fileSize: statSync(join(folder, fileId)).size }),
	};
	Container.get(BinaryDataService).setManager('benchdisk' as never, manager as never);
	let count = 0;
	return {
		put(content, fileName) {
			const fileId = `file-${++count}`;
			writeFileSync(join(folder, fileId), content);
			return { id: `benchdisk:${fileId}`, data: 'benchdisk', mimeType: 'application/octet-stream', fileName };
		},
	};
}



async function main(args: Args): Promise<Record<string, unknown>> {
	const credentials = () =>
		kpnCredentialStore({
			clientId: args.clientId,
			clientSecret: args.clientSecret,
			baseUrl: args.sandboxUrl,
			tokenUrl: `${args.sandboxUrl}/oauth/client_credential/accesstoken?grant_type=client_credentials`,
		});
	const parameters = {
		resource: 'incident',
		operation: 'create',
		referenceNumber: '={{ "BENCH-" + $itemIndex }}',
		shortDescription: 'Router log attached',
		ci: { __rl: true, mode: 'name', value: 'ESB BIZTALK KPN' },
		additionalFields: { attachments: 'data' },
	};
	const store = args.mode === 'store' ? diskStore() : undefined;
	const file = (content: Buffer, name: string): IBinaryData => (store ? store.put(content, name) : memoryFile(content, name));

	// Warm-up with a small file, so module loading and JIT are not counted.
	const warm = await runNode({ nodeType: withBinaryInput(new KpnIncident(), [{ data: file(Buffer.from('warm-up'), 'warm.txt') }]), parameters: parameters as never, credentials: credentials() });
	if (warm.error) throw new Error(`warm-up failed: ${warm.error.message}`);

	const bytes = Math.round(args.megabytes * 1024 * 1024);
	const binary = file(randomBytes(bytes), 'router-dump.bin');
	const nodeType = withBinaryInput(new KpnIncident(), [{ data: binary }]);
	const store2 = credentials();
	const { value: run, ...measured } = await measurePeak(async () => await runNode({ nodeType, parameters: parameters as never, credentials: store2 }));
	return {
		ok: !run.error,
		error: run.error?.message,
		ticket: run.items[0]?.json.ticket_number,
		attachmentBytes: bytes,
		...measured,
	};
}

runChildScript(main);
