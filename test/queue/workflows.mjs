// Workflows for the queue-mode tests: examples whose Manual Trigger is swapped for a Webhook (so
// that the main hands their executions to the workers), and a bulk SMS run sized by its request.
import { exampleWorkflows, sandboxCredentials } from '../../scripts/project.mjs';

/** The KPN credential only the bulk SMS workflow uses: it holds no token until that workflow runs. */
const BULK_CREDENTIAL = { id: 'kpnQueueApi01', name: 'KPN (queue, bulk SMS)' };

/** The sandbox credentials, and a copy of the KPN one for the bulk SMS workflow alone. */
export function queueCredentials(sandboxUrl, sandboxModule) {
	const credentials = sandboxCredentials(sandboxUrl, sandboxModule);
	const kpn = credentials.find((credential) => credential.type === 'kpnApi');
	return [...credentials, { ...kpn, ...BULK_CREDENTIAL }];
}

const webhook = (name, path, position = [0, 0]) => ({
	id: `q-${path}`,
	name,
	webhookId: `q-${path}`,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
});

/** An example started by POST /webhook/<path> instead of its Manual Trigger (same node name). */
export function exampleOnWebhook(exampleId, id, path) {
	const example = exampleWorkflows().find((workflow) => workflow.id === exampleId);
	if (!example) throw new Error(`no example ${exampleId}`);
	const nodes = example.nodes.map((node) => (node.type === 'n8n-nodes-base.manualTrigger' ? webhook(node.name, path, node.position) : node));
	return { ...example, id, name: `${example.name} (webhook)`, nodes };
}

/**
 * POST /webhook/queue-sms `{offset, count}` → `count` SMS to 0610000000 + offset … , with Retry On
 * Fail on, as the bulk SMS example; its credential is its own (see queueCredentials).
 */
export function bulkSmsOnWebhook() {
	const example = exampleOnWebhook('exKpnSmsBulk', 'qSmsBulk', 'queue-sms');
	const nodes = example.nodes.map((node) =>
		node.type === 'n8n-nodes-kpn-nextpertise.kpnSms'
			? { ...node, credentials: { kpnApi: BULK_CREDENTIAL } }
			: node.name === 'Make 1000 Numbers'
			? {
					...node,
					name: 'Make Numbers',
					parameters: {
						...node.parameters,
						assignments: {
							assignments: [
								{
									...node.parameters.assignments.assignments[0],
									value: "={{ Array.from({ length: $json.body.count }, (_, i) => '06' + (10000000 + $json.body.offset + i)) }}",
								},
							],
						},
					},
				}
			: node,
	);
	const rename = (name) => (name === 'Make 1000 Numbers' ? 'Make Numbers' : name);
	const connections = Object.fromEntries(
		Object.entries(example.connections).map(([from, value]) => [
			rename(from),
			{ main: value.main.map((links) => links.map((link) => ({ ...link, node: rename(link.node) }))) },
		]),
	);
	return { ...example, nodes, connections, name: 'Queue: bulk SMS on a webhook' };
}

/** Every workflow the queue tests import, and the ones they publish. */
export function queueWorkflows() {
	const examples = exampleWorkflows();
	const triggers = ['exKpnDisturbanceSms', 'exKpnIncidentTrigger', 'exNxpChangesSms', 'exKpnSmsDlr'];
	const workflows = [
		bulkSmsOnWebhook(),
		exampleOnWebhook('exKpnIncident', 'qIncident', 'queue-incident'),
		exampleOnWebhook('exNxpOrder', 'qNxpOrder', 'queue-order'),
		...examples.filter((workflow) => triggers.includes(workflow.id)),
	];
	return { workflows, publish: workflows.map((workflow) => workflow.id) };
}
