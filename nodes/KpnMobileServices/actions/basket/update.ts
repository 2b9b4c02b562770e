import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RETRY_THROTTLED_ONLY } from '../../../shared/http/retry';
import { basePathFor, itemProblem, optionsField, runMsmItems, showFor } from '../common';
import { sessionIdField } from '../locators';
import { BASKET_PATH, basketAnswer, sessionIdFor } from './common';

const show = showFor('basket', 'update');
const MAX_AMOUNT = 100;

export const updateFields: INodeProperties[] = [
	sessionIdField({ show }, 'The basket to change'),
	{
		displayName: 'Product Actions',
		name: 'productActions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Product Action',
		default: {},
		displayOptions: { show },
		description: 'Products to add to or remove from the basket; KPN applies them one after another, in this order',
		options: [
			{
				displayName: 'Product Action',
				name: 'action',
				values: [
					{
						displayName: 'Product Name or ID',
						name: 'productId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getBasketProducts', loadOptionsDependsOn: ['sessionId'] },
						default: '',
						description:
							'A main product or a product of the basket\'s tree (IDs such as 3098 or TreeNode_12345_1234567891). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Action',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Put (Add / Select)', value: 'PUT' },
							{ name: 'Remove (Deselect)', value: 'REMOVE' },
						],
						default: 'PUT',
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_AMOUNT },
						default: 1,
						displayOptions: { show: { type: ['PUT'] } },
						description: 'How many to put in the basket (1 to 100)',
					},
				],
			},
		],
	},
	{
		displayName: 'Characteristic Actions',
		name: 'characteristicActions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Characteristic',
		default: {},
		displayOptions: { show },
		description:
			'Values the new or changed contract needs (e.g. porting, phoneNumber); KPN sets them one after another, in this order',
		options: [
			{
				displayName: 'Characteristic',
				name: 'characteristic',
				values: [
					{
						displayName: 'Characteristic Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getBasketCharacteristics', loadOptionsDependsOn: ['sessionId'] },
						default: '',
						description:
							'The characteristics the basket currently offers. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value to set, as text (e.g. true, 31612345678)',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'SIM Card Number',
				name: 'simCardNumber',
				type: 'string',
				default: '',
				description: 'Short UICCID of a new SIM card to use (digits only)',
			},
			{
				displayName: 'Template ID',
				name: 'templateId',
				type: 'string',
				default: '',
				description: 'Fill the basket from one of your contract templates (new contracts only)',
			},
		],
	},
	optionsField('basket', 'update'),
];

interface Prepared {
	itemIndex: number;
	basePath: string;
	sessionId: string;
	body: IDataObject;
}

type Fail = (message: string, description?: string) => NodeOperationError;

function productActions(raw: unknown, fail: Fail): IDataObject[] | NodeOperationError {
	const list = (raw as { action?: unknown } | undefined)?.action;
	const actions: IDataObject[] = [];
	for (const [index, entry] of (Array.isArray(list) ? list : []).entries()) {
		const action = (entry ?? {}) as IDataObject;
		const where = `Product Actions ${index + 1}`;
		const productId = String(action.productId ?? '').trim();
		if (productId === '') return fail(`${where}: Product is empty`);
		const type = String(action.type ?? 'PUT').toUpperCase();
		if (type !== 'PUT' && type !== 'REMOVE') return fail(`${where}: Action must be PUT or REMOVE (got "${String(action.type)}")`);
		if (type === 'REMOVE') {
			actions.push({ productId, type });
			continue;
		}
		const amount = action.amount === undefined || action.amount === '' ? 1 : Number(action.amount);
		if (!Number.isInteger(amount) || amount < 1 || amount > MAX_AMOUNT) {
			return fail(`${where}: Amount must be a whole number from 1 to ${MAX_AMOUNT} (got ${String(action.amount)})`);
		}
		actions.push({ productId, type, amount });
	}
	return actions;
}

function characteristicActions(raw: unknown, fail: Fail): IDataObject[] | NodeOperationError {
	const list = (raw as { characteristic?: unknown } | undefined)?.characteristic;
	const actions: IDataObject[] = [];
	for (const [index, entry] of (Array.isArray(list) ? list : []).entries()) {
		const action = (entry ?? {}) as IDataObject;
		const name = String(action.name ?? '').trim();
		if (name === '') return fail(`Characteristic Actions ${index + 1}: Name is empty`);
		const value = action.value === undefined || action.value === null ? '' : String(action.value);
		actions.push({ name, value });
	}
	return actions;
}

export async function update(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runMsmItems<Prepared>(this, {
		write: { doneWord: 'changed', label: (_output, item) => `session ${item.sessionId}` },
		prepare: (itemIndex) => {
			const fail = itemProblem(this, itemIndex);
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const sessionId = sessionIdFor(this, itemIndex);
			if (sessionId instanceof NodeOperationError) return sessionId;
			const products = productActions(this.getNodeParameter('productActions', itemIndex, {}), fail);
			if (products instanceof NodeOperationError) return products;
			const characteristics = characteristicActions(this.getNodeParameter('characteristicActions', itemIndex, {}), fail);
			if (characteristics instanceof NodeOperationError) return characteristics;
			const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const body: IDataObject = {};
			if (products.length > 0) body.productActions = products;
			if (characteristics.length > 0) body.characteristicActions = characteristics;
			const simCardNumber = String(additional.simCardNumber ?? '').replace(/\s/g, '');
			if (simCardNumber !== '') {
				if (!/^\d+$/.test(simCardNumber)) return fail(`SIM Card Number "${String(additional.simCardNumber)}" must be digits only (the short UICCID)`);
				body.simCardNumber = simCardNumber;
			}
			const templateId = String(additional.templateId ?? '').trim();
			if (templateId !== '') body.templateId = templateId;
			if (Object.keys(body).length === 0) {
				return fail('Nothing to change', 'Add a Product Action, a Characteristic Action, a SIM Card Number or a Template ID');
			}
			return { itemIndex, basePath, sessionId, body };
		},
		execute: async (client, item) => {
			const response = await client.request<unknown>({
				method: 'POST',
				basePath: item.basePath,
				path: BASKET_PATH,
				qs: { sessionId: item.sessionId },
				body: item.body,
				retryOn: RETRY_THROTTLED_ONLY,
				itemIndex: item.itemIndex,
			});
			return [basketAnswer(response.body, item.sessionId)];
		},
	});
}
