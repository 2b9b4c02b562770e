import 'reflect-metadata';
import { WebhookContext } from 'n8n-core';
import type { IDataObject, INodeType, IWebhookData, IWebhookResponseData, NodeParameterValueType, WorkflowExecuteMode } from 'n8n-workflow';

import { forgetRecentReports } from '../../nodes/KpnSms/deliveryReports/recentReports';
import { CredentialStore } from './credentialStore';
import { engine } from './runPoll';

export interface WebhookRequest {
	body?: unknown;
	query?: Record<string, string>;
	headers?: Record<string, string>;
}

export interface WebhookCall {
	/** What webhook() returned. */
	result?: IWebhookResponseData;
	error?: Error;
	/** Status and JSON the node answered with itself (undefined when it left the answer to n8n). */
	answer?: { status: number; body: unknown };
	/** The items that start the workflow ([] when none). */
	items: IDataObject[];
}

/**
 * Calls a webhook trigger's webhook() with n8n-core's real WebhookContext, a request and a
 * response recorder, as n8n does for a POST to the node's production URL ('trigger' mode) or its
 * test URL ('manual'). Static data is the workflow's, shared by every call of one Webhook. A new
 * Webhook is a freshly started n8n: what the process remembered is gone, `staticData` (as saved
 * by an earlier one) is kept.
 */
export class Webhook {
	private readonly setup;

	constructor(
		private readonly nodeType: INodeType,
		parameters: Record<string, NodeParameterValueType>,
		private readonly mode: Extract<WorkflowExecuteMode, 'trigger' | 'manual'> = 'trigger',
		staticData?: IDataObject,
		sameProcess = false,
	) {
		if (!sameProcess) forgetRecentReports();
		this.setup = engine({ nodeType, parameters, credentials: new CredentialStore({}), staticData });
	}

	/**
	 * The same webhook as n8n loads it for another request in the same process: its own copy of
	 * the workflow, with `staticData` as that request read it from the database.
	 */
	sameProcessCopy(staticData: IDataObject): Webhook {
		const parameters = this.setup.node.parameters as Record<string, NodeParameterValueType>;
		return new Webhook(this.nodeType, parameters, this.mode, staticData, true);
	}

	/** The workflow static data as n8n would save it (JSON). */
	get staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.setup.workflow.staticData)) as IDataObject;
	}

	/** This node's own static data (what getWorkflowStaticData('node') gives it). */
	get nodeStaticData(): IDataObject {
		return (this.staticData[`node:${this.setup.node.name}`] ?? {}) as IDataObject;
	}

	async post(request: WebhookRequest): Promise<WebhookCall> {
		const { workflow, node, additionalData } = this.setup;
		let answer: WebhookCall['answer'];
		const response = {
			status(code: number) {
				return {
					json(body: unknown) {
						answer = { status: code, body };
					},
				};
			},
		};
		const httpRequest = { body: request.body ?? {}, query: request.query ?? {}, headers: request.headers ?? {}, params: {} };
		const webhookData = { webhookDescription: this.nodeType.description.webhooks![0] } as IWebhookData;
		const context = new WebhookContext(
			workflow,
			node,
			{ ...additionalData, httpRequest, httpResponse: response } as unknown as typeof additionalData,
			this.mode,
			webhookData,
			[],
			null,
		);
		try {
			const result = await this.nodeType.webhook!.call(context);
			return { result, answer, items: (result.workflowData?.[0] ?? []).map((item) => item.json) };
		} catch (error) {
			return { error: error as Error, answer, items: [] };
		}
	}
}
