import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RETRY_THROTTLED_ONLY } from '../../../shared/http/retry';
import { isRecord } from '../../msmApi';
import { basePathFor, optionsField, runMsmItems, showFor } from '../common';
import { contractLocator, subscriberLocator } from '../locators';
import { basketStartBody } from './basketStart';
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
				name: 'Combine Fixed and Mobile Contracts',
				value: 'combineFixedMobile',
				description:
					'Combine a fixed and a mobile contract into one (VAMO) subscription (sends fixedContractId and mobileContractId)',
			},
			{
				name: 'Modify a Template',
				value: 'modifyTemplate',
				description:
					'Change a product template; save it with Basket (Advanced) → Modify Template (sends templateIdToModify)',
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
		...contractLocator(
			{ show: { ...show, basketFor: ['combineFixedMobile'] } },
			'The fixed contract to combine. For a mobile contract, Contract Info → Get VAMO Fixed Numbers lists the fixed ones it can be combined with.',
		),
		displayName: 'Fixed Contract',
		name: 'fixedContractId',
	},
	{
		...contractLocator(
			{ show: { ...show, basketFor: ['combineFixedMobile'] } },
			'The mobile contract to combine. For a fixed contract, Contract Info → Get VAMO Mobile Numbers lists the mobile ones it can be combined with.',
		),
		displayName: 'Mobile Contract',
		name: 'mobileContractId',
	},
	{
		displayName: 'Template ID',
		name: 'templateIdToModify',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1234567',
		description:
			'ID of the template to change (from Template → Get Many). Change the basket as usual, then save it into the template with Basket (Advanced) → Modify Template.',
		displayOptions: { show: { ...show, basketFor: ['modifyTemplate'] } },
	},
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
			const body = basketStartBody(this, itemIndex);
			if (body instanceof NodeOperationError) return body;
			return { itemIndex, basePath, body };
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
