// Tests are not shipped to n8n (package.json "files" only lists dist/). ESLint looks this file up
// for everything under test/ when the lookup-from-file flag is on (see the "lint" script in
// package.json): n8n's default community-node rules still apply, except the ones about what
// a node may use at run time in n8n Cloud. Tests use Node built-ins, the console and timers, and
// their client IDs and secrets are fake fixtures for nock and the sandbox.
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'no-console': 'off',
		},
	},
];
