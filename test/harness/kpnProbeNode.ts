import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { KpnClient, type KpnCredentialType } from '../../nodes/shared/kpn/transport';

/** A test-only node that makes one KPN transport request per item, as the parameters say. */
export class KpnProbe implements INodeType {
	description = {
		displayName: 'KPN Probe',
		name: 'kpnProbe',
		group: ['transform'],
		version: 1,
		description: 'Test node for the KPN transport',
		defaults: { name: 'KPN Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kpnApi' }, { name: 'kpnMobileServiceManagementApi' }],
		properties: ['credentialType', 'method', 'basePath', 'path', 'retryOn', 'body'].map((name) => ({
			displayName: name,
			name,
			type: 'json',
			default: null,
		})),
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const param = <T>(name: string, itemIndex: number, fallback: T): T =>
			((this.getNodeParameter(name, itemIndex, null) as T | null) ?? fallback);
		const credentialType = param<KpnCredentialType>('credentialType', 0, 'kpnApi');
		const client = await KpnClient.connect(this, credentialType);
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			const retryOn = param<number[] | undefined>('retryOn', itemIndex, undefined);
			const response = await client.request({
				method: param<'GET'>('method', itemIndex, 'GET'),
				basePath: param('basePath', itemIndex, '/test/api'),
				path: param('path', itemIndex, '/thing'),
				body: param<never>('body', itemIndex, undefined as never),
				retryOn,
				itemIndex,
			});
			out.push({
				json: { body: response.body as never, statusCode: response.statusCode, quota: { ...response.quota } },
				pairedItem: { item: itemIndex },
			});
		}
		return [out];
	}
}
