import { startSandbox, type SandboxOptions } from './server';

function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = {};
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=', 2);
		const value = inline ?? argv[++index];
		switch (flag) {
			case '--port':
				options.port = Number(value);
				break;
			case '--host':
				options.host = value;
				break;
			case '--token-lifetime':
				options.tokenLifetimeSeconds = Number(value);
				break;
			case '--quota-limit':
				options.quotaLimit = Number(value);
				break;
			default:
				throw new Error(`Unknown option ${flag}. Use --port N, --host H, --token-lifetime S, --quota-limit N`);
		}
		if (value === undefined) throw new Error(`${flag} needs a value`);
	}
	if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)) {
		throw new Error('--port must be 0..65535');
	}
	return options;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
	console.log(`KPN sandbox listening on ${sandbox.url}`);
	console.log(`Foreign origin for redirect faults on ${sandbox.foreign.url}`);
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		console.log(`KPN sandbox stopping (${signal})`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
