import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeSpecOperation, SPEC_RESOURCES, specOperationProperties } from '../../nodes/KpnMobileServices/spec';

/**
 * A test-only node that carries exactly the generated Mobile Service Management operations (not
 * the hand-written ones): a Resource dropdown of SPEC_RESOURCES, their operation dropdowns and
 * fields, and an execute that runs executeSpecOperation, independent of the hand-written node around them.
 */
export class KpnMsmSpecProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KPN MSM Spec Probe',
		name: 'kpnMsmSpecProbe',
		group: ['transform'],
		version: 1,
		description: 'Test node for the generated Mobile Service Management operations',
		defaults: { name: 'KPN MSM Spec Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kpnMobileServiceManagementApi' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: SPEC_RESOURCES,
				default: String(SPEC_RESOURCES[0].value),
			},
			...specOperationProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = String(this.getNodeParameter('resource', 0));
		const operation = String(this.getNodeParameter('operation', 0));
		return await executeSpecOperation.call(this, resource, operation);
	}
}
