import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from '../../../shared/errors/apiError';
import type { KpnClient } from '../../../shared/kpn/transport';
import { isRecord } from '../../msmApi';
import { basePathFor, numericId, optionsField, runMsmItems, showFor } from '../common';
import { subscriberLocator } from '../locators';
import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';

export const getFields: INodeProperties[] = [
	subscriberLocator({ show: showFor('subscriber', 'get') }, 'The subscriber to read'),
	optionsField('subscriber', 'get', [parallelRequestsOption]),
];

export function subscriberPath(id: string): string {
	return `/hierarchy/subscribers/${id}`;
}

/** GET /hierarchy/subscribers/{id}: the subscriber's details (SubscriberDetails). */
export async function readSubscriber(
	context: IExecuteFunctions,
	client: KpnClient,
	basePath: string,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await client.request<unknown>({ method: 'GET', basePath, path: subscriberPath(id), itemIndex });
	if (!isRecord(response.body)) {
		throw apiError(context.getNode(), {
			message: `KPN answered without subscriber ${id}`,
			description: `GET ${basePath}${subscriberPath(id)} returned ${JSON.stringify(response.body ?? null).slice(0, 200)}`,
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	return response.body;
}

interface Prepared {
	itemIndex: number;
	basePath: string;
	id: string;
}

export async function get(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runMsmItems<Prepared>(this, {
		prepare: (itemIndex) => {
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const id = numericId(this, itemIndex, 'subscriberId', 'Subscriber', '1234568');
			if (id instanceof NodeOperationError) return id;
			return { itemIndex, basePath, id };
		},
		execute: async (client, item) => [await readSubscriber(this, client, item.basePath, item.id, item.itemIndex)],
	});
}
