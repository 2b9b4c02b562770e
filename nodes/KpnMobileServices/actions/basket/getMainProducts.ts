import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pageSizeOption } from '../../msmApi';
import {
	itemProblem,
	optionsField,
	queryFrom,
	returnAllFields,
	runList,
	showFor,
	sortByOption,
	sortOrderOption,
} from '../common';
import { sessionIdField } from '../locators';
import { BASKET_PATH, sessionIdFor } from './common';
import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';

const show = showFor('basket', 'getMainProducts');

export const MAIN_PRODUCT_CATEGORIES = ['MOBILE', 'SIM CARDS', 'FIXED', 'HARDWARE', 'SOFTWARE', 'OTHER'];
export const MAIN_PRODUCT_SORT_COLUMNS = ['PRODUCT_NAME', 'CATEGORY', 'FOLDER_NAME', 'PRICE_IN_CENTS', 'PRIVATE_COPYING_LEVY_IN_CENTS'];

export const getMainProductsFields: INodeProperties[] = [
	sessionIdField({ show }, 'The basket whose orderable main products to list'),
	...returnAllFields('basket', 'getMainProducts'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				options: [
					{ name: 'Fixed', value: 'FIXED' },
					{ name: 'Hardware', value: 'HARDWARE' },
					{ name: 'Mobile', value: 'MOBILE' },
					{ name: 'Other', value: 'OTHER' },
					{ name: 'SIM Cards', value: 'SIM CARDS' },
					{ name: 'Software', value: 'SOFTWARE' },
				],
				default: 'MOBILE',
				description: 'Only main products of this category',
			},
			{
				displayName: 'Column Filters',
				name: 'columnFilters',
				type: 'string',
				default: '',
				placeholder: 'PRODUCT_NAME: "iPhone"',
				description: "KPN's filters parameter. Columns: PRODUCT_NAME, PRICE_IN_CENTS, PRIVATE_COPYING_LEVY_IN_CENTS.",
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text KPN searches the products for (sent as patterns)',
			},
		],
	},
	optionsField('basket', 'getMainProducts', [
		parallelRequestsOption,
		pageSizeOption,
		sortByOption(MAIN_PRODUCT_SORT_COLUMNS, 'Column KPN sorts the products by'),
		sortOrderOption,
	]),
];

export async function getMainProducts(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runList(this, `${BASKET_PATH}/main-products`, (itemIndex) => {
		const sessionId = sessionIdFor(this, itemIndex);
		if (sessionId instanceof NodeOperationError) return sessionId;
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {
			sessionId,
			...queryFrom(filters, { category: 'category', columnFilters: 'filters', search: 'patterns' }),
			...queryFrom(options, { sortBy: 'sortBy', order: 'order' }),
		};
		if (qs.category !== undefined && !MAIN_PRODUCT_CATEGORIES.includes(String(qs.category).toUpperCase())) {
			return itemProblem(this, itemIndex)(
				`Category must be one of ${MAIN_PRODUCT_CATEGORIES.join(', ')} (got "${String(qs.category)}")`,
			);
		}
		return qs;
	});
}
