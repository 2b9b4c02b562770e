import 'reflect-metadata';
import { LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';
import { TestCredentialsHelper } from './credentialsHelper';

const PACKAGE = 'n8n-nodes-kpn-nextpertise';

export interface LoadOptionsRun {
	nodeType: INodeType;
	/** The node's parameters as the editor holds them (sent to n8n as currentNodeParameters). */
	parameters: Record<string, NodeParameterValueType>;
	credentials: CredentialStore;
	/** Path of the parameter the list is for, e.g. 'parameters.productActions.action[0].productId'. */
	path?: string;
}

/**
 * A LoadOptionsContext as n8n's editor gets one: the node's current (unresolved) parameters are
 * available through getCurrentNodeParameter, real request helpers, credentials from the store.
 */
function context(options: LoadOptionsRun): LoadOptionsContext {
	const nodeTypes: INodeTypes = {
		getByName: () => options.nodeType,
		getByNameAndVersion: () => options.nodeType,
		getKnownTypes: () => ({}),
	};
	const credentialNames = options.nodeType.description.credentials?.map((c) => c.name) ?? [];
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type: `${PACKAGE}.${options.nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: Object.fromEntries(credentialNames.map((name) => [name, { id: '1', name: `Test ${name}` }])),
	};
	const workflow = new Workflow({ id: 'test-workflow', name: 'Test', nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		currentNodeParameters: options.parameters,
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, workflow.getNode('Node Under Test')!, additionalData, options.path ?? 'parameters');
}

/** Runs one of the node's methods.loadOptions. */
export async function runLoadOptions(options: LoadOptionsRun & { method: string }): Promise<INodePropertyOptions[]> {
	const method = options.nodeType.methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`No loadOptions method ${options.method}`);
	return await method.call(context(options));
}

/** Runs one of the node's methods.listSearch, with the filter and pagination token the editor sends. */
export async function runListSearchPage(
	options: LoadOptionsRun & { method: string; filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const method = options.nodeType.methods?.listSearch?.[options.method];
	if (!method) throw new Error(`No listSearch method ${options.method}`);
	return await method.call(context(options), options.filter, options.paginationToken);
}
