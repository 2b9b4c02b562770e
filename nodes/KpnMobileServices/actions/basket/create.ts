import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RETRY_THROTTLED_ONLY } from '../../../shared/http/retry';
import { isRecord } from '../../msmApi';
import { basePathFor, itemProblem, numericId, optionsField, runMsmItems, showFor } from '../common';
import { contractLocator, subscriberLocator } from '../locators';
import { BASKET_PATH } from './common';

const show = showFor('basket', 'create');

export const createFields: INodeProperties[] = [
	{
		displayName: 'Basket For',
		name: 'basketFor',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Change an Existing Contract',
				value: 'contract',
				description: 'Add or remove products and options of a contract (sends contractId)',
			},
			{
				name: 'New Contract for a Subscriber',
				value: 'subscriber',
				description: 'Order a new subscription or hardware for a subscriber (sends accountGroupId)',
			},
		],
		default: 'contract',
		displayOptions: { show },
	},
	contractLocator({ show: { ...show, basketFor: ['contract'] } }, 'The contract to change'),
	subscriberLocator({ show: { ...show, basketFor: ['subscriber'] } }, 'The subscriber who gets the new contract'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { ...show, basketFor: ['subscriber'] } },
		options: [
			{
				displayName: 'Termination Order ID',
				name: 'orderId',
				type: 'string',
				default: '',
				placeholder: '7654321',
				description:
					'To reactivate a terminated contract: the ID of the order (service request) that terminated it',
			},
		],
	},
	optionsField('basket', 'create'),
];

interface Prepared {
	itemIndex: number;
	basePath: string;
	body: IDataObject;
}

export async function create(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runMsmItems<Prepared>(this, {
		write: {
			doneWord: 'created',
			label: (output) => (typeof output[0]?.sessionId === 'string' ? `session ${output[0].sessionId}` : undefined),
		},
		prepare: (itemIndex) => {
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const basketFor = this.getNodeParameter('basketFor', itemIndex, 'contract') as string;
			if (basketFor === 'subscriber') {
				const id = numericId(this, itemIndex, 'subscriberId', 'Subscriber', '1234568');
				if (id instanceof NodeOperationError) return id;
				const body: IDataObject = { accountGroupId: Number(id) };
				const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
				const orderId = String(additional.orderId ?? '').trim();
				if (orderId !== '') {
					if (!/^\d+$/.test(orderId)) {
						return itemProblem(this, itemIndex)(`Termination Order ID: "${orderId}" is not an ID`, "KPN's IDs are whole numbers");
					}
					body.orderId = Number(orderId);
				}
				return { itemIndex, basePath, body };
			}
			const id = numericId(this, itemIndex, 'contractId', 'Contract', '9876543');
			if (id instanceof NodeOperationError) return id;
			return { itemIndex, basePath, body: { contractId: Number(id) } };
		},
		execute: async (client, item) => {
			const response = await client.request<unknown>({
				method: 'POST',
				basePath: item.basePath,
				path: BASKET_PATH,
				body: item.body,
				retryOn: RETRY_THROTTLED_ONLY,
				itemIndex: item.itemIndex,
			});
			return [isRecord(response.body) ? response.body : { result: (response.body ?? null) as IDataObject }];
		},
	});
}
