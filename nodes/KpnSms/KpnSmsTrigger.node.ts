import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { parseReports, reportItem, reportKey } from './deliveryReports/parseReports';
import { firstSightings } from './deliveryReports/recentReports';
import { DELIVERY_STATUSES, FINAL_STATUS_CODES } from './deliveryReports/smsStatusCatalogue';
import { secretFields, secretProblem, SECRET_QUERY_PARAMETER, type SecretLocation } from './deliveryReports/webhookSecret';

interface TriggerOptions {
	fireRepeats?: boolean;
}

export class KpnSmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KPN SMS Trigger',
		name: 'kpnSmsTrigger',
		icon: { light: 'file:../../icons/kpn.svg', dark: 'file:../../icons/kpn.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"on delivery reports, secret in " + $parameter["authentication"]}}',
		description: 'Starts the workflow when KPN posts a delivery report for an SMS sent with the KPN SMS node',
		defaults: { name: 'KPN SMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'delivery-report' }],
		properties: [
			{
				displayName: `Copy the Production URL above into the KPN SMS node's Delivery Report Webhook URL (under Options) and add ?${SECRET_QUERY_PARAMETER}= followed by the Secret below. Publish this workflow so the URL is live. One item comes out per report.`,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			...secretFields,
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: DELIVERY_STATUSES.map((status) => ({
					name: `${status.text} (${status.code})`,
					value: status.code,
					description: status.final ? 'Final: no later report follows' : 'Intermediate: a final report follows',
				})),
				default: [1, 4, 5, 6],
				description: 'Reports with these statuses start the workflow; by default the final ones (Delivered, Failed, Rejected, Expired)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fire Repeated Reports',
						name: 'fireRepeats',
						type: 'boolean',
						default: false,
						description:
							'Whether a report KPN sends again (same document, number and status, e.g. after a timeout) starts the workflow again; by default it fires once',
					},
				],
			},
		],
	};

	// KPN is told the URL with every send (the SMS node's Delivery Report Webhook URL): there is
	// nothing to register with KPN when the workflow is published, nor to remove afterwards.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			response.status(status).json(body);
			return { noWebhookResponse: true };
		};

		const location = this.getNodeParameter('authentication', 'query') as SecretLocation;
		const refused = secretProblem(location, location === 'none' ? '' : String(this.getNodeParameter('secret', '')), {
			query: this.getQueryData() as Record<string, unknown>,
			header: (name) => this.getHeaderData()[name],
			headerName: location === 'header' ? String(this.getNodeParameter('headerName', 'X-Webhook-Secret')) : '',
		});
		if (refused !== undefined) return answer(401, { error: `Unauthorized: ${refused}` });

		const reports = parseReports(this.getBodyData());
		if (!Array.isArray(reports)) return answer(400, { error: `Not a delivery report: ${reports.problem}` });

		const statuses = this.getNodeParameter('statuses', FINAL_STATUS_CODES) as number[];
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const wanted = reports.filter((report) => statuses.includes(report.status.code));
		const now = Date.now();
		let fresh = wanted;
		if (this.getMode() !== 'manual' && options.fireRepeats !== true) {
			const trigger = `${this.getWorkflow().id ?? ''}\n${this.getNode().id}`;
			const isNew = firstSightings(trigger, this.getWorkflowStaticData('node'), wanted.map(reportKey), now);
			fresh = wanted.filter((_, index) => isNew[index]);
		}

		const receivedAt = new Date(now).toISOString();
		response.status(200).json({ received: reports.length, fired: fresh.length, repeated: wanted.length - fresh.length });
		if (fresh.length === 0) return { noWebhookResponse: true };
		return {
			noWebhookResponse: true,
			workflowData: [this.helpers.returnJsonArray(fresh.map((report) => reportItem(report, receivedAt)))],
		};
	}
}
