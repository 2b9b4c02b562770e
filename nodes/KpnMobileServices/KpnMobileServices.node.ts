import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { create as createBasket, createFields as basketCreateFields } from './actions/basket/create';
import { get as getBasket, getFields as basketGetFields } from './actions/basket/get';
import { getMainProducts, getMainProductsFields } from './actions/basket/getMainProducts';
import { order as orderBasket, orderFields as basketOrderFields } from './actions/basket/order';
import { update as updateBasket, updateFields as basketUpdateFields } from './actions/basket/update';
import { getAll as getAllContracts, getAllFields as contractGetAllFields } from './actions/contract/getAll';
import { getItems as getContractItems, getItemsFields as contractGetItemsFields } from './actions/contract/getItems';
import { getChildren, getChildrenFields } from './actions/hierarchy/getChildren';
import { get as getSubscriber, getFields as subscriberGetFields } from './actions/subscriber/get';
import { getAll as getAllSubscribers, getAllFields as subscriberGetAllFields } from './actions/subscriber/getAll';
import { update as updateSubscriber, updateFields as subscriberUpdateFields } from './actions/subscriber/update';
import { getBasketCharacteristics, getBasketProducts } from './methods/loadOptions';
import { searchContracts, searchSubscribers } from './methods/listSearch';
import { executeSpecOperation, isSpecOperation, SPEC_RESOURCES, specOperationProperties } from './spec';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

/** The hand-written operations: resource → operation → run. */
const OPERATIONS: Record<string, Record<string, Operation>> = {
	basket: {
		create: createBasket,
		get: getBasket,
		getMainProducts,
		order: orderBasket,
		update: updateBasket,
	},
	contract: { getAll: getAllContracts, getItems: getContractItems },
	hierarchy: { getChildren },
	subscriber: { get: getSubscriber, getAll: getAllSubscribers, update: updateSubscriber },
};

const OWN_RESOURCES: INodePropertyOptions[] = [
	{ name: 'Basket', value: 'basket', description: 'Change contracts and order products through a contracting basket' },
	{ name: 'Contract', value: 'contract', description: 'Mobile and fixed contracts and their products' },
	{ name: 'Hierarchy', value: 'hierarchy', description: 'Your company structure: debtors, cost centers, groups' },
	{ name: 'Subscriber', value: 'subscriber', description: 'Employees with (or without) a KPN subscription' },
];

/** Hand-written resources plus the generated ones, one entry per value, sorted by name. */
export function resourceOptions(extra: INodePropertyOptions[] = SPEC_RESOURCES): INodePropertyOptions[] {
	const own = new Set(OWN_RESOURCES.map((option) => option.value));
	return [...OWN_RESOURCES, ...extra.filter((option) => !own.has(option.value))].sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}

const operationProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscriber'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get the details of one subscriber', action: 'Get the details of one mobile subscriber' },
			{ name: 'Get Many', value: 'getAll', description: 'List the subscribers you manage', action: 'Get many mobile subscribers you manage' },
			{
				name: 'Update',
				value: 'update',
				description: 'Change a subscriber\'s details (keeps the fields you do not change)',
				action: 'Update the details of a mobile subscriber',
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contract'] } },
		options: [
			{ name: 'Get Items', value: 'getItems', description: 'Get the products (contract items) of a contract', action: 'Get the products of a mobile contract' },
			{ name: 'Get Many', value: 'getAll', description: 'List your contracts', action: 'Get many mobile contracts of your company' },
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hierarchy'] } },
		options: [
			{
				name: 'Get Children',
				value: 'getChildren',
				description: 'List the children of a hierarchy entity, or the top level you manage',
				action: 'Get the children of a mobile hierarchy entity',
			},
		],
		default: 'getChildren',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['basket'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Start a basket for a contract or a subscriber', action: 'Start a basket to change a mobile contract or subscriber' },
			{ name: 'Get', value: 'get', description: 'Get the product tree, characteristics and prices of a basket', action: 'Get the products characteristics and prices of a basket' },
			{
				name: 'Get Main Products',
				value: 'getMainProducts',
				description: 'List the main products that can be added to a basket',
				action: 'Get the main products that can be added to a basket',
			},
			{ name: 'Order', value: 'order', description: 'Place the order for the changes in a basket', action: 'Place the order for the changes in a basket' },
			{
				name: 'Update',
				value: 'update',
				description: 'Add or remove products and set characteristics in a basket',
				action: 'Add or remove products and set characteristics in a basket',
			},
		],
		default: 'create',
	},
];

export class KpnMobileServices implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KPN Mobile Service Management',
		name: 'kpnMobileServices',
		icon: { light: 'file:../../icons/kpn.svg', dark: 'file:../../icons/kpn.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage KPN mobile subscribers, contracts and orders (Mobile Service Management API)',
		defaults: { name: 'KPN Mobile Service Management' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kpnMobileServiceManagementApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions(),
				default: 'subscriber',
			},
			...operationProperties,
			...subscriberGetAllFields,
			...subscriberGetFields,
			...subscriberUpdateFields,
			...contractGetAllFields,
			...contractGetItemsFields,
			...getChildrenFields,
			...basketCreateFields,
			...basketGetFields,
			...getMainProductsFields,
			...basketUpdateFields,
			...basketOrderFields,
			...specOperationProperties,
		],
	};

	methods = {
		listSearch: { searchContracts, searchSubscribers },
		loadOptions: { getBasketCharacteristics, getBasketProducts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = String(this.getNodeParameter('resource', 0, '') ?? '');
		const operation = String(this.getNodeParameter('operation', 0, '') ?? '');
		const own = Object.hasOwn(OPERATIONS, resource) && Object.hasOwn(OPERATIONS[resource], operation);
		if (own) return [await OPERATIONS[resource][operation].call(this)];
		if (isSpecOperation(resource, operation)) return await executeSpecOperation.call(this, resource, operation);
		throw new NodeOperationError(this.getNode(), `Unknown operation "${resource}/${operation}"`, {
			description:
				'KPN Mobile Service Management supports subscriber: getAll, get, update; contract: getAll, getItems; hierarchy: getChildren; basket: create, get, getMainProducts, update, order',
		});
	}
}
