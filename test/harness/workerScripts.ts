import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Runs a plain-Node script (ESM allowed) in a worker thread, as `node script ...args` would. */
export async function runNodeScript(script: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
	const worker = new Worker(script, { argv: args, stdout: true, stderr: true });
	let stdout = '';
	let stderr = '';
	worker.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	worker.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number>((resolve, reject) => {
		worker.once('error', reject);
		worker.once('exit', resolve);
	});
	return { code, stdout, stderr };
}

export interface LintMessage {
	ruleId: string | null;
	message: string;
	line: number;
}

/** Lints a text with the project's eslint config as if it were the file at `filePath` (relative to the repo). */
export async function lintAsProjectFile(text: string, filePath: string): Promise<LintMessage[]> {
	const worker = new Worker(join(__dirname, 'lintText.mjs'), {
		workerData: { cwd: REPO_ROOT, text, filePath: join(REPO_ROOT, filePath) },
	});
	return await new Promise<LintMessage[]>((resolve, reject) => {
		worker.once('message', (messages: LintMessage[]) => resolve(messages));
		worker.once('error', reject);
		worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`lint worker exited with ${code}`))));
	});
}
