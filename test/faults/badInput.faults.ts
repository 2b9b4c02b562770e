import { withBinaryInput } from '../harness/binaryItems';
import { runNode } from '../harness/runNode';
import { useSandbox } from '../harness/sandboxSuite';
import { disturbanceCases } from './badInput/disturbance';
import { incidentCases } from './badInput/incident';
import { mobileServicesCases } from './badInput/mobileServices';
import { nextpertiseCases } from './badInput/nextpertise';
import { smsCases } from './badInput/sms';
import type { BadInputCase } from './badInput/types';
import { findSecrets, runTexts, tallyScenario, trackSecrets } from './support/faultRun';

// The bad-input table: every row must stop the node with a NodeOperationError that names the item
// and the field, before any request (not even a token request) reaches the sandbox.
const suite = useSandbox();
const cases: BadInputCase[] = [...smsCases, ...incidentCases, ...disturbanceCases, ...mobileServicesCases, ...nextpertiseCases];

test('the table has at least 40 cases', () => {
	expect(cases.length).toBeGreaterThanOrEqual(40);
});

test.each(cases.map((row) => [`${row.family}: ${row.name}`, row] as const))('%s', async (_title, row) => {
	const node = row.nodeType();
	// The Nextpertise node's credential (JWT, so a request that slipped through would log in first).
	const usesNextpertise = node.description.credentials?.some((credential) => credential.name === 'nextpertiseApi') === true;
	const credentials = usesNextpertise ? suite.nextpertiseCredentials('jwt') : suite.credentials();
	const secrets = trackSecrets(credentials);
	const nodeType = row.binaries ? withBinaryInput(node, row.binaries) : node;
	const run = await runNode({ nodeType, parameters: row.parameters as never, items: row.items ?? [{}], credentials });
	tallyScenario({
		kind: 'badInput',
		family: row.family,
		scenario: row.name,
		items: row.items?.length ?? 1,
		itemsLost: 0,
		duplicateWrites: 0,
		duplicateDeliveries: 0,
		secretsFound: findSecrets(runTexts(run), secrets()),
	});
	// n8n keeps the error of a failed node as a plain object; its name is the class that was thrown.
	expect(run.error?.name).toBe('NodeOperationError');
	const prefix = `Item ${row.item ?? 0}: `;
	expect(run.error?.message.startsWith(prefix)).toBe(true);
	const rest = run.error!.message.slice(prefix.length);
	if (typeof row.message === 'string') expect(rest).toBe(row.message);
	else expect(rest).toMatch(row.message);
	expect(suite.sandbox().log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
});
