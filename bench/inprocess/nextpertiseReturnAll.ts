// Benchmark child process: the Nextpertise node's Return All over many rows, run in n8n-core's
// WorkflowExecute (test/harness/runNode) against the sandbox process: rows out, wall time and the
// peak memory it took. (n8n's `execute` cannot reliably print a 10,000-row run, so this size is
// measured here; the bench runs a smaller size in real n8n as well.)
// Usage: node --expose-gc nextpertiseReturnAll.js '{"sandboxUrl": …, "username": …, "password": …}'
import '../../test/setup/env';

import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { nextpertiseCredentialStore } from '../../test/harness/nextpertiseCredentials';
import { runNode } from '../../test/harness/runNode';
import { measurePeak, runChildScript } from './childScript';

interface Args {
	sandboxUrl: string;
	username: string;
	password: string;
}

runChildScript(async (args: Args) => {
	const credentials = nextpertiseCredentialStore({
		username: args.username,
		password: args.password,
		authentication: 'jwt',
		baseUrl: args.sandboxUrl,
	});
	const parameters = { resource: 'broadband', operation: 'list_connections', returnAll: true, additionalFields: {} };
	const { value: run, ...measured } = await measurePeak(async () => await runNode({ nodeType: new Nextpertise(), parameters: parameters as never, credentials }));
	return {
		ok: !run.error,
		error: run.error?.message,
		rows: run.items.length,
		distinctRows: new Set(run.items.map((item) => JSON.stringify(item.json))).size,
		...measured,
	};
});
