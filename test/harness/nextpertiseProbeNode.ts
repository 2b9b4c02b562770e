import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ProductClass } from '../../nodes/shared/nextpertise/catalogue';
import { NextpertiseClient } from '../../nodes/shared/nextpertise/transport';

/** A test-only node that makes one Nextpertise JSON-RPC call per item, as the parameters say. */
export class NextpertiseProbe implements INodeType {
	description = {
		displayName: 'Nextpertise Probe',
		name: 'nextpertiseProbe',
		group: ['transform'],
		version: 1,
		description: 'Test node for the Nextpertise transport',
		defaults: { name: 'Nextpertise Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nextpertiseApi' }],
		properties: ['productClass', 'method', 'params', 'safeToRetry', 'permission'].map((name) => ({
			displayName: name,
			name,
			type: 'json',
			default: null,
		})),
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const param = <T>(name: string, itemIndex: number, fallback: T): T =>
			((this.getNodeParameter(name, itemIndex, null) as T | null) ?? fallback);
		const client = await NextpertiseClient.connect(this);
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			const result = await client.call({
				productClass: param<ProductClass>('productClass', itemIndex, 'postcodes'),
				method: param('method', itemIndex, 'get_housenrs'),
				params: param('params', itemIndex, {}),
				safeToRetry: param('safeToRetry', itemIndex, true),
				permission: param<string | undefined>('permission', itemIndex, undefined),
				itemIndex,
			});
			out.push({ json: { result: result as never }, pairedItem: { item: itemIndex } });
		}
		return [out];
	}
}
