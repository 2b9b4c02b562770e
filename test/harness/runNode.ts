import 'reflect-metadata';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';
import { TestCredentialsHelper } from './credentialsHelper';

const PACKAGE = 'n8n-nodes-kpn-nextpertise';
const SOURCE_NAME = 'Input';
const NODE_NAME = 'Node Under Test';

export interface RunNodeOptions {
	nodeType: INodeType;
	parameters: Record<string, NodeParameterValueType>;
	items?: IDataObject[];
	credentials?: CredentialStore;
	continueOnFail?: boolean;
	/** n8n's node setting Retry On Fail: n8n runs the node again (up to maxTries in all) after it fails. */
	retryOnFail?: { maxTries: number; waitBetweenTries?: number };
	/** Reuse across runs to keep workflow static data (triggers) between polls. */
	staticData?: IDataObject;
	/** The node's typeVersion in the workflow (1 unless given). */
	typeVersion?: number;
}

export interface NodeRun {
	items: INodeExecutionData[];
	/** The error that stopped the run, if any. */
	error?: { message: string; description?: string | null; name?: string; httpCode?: string | null };
	credentialsHelper: TestCredentialsHelper;
	run: IRun;
}

function sourceNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Input',
			name: 'testInput',
			group: ['input'],
			version: 1,
			description: 'Emits fixed test items',
			defaults: { name: SOURCE_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			return [items.map((json) => ({ json }))];
		},
	};
}

/**
 * Runs one of our nodes inside n8n-core's real execution engine (WorkflowExecute), fed by a
 * source node, with real request helpers (httpRequestWithAuthentication, preAuthentication, 401
 * refresh) over the given credentials.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const nodeName = options.nodeType.description.name;
	const types: Record<string, INodeType> = {
		'test.input': sourceNodeType(options.items ?? [{}]),
		[`${PACKAGE}.${nodeName}`]: options.nodeType,
	};
	const nodeTypes: INodeTypes = {
		getByName: (type) => types[type],
		getByNameAndVersion: (type) => types[type],
		getKnownTypes: () => ({}),
	};
	const credentialNames = options.nodeType.description.credentials?.map((c) => c.name) ?? [];
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: `${PACKAGE}.${nodeName}`,
		typeVersion: options.typeVersion ?? 1,
		position: [200, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: Object.fromEntries(credentialNames.map((name) => [name, { id: '1', name: `Test ${name}` }])),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.retryOnFail
			? { retryOnFail: true, maxTries: options.retryOnFail.maxTries, waitBetweenTries: options.retryOnFail.waitBetweenTries ?? 0 }
			: {}),
	};
	const source: INode = {
		id: 'input',
		name: SOURCE_NAME,
		type: 'test.input',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes: [source, node],
		connections: { [SOURCE_NAME]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		staticData: options.staticData,
	});

	const credentialsHelper = new TestCredentialsHelper(options.credentials ?? emptyStore());
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'Test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: workflow.nodes ? Object.values(workflow.nodes) : [],
		connections: workflow.connectionsBySourceNode,
		settings: {},
		activeVersionId: null,
	} as never);
	const additionalData = {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as NodeRun['error'];
	return { items: taskData?.data?.main?.[0] ?? [], error, credentialsHelper, run };
}

function emptyStore(): CredentialStore {
	return { get: () => ({}), update: () => {}, type: () => ({ properties: [] }) } as unknown as CredentialStore;
}
