import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from '../../../shared/errors/apiError';
import type { KpnClient, KpnContext } from '../../../shared/kpn/transport';
import { flattenTree, isRecord } from '../../msmApi';
import { basePathFor, optionsField, runMsmItems, showFor } from '../common';
import { sessionIdField } from '../locators';
import { BASKET_PATH, sessionIdFor } from './common';
import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';

const show = showFor('basket', 'get');

export const getFields: INodeProperties[] = [
	sessionIdField({ show }, 'The basket to read'),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Whole Basket',
				value: 'basket',
				description: 'One item: product tree, characteristics, old and total price',
			},
			{
				name: 'Product Rows',
				value: 'products',
				description: 'One item per product of the tree (with level, parentId and path), to pick products to change',
			},
			{
				name: 'Characteristic Rows',
				value: 'characteristics',
				description: 'One item per characteristic (name, value, possible values), to see what still has to be set',
			},
		],
		default: 'basket',
		displayOptions: { show },
	},
	optionsField('basket', 'get', [parallelRequestsOption]),
];

/** GET /contracting/basket?sessionId=: the basket (BasketSnapshot). */
export async function readBasket(
	context: KpnContext,
	client: KpnClient,
	basePath: string,
	sessionId: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await client.request<unknown>({ method: 'GET', basePath, path: BASKET_PATH, qs: { sessionId }, itemIndex });
	if (!isRecord(response.body)) {
		throw apiError(context.getNode(), {
			message: 'KPN answered without a basket',
			description: `GET ${basePath}${BASKET_PATH}?sessionId=${sessionId} returned ${JSON.stringify(response.body ?? null).slice(0, 200)}`,
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	return response.body;
}

/** The basket's characteristics ({ name: Characteristic }) as rows. */
export function characteristicRows(basket: IDataObject): IDataObject[] {
	const characteristics = isRecord(basket.characteristics) ? basket.characteristics : {};
	return Object.entries(characteristics).map(([name, value]) => ({ name, ...(isRecord(value) ? value : { value }) }));
}

interface Prepared {
	itemIndex: number;
	basePath: string;
	sessionId: string;
	output: string;
}

export async function get(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runMsmItems<Prepared>(this, {
		prepare: (itemIndex) => {
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const sessionId = sessionIdFor(this, itemIndex);
			if (sessionId instanceof NodeOperationError) return sessionId;
			return { itemIndex, basePath, sessionId, output: this.getNodeParameter('output', itemIndex, 'basket') as string };
		},
		execute: async (client, item) => {
			const basket = await readBasket(this, client, item.basePath, item.sessionId, item.itemIndex);
			if (item.output === 'products') return flattenTree(basket.productTree) as IDataObject[];
			if (item.output === 'characteristics') return characteristicRows(basket);
			return [basket];
		},
	});
}
