import 'reflect-metadata';
import { LoadOptionsContext, PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	NodeParameterValueType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';
import { TestCredentialsHelper } from './credentialsHelper';

const PACKAGE = 'n8n-nodes-kpn-nextpertise';
const NODE_NAME = 'Node Under Test';

export interface EngineOptions {
	nodeType: INodeType;
	parameters: Record<string, NodeParameterValueType>;
	credentials: CredentialStore;
	/** Workflow static data as n8n stores it (JSON); not changed by the run. */
	staticData?: IDataObject;
}

/** A one-node workflow and the additional data n8n-core's contexts need (real request helpers). */
export function engine(options: EngineOptions) {
	const type = `${PACKAGE}.${options.nodeType.description.name}`;
	const nodeTypes: INodeTypes = {
		getByName: () => options.nodeType,
		getByNameAndVersion: () => options.nodeType,
		getKnownTypes: () => ({}),
	};
	const credentialNames = options.nodeType.description.credentials?.map((c) => c.name) ?? [];
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: Object.fromEntries(credentialNames.map((name) => [name, { id: '1', name: `Test ${name}` }])),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		// n8n keeps static data as JSON in its database between polls; so do the tests.
		staticData: JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject,
	});
	const credentialsHelper = new TestCredentialsHelper(options.credentials);
	const additionalData = {
		credentialsHelper,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, node: workflow.getNode(NODE_NAME)!, additionalData, credentialsHelper };
}

export interface RunPollOptions extends EngineOptions {
	/** 'trigger' = an active workflow's poll; 'manual' = "Fetch Test Event" in the editor. */
	mode?: Extract<WorkflowExecuteMode, 'trigger' | 'manual'>;
}

export interface PollRun {
	/** What poll returned: null when nothing is new. */
	result: INodeExecutionData[][] | null;
	/** The items of the first output ([] when result is null). */
	items: INodeExecutionData[];
	error?: Error & { description?: string | null; httpCode?: string | null };
	/** The workflow static data after the poll, as n8n would save it (JSON). */
	staticData: IDataObject;
	credentialsHelper: TestCredentialsHelper;
}

/**
 * Calls a polling trigger's poll() with n8n-core's real PollContext (real request helpers,
 * credentials through the test credentials helper, static data on a real Workflow), as n8n's
 * ActiveWorkflows does for an active workflow, or as WorkflowExecute does for "Fetch Test Event".
 */
export async function runPoll(options: RunPollOptions): Promise<PollRun> {
	const { workflow, node, additionalData, credentialsHelper } = engine(options);
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
	let result: INodeExecutionData[][] | null = null;
	let error: PollRun['error'];
	try {
		result = (await options.nodeType.poll!.call(context)) ?? null;
	} catch (caught) {
		error = caught as PollRun['error'];
	}
	return {
		result,
		items: result?.[0] ?? [],
		error,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		credentialsHelper,
	};
}

/** Runs a node's listSearch method with n8n-core's real LoadOptionsContext. */
export async function runListSearch(
	options: EngineOptions & { method: string; filter?: string },
): Promise<INodeListSearchResult> {
	const { workflow, node, additionalData } = engine(options);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const method = options.nodeType.methods?.listSearch?.[options.method];
	if (!method) throw new Error(`No listSearch method ${options.method}`);
	return await method.call(context, options.filter);
}
