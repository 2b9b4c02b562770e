import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { METHODS } from '../../nodes/shared/nextpertise/catalogue';
import { everyText } from '../harness/kpnNock';
import { runNode } from '../harness/runNode';
import { useSandbox } from '../harness/sandboxSuite';
import { NEXTPERTISE_SANDBOX_PASSWORD } from '../sandbox/server';

// Every one of the 81 operations, run through the node (n8n-core's engine) against the sandbox's
// JSON-RPC server, which checks the params with the catalogue and answers with the document's
// reply: the documented request example where the document has one, else the params below.
const { sandbox, nextpertiseCredentials } = useSandbox();
const node = new Nextpertise();

/** The 10 email methods have no documented request example. */
const WITHOUT_EXAMPLE: Record<string, Record<string, unknown>> = {
	create_forwarder: { mailbox: 'info@example.com', recipients: ['sales@example.com'] },
	create_mailbox: { mailbox: 'info@example.com' },
	delete_forwarder: { mailbox: 'info@example.com' },
	delete_mailbox: { mailbox: 'info@example.com' },
	get_forwarders: {},
	get_mailbox_usage: { mailbox: 'info@example.com', year: 2026, month: 10 },
	get_mailboxes: {},
	get_ordered_products: {},
	update_forwarder: { mailbox: 'info@example.com', recipients: ['sales@example.com'] },
	update_password: { mailbox: 'info@example.com', password: 'N3w-mailbox-pass' },
};

const cases = METHODS.map((spec) => {
	const documented = spec.examples[0]?.params;
	const params: Record<string, unknown> = { ...(documented ?? WITHOUT_EXAMPLE[spec.method]) };
	if (spec.paging) delete params[spec.paging.param];
	return { resource: spec.resource, method: spec.method, params, spec };
});

test('the table covers all 81 methods: 71 with the document\'s example, 10 email methods with written params', () => {
	expect(cases).toHaveLength(81);
	expect(cases.filter((entry) => entry.spec.examples.length === 0).map((entry) => entry.method).sort()).toEqual(
		Object.keys(WITHOUT_EXAMPLE).sort(),
	);
});

test.each(cases.map((entry) => [`${entry.resource}.${entry.method}`, entry] as const))(
	'%s succeeds through the node, one request to its endpoint (pages: one page of up to 5 rows)',
	async (_name, { resource, method, params, spec }) => {
		const result = await runNode({
			nodeType: node,
			parameters: {
				resource,
				operation: method,
				jsonParameters: true,
				parametersJson: JSON.stringify(params),
				...(spec.paginated ? { returnAll: false, limit: 5 } : {}),
			} as never,
			credentials: nextpertiseCredentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		const calls = sandbox().log.filter((entry) => entry.method === 'POST' && entry.path === `/${spec.productClass}/v1`);
		expect(calls.map((entry) => [entry.status, (entry.body as { method?: string }).method])).toEqual([[200, method]]);
		expect(everyText(result.run)).not.toContain(NEXTPERTISE_SANDBOX_PASSWORD);
	},
);
