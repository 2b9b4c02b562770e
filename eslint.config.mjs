// n8n's community-node lint rules, assembled as `@n8n/node-cli`'s `eslint` config (0.48) does.
// We install the rule plugins directly instead of @n8n/node-cli itself: node-cli pulls
// n8n-workflow 2.x, whose isolated-vm dependency does not build on the Node 20 we support.
// Left out: node-cli's generic eslint-plugin-import-x set. Its resolver (unrs-resolver) lists
// per-platform binaries the registry here does not serve, which breaks `npm ci`; tsc already
// refuses unresolved imports.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', '.cache', 'coverage', 'docs', '**/*.js', '**/*.mjs']),
	{
		files: ['**/*.ts'],
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			communityRecommended,
		],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{
		files: ['package.json'],
		extends: [communityRecommended],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		// Tests and dev tooling are not shipped to n8n: they may use Node globals and the console,
		// and their client IDs, secrets and token paths are fake fixtures for nock and the sandbox.
		files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'no-console': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
		},
	},
);
