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

	test.each(pkg.n8n.nodes)('%s has a codex file naming its node type', (distPath) => {
		const codexPath = source(distPath).replace(/\.ts$/, '.json');
		const codex = JSON.parse(readFileSync(codexPath, 'utf8')) as { node: string };
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(source(distPath)) as Record<string, new () => { description: { name: string } }>;
		const NodeClass = Object.values(exported)[0];
		expect(codex.node).toBe(`n8n-nodes-kpn-nextpertise.${new NodeClass().description.name}`);
	});

	test.each(pkg.n8n.credentials)('%s declares a test request', (distPath) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(source(distPath)) as Record<string, new () => { test?: unknown; name: string }>;
		const credential = new (Object.values(exported)[0])();
		expect(credential.test).toBeDefined();
	});

	test('the public node and credential names are the ones saved workflows use', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const names = pkg.n8n.nodes.map((distPath) => new (Object.values(require(source(distPath)) as Record<string, new () => { description: { name: string } }>)[0])().description.name);
		expect(names).toEqual(expect.arrayContaining(['kpnSms']));
	});

	test('icons exist in light and dark', () => {
		expect(existsSync(join(root, 'icons', 'kpn.svg'))).toBe(true);
		expect(existsSync(join(root, 'icons', 'kpn.dark.svg'))).toBe(true);
	});
});
