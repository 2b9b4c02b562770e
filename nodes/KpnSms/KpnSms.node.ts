import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { send, sendFields } from './actions/message/send';

export class KpnSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KPN SMS',
		name: 'kpnSms',
		icon: { light: 'file:../../icons/kpn.svg', dark: 'file:../../icons/kpn.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS through the KPN SMS API, in bulk',
		defaults: { name: 'KPN SMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kpnApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
				default: 'message',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{
						name: 'Send',
						value: 'send',
						description: 'Send an SMS to one or more recipients',
						action: 'Send an SMS text message to one or more mobile numbers',
					},
				],
				default: 'send',
			},
			...sendFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0);
		const operation = this.getNodeParameter('operation', 0);
		if (resource === 'message' && operation === 'send') return [await send.call(this)];
		throw new NodeOperationError(this.getNode(), `Unknown operation "${resource}/${operation}"`);
	}
}
