import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	dependencies?: Record<string, string>;
	peerDependencies: Record<string, string>;
	files: string[];
	n8n: { credentials: string[]; nodes: string[] };
};
type Described = { description: { name: string }; test?: unknown; name: string };
/** The class a package.json entry points at, loaded from source (the entries are data, not imports). */
const loadClass = async (distPath: string) =>
	Object.values((await import(source(distPath))) as Record<string, new () => Described>)[0];
const source = (distPath: string) => join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

describe('package', () => {
	test('is a community node package with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-kpn-nextpertise');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files.some((file) => file.includes('test') || file.includes('sandbox'))).toBe(false);
	});

	test.each([...pkg.n8n.credentials, ...pkg.n8n.nodes])('%s has a source file', (distPath) => {
		expect(existsSync(source(distPath))).toBe(true);
	});

	test.each(pkg.n8n.nodes)('%s has a codex file naming its node type', async (distPath) => {
		const codexPath = source(distPath).replace(/\.ts$/, '.json');
		const codex = JSON.parse(readFileSync(codexPath, 'utf8')) as { node: string };
		const NodeClass = await loadClass(distPath);
		expect(codex.node).toBe(`n8n-nodes-kpn-nextpertise.${new NodeClass().description.name}`);
	});

	test.each(pkg.n8n.credentials)('%s declares a test request', async (distPath) => {
		const Credential = await loadClass(distPath);
		expect(new Credential().test).toBeDefined();
	});

	test('the public node and credential names are the ones saved workflows use', async () => {
		const nodes = await Promise.all(pkg.n8n.nodes.map(async (distPath) => new (await loadClass(distPath))().description.name));
		const credentials = await Promise.all(pkg.n8n.credentials.map(async (distPath) => new (await loadClass(distPath))().name));
		expect(nodes).toEqual(['kpnSms', 'kpnSmsTrigger', 'kpnDisturbance', 'kpnDisturbanceTrigger', 'kpnIncident', 'kpnIncidentTrigger', 'kpnMobileServices', 'nextpertise', 'nextpertiseTrigger']);
		expect(credentials).toEqual(['kpnApi', 'kpnMobileServiceManagementApi', 'nextpertiseApi']);
	});

	test('icons exist in light and dark', () => {
		expect(existsSync(join(root, 'icons', 'kpn.svg'))).toBe(true);
		expect(existsSync(join(root, 'icons', 'kpn.dark.svg'))).toBe(true);
	});
});

describe('README', () => {
	test('the Nextpertise method table lists every operation of the node, with its UI name, and nothing else', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here so the other tests do not build the node
		const { Nextpertise } = require('../../nodes/Nextpertise/Nextpertise.node') as typeof import('../../nodes/Nextpertise/Nextpertise.node');
		const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
		const rows = [...readme.matchAll(/^\| `(\w+)` \| `(\w+)` \| ([^|]+) \|/gm)].map((match) => `${match[1]}.${match[2]}: ${match[3].trim()}`);
		const node = new Nextpertise();
		const expected: string[] = [];
		for (const property of node.description.properties) {
			if (property.name !== 'operation') continue;
			const resource = (property.displayOptions?.show?.resource as string[])[0];
			for (const option of property.options as Array<{ name: string; value: string }>) {
				expected.push(`${resource}.${option.value}: ${option.name}`);
			}
		}
		expect(expected).toHaveLength(81);
		expect(rows.sort()).toEqual(expected.sort());
	});
});
