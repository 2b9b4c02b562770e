import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RETRY_THROTTLED_ONLY } from '../../../shared/http/retry';
import { isRecord } from '../../msmApi';
import { basePathFor, itemProblem, optionsField, runMsmItems, showFor, text } from '../common';
import { sessionIdField } from '../locators';
import { BASKET_PATH, sessionIdFor } from './common';
import { checkWishDate, MAX_WISH_DAYS } from './wishDate';

const show = showFor('basket', 'order');
const showAddress = { ...show, deliveryAddress: ['address'] };

/** DeliveryAddressRequest: required fields, lengths as the spec gives them. */
const ADDRESS_FIELDS: Array<{ name: string; label: string; min: number; max: number }> = [
	{ name: 'street', label: 'Street', min: 1, max: 24 },
	{ name: 'houseNumber', label: 'House Number', min: 1, max: 5 },
	{ name: 'city', label: 'City', min: 1, max: 30 },
	{ name: 'companyName', label: 'Company Name', min: 1, max: 35 },
	{ name: 'attention', label: 'Attention', min: 0, max: 35 },
	{ name: 'floor', label: 'Floor', min: 0, max: 21 },
	{ name: 'location', label: 'Location', min: 0, max: 21 },
	{ name: 'room', label: 'Room', min: 0, max: 20 },
	{ name: 'addressName', label: 'Address Name', min: 0, max: Number.POSITIVE_INFINITY },
];

const requiredAddressField = (name: string, displayName: string, placeholder: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	required: true,
	placeholder,
	displayOptions: { show: showAddress },
	description,
});

export const orderFields: INodeProperties[] = [
	{
		displayName: 'Placing an order cannot be undone, and the node never sends an order twice by itself',
		name: 'orderNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	sessionIdField({ show }, 'The basket to order'),
	{
		displayName: 'Reference Number',
		name: 'referenceNumber',
		type: 'string',
		default: '',
		placeholder: 'PO-2024-0042',
		displayOptions: { show },
		description: 'Your own reference for the order (optional)',
	},
	{
		displayName: 'Wish Date',
		name: 'wishDate',
		type: 'dateTime',
		default: '',
		displayOptions: { show },
		description: `When the order should start: today up to ${MAX_WISH_DAYS} days ahead (not on a holiday). Leave empty for as soon as possible.`,
	},
	{
		displayName: 'Delivery Address',
		name: 'deliveryAddress',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Enter an Address', value: 'address', description: 'Give the address in the fields below' },
			{ name: 'None', value: 'none', description: 'Nothing is shipped (e.g. a change of options or a porting order)' },
			{ name: 'Saved Address (ID)', value: 'addressId', description: 'One of your addresses at KPN, by its ID' },
		],
		default: 'none',
		displayOptions: { show },
		description: 'Where KPN ships hardware and SIM cards; needed when the basket contains any',
	},
	{
		displayName: 'Address ID',
		name: 'addressId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '123456',
		displayOptions: { show: { ...show, deliveryAddress: ['addressId'] } },
		description: 'The ID of one of your delivery addresses at KPN',
	},
	requiredAddressField('companyName', 'Company Name', 'Company X BV', 'At most 35 characters'),
	requiredAddressField('street', 'Street', 'Wilhelminakade', 'At most 24 characters'),
	requiredAddressField('houseNumber', 'House Number', '123', 'At most 5 characters'),
	requiredAddressField('postalCode', 'Postal Code', '3072AP', 'Four digits and two letters'),
	requiredAddressField('city', 'City', 'Rotterdam', 'At most 30 characters'),
	{
		displayName: 'Address Details',
		name: 'addressDetails',
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		displayOptions: { show: showAddress },
		description: 'KPN ships within the Netherlands only (country NL)',
		options: [
			{ displayName: 'Address Name', name: 'addressName', type: 'string', default: '' },
			{ displayName: 'Attention', name: 'attention', type: 'string', default: '', description: 'For the attention of (at most 35 characters)' },
			{ displayName: 'Floor', name: 'floor', type: 'string', default: '', description: 'At most 21 characters' },
			{ displayName: 'Location', name: 'location', type: 'string', default: '', description: 'At most 21 characters' },
			{ displayName: 'Room', name: 'room', type: 'string', default: '', description: 'At most 20 characters' },
		],
	},
	optionsField('basket', 'order'),
];

type Fail = (message: string, description?: string) => NodeOperationError;

