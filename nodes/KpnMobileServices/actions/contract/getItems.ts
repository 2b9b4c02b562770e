import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from '../../../shared/errors/apiError';
import { flattenTree, isRecord } from '../../msmApi';
import { basePathFor, numericId, optionsField, runMsmItems, showFor } from '../common';
import { contractLocator } from '../locators';
import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';

const show = showFor('contract', 'getItems');

export const getItemsFields: INodeProperties[] = [
	contractLocator({ show }, 'The contract whose products (contract items) to read'),
	{
		displayName: 'Flatten Product Tree',
		name: 'flatten',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description:
			'Whether to output one item per product (with level, parentId and path) instead of one item holding the whole tree',
	},
	optionsField('contract', 'getItems', [parallelRequestsOption]),
];

interface Prepared {
	itemIndex: number;
	basePath: string;
	id: string;
	flatten: boolean;
}

export async function getItems(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runMsmItems<Prepared>(this, {
		prepare: (itemIndex) => {
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const id = numericId(this, itemIndex, 'contractId', 'Contract', '9876543');
			if (id instanceof NodeOperationError) return id;
			return { itemIndex, basePath, id, flatten: this.getNodeParameter('flatten', itemIndex, false) === true };
		},
		execute: async (client, item) => {
			const path = `/contract/id/${item.id}/items`;
			const response = await client.request<unknown>({ method: 'GET', basePath: item.basePath, path, itemIndex: item.itemIndex });
			const body = response.body;
			const roots = Array.isArray(body) ? body.filter(isRecord) : isRecord(body) ? [body] : undefined;
			if (roots === undefined) {
				throw apiError(this.getNode(), {
					message: `KPN answered without the items of contract ${item.id}`,
					description: `GET ${item.basePath}${path} returned ${JSON.stringify(body ?? null).slice(0, 200)}`,
					httpCode: response.statusCode,
					itemIndex: item.itemIndex,
				});
			}
			return item.flatten ? (flattenTree(roots) as IDataObject[]) : roots;
		},
	});
}
