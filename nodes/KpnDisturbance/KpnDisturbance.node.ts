import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { getAll, getAllFields } from './actions/disturbance/getAll';

export class KpnDisturbance implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KPN Disturbance',
		name: 'kpnDisturbance',
		icon: { light: 'file:../../icons/kpn.svg', dark: 'file:../../icons/kpn.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Get disturbances in the KPN network in the Netherlands (Disturbance Detector API)',
		defaults: { name: 'KPN Disturbance' },
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
				options: [{ name: 'Disturbance', value: 'disturbance' }],
				default: 'disturbance',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['disturbance'] } },
				options: [
					{
						name: 'Get Many',
						value: 'getAll',
						description: 'Get disturbances in the KPN network',
						action: 'Get many current disturbances in the KPN network',
					},
				],
				default: 'getAll',
			},
			...getAllFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0, '');
		const operation = this.getNodeParameter('operation', 0, '');
		if (resource === 'disturbance' && operation === 'getAll') return [await getAll.call(this)];
		throw new NodeOperationError(this.getNode(), `Unknown operation "${String(resource)}/${String(operation)}"`, {
			description: 'The KPN Disturbance node supports disturbance: getAll',
		});
	}
}