/** Builds and checks the delivery address (DeliveryAddressRequest). */
function deliveryAddress(context: IExecuteFunctions, itemIndex: number, fail: Fail): IDataObject | NodeOperationError {
	const details = context.getNodeParameter('addressDetails', itemIndex, {}) as IDataObject;
	const values: IDataObject = {};
	for (const field of ADDRESS_FIELDS) {
		const raw = field.min > 0 ? context.getNodeParameter(field.name, itemIndex, '') : details[field.name];
		const value = raw === undefined || raw === null ? '' : String(raw).trim();
		if (value.length < field.min) return fail(`${field.label} is empty`, 'KPN needs Company Name, Street, House Number, Postal Code and City');
		if (value.length > field.max) return fail(`${field.label} has ${value.length} characters; KPN allows at most ${field.max}`);
		if (value !== '') values[field.name] = value;
	}
	const rawPostalCode = text(context, itemIndex, 'postalCode');
	const postal = /^(\d{4})\s*([A-Za-z]{2})$/.exec(rawPostalCode);
	if (rawPostalCode === '') return fail('Postal Code is empty');
	if (!postal) return fail(`Postal Code "${rawPostalCode}" is not a Dutch postal code (four digits and two letters, e.g. 1234AB)`);
	return {
		companyName: values.companyName,
		street: values.street,
		houseNumber: values.houseNumber,
		postalCode: `${postal[1]}${postal[2].toUpperCase()}`,
		city: values.city,
		country: 'NL',
		...Object.fromEntries(Object.entries(values).filter(([name]) => !['companyName', 'street', 'houseNumber', 'city'].includes(name))),
	};
}

interface Prepared {
	itemIndex: number;
	basePath: string;
	sessionId: string;
	body: IDataObject;
}

export async function order(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const timeZone = this.getTimezone();
	return await runMsmItems<Prepared>(this, {
		write: {
			doneWord: 'ordered',
			label: (output) => (output[0]?.orderId !== undefined ? `order ${String(output[0].orderId)}` : undefined),
			check: 'Check your orders at KPN before ordering again.',
		},
		prepare: (itemIndex) => {
			const fail = itemProblem(this, itemIndex);
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const sessionId = sessionIdFor(this, itemIndex);
			if (sessionId instanceof NodeOperationError) return sessionId;
			const body: IDataObject = {};
			const mode = this.getNodeParameter('deliveryAddress', itemIndex, 'none') as string;
			if (mode === 'address') {
				const address = deliveryAddress(this, itemIndex, fail);
				if (address instanceof NodeOperationError) return address;
				body.address = address;
			} else if (mode === 'addressId') {
				const addressId = text(this, itemIndex, 'addressId');
				if (addressId === '') return fail('Address ID is empty');
				if (!/^\d+$/.test(addressId) || !Number.isSafeInteger(Number(addressId))) {
					return fail(`Address ID: "${addressId}" is not an ID`, "KPN's IDs are whole numbers");
				}
				body.addressId = Number(addressId);
			} else if (mode !== 'none') {
				return fail(`Delivery Address must be address, addressId or none (got "${mode}")`);
			}
			const referenceNumber = text(this, itemIndex, 'referenceNumber');
			if (referenceNumber !== '') body.referenceNumber = referenceNumber;
			const wishDate = checkWishDate(this.getNodeParameter('wishDate', itemIndex, ''), timeZone);
			if (wishDate.problem !== undefined) return fail(`Wish Date: ${wishDate.problem}`);
			// null is KPN's "as soon as possible"; it also keeps the body from being empty, which n8n
			// would not send at all (KPN requires an OrderRequest body).
			body.wishDate = wishDate.iso ?? null;
			return { itemIndex, basePath, sessionId, body };
		},
		execute: async (client, item) => {
			const response = await client.request<unknown>({
				method: 'POST',
				basePath: item.basePath,
				path: `${BASKET_PATH}/order`,
				qs: { sessionId: item.sessionId },
				body: item.body,
				// An order is never sent twice: only a 429 (the gateway refused it, KPN never saw it) is
				// sent again; a 5xx, a timeout or an unreadable answer is reported.
				retryOn: RETRY_THROTTLED_ONLY,
				itemIndex: item.itemIndex,
			});
			const answer = isRecord(response.body) ? response.body : {};
			return [{ ...answer, sessionId: item.sessionId }];
		},
	});
}
